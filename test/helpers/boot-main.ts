// Run in a child process (see built-app.ts): boots a built main.js on the electron stand-in, lets the app
// become ready, waits for its first page, then writes what main did as JSON to the file named by argv[3].
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { becomeReady, record } from './electron-stand-in';

const [mainPath, outPath] = process.argv.slice(2);
if (mainPath === undefined || outPath === undefined) throw new Error('usage: boot-main <main.js> <out.json>');

/** What the app's page gets when it is asked for through main's own protocol handler, if main has one. */
async function served(
  url: string,
): Promise<{ status: number; headers: Record<string, string>; body: string } | null> {
  const handler = record.protocolHandlers.get(new URL(url).protocol.replace(/:$/, ''));
  if (handler === undefined) return null;
  const response = await handler(new Request(url));
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  };
}

const startedAt = Date.now();
const settled = (): boolean =>
  record.windows.some((window) => window.loaded.length > 0) ||
  record.exitCodes.length > 0 ||
  record.calls.some((call) => call.owner === 'app' && call.member === 'quit');

await import(pathToFileURL(mainPath).href);
becomeReady();
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
while (!settled() && Date.now() - startedAt < 10_000) await pause(10);
// An app that quits before its page loads (a second launch) is watched a moment longer: a window or tray it
// still made after asking to quit must show in the record, not be missed because the record was written first.
if (!record.windows.some((window) => window.loaded.length > 0)) await pause(1000);
const page = record.windows.flatMap((window) => window.loaded)[0] ?? null;
await writeFile(
  outPath,
  JSON.stringify({
    ...record,
    protocolHandlers: [...record.protocolHandlers.keys()],
    page,
    served: page === null ? null : await served(page),
    bootMs: Date.now() - startedAt,
  }),
);
// The app may hold timers open, as it would keep running in Electron: the boot is over.
process.exit(0);
