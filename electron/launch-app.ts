// Starts the desktop app from the Node CLI (`cloudcue <link>…`): Electron on this checkout or install, detached,
// with the links as its arguments; an app already running takes them through its single-instance lock.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LaunchLinks } from './desktop/launch-links';

/** Starts the app with these arguments. */
export type AppLauncher = (args: string[]) => Promise<void>;

/** The folder of Cloudcue's package.json above `from` (out/main/ when built, electron/ under tsx). */
export function appFolder(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'cloudcue'
    ) {
      return folder;
    }
    if (dirname(folder) === folder) throw new Error(`no Cloudcue package above ${from}`);
  }
}

/** Resolves once Electron has started (it keeps running on its own), rejects if it cannot be. */
export const launchApp: AppLauncher = (args) => {
  // Under Node, the electron package's main export is the path of its binary.
  const electron = createRequire(import.meta.url)('electron') as unknown;
  if (typeof electron !== 'string') return Promise.reject(new Error('the electron package is not installed'));
  const child = spawn(electron, [appFolder(import.meta.dirname), ...args], {
    detached: true,
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
};

/** Hands links to the app: the running instance takes them (its second-instance), or a new one starts. */
export async function openInApp(
  launch: LaunchLinks,
  io: { stdout: (line: string) => void; stderr: (line: string) => void; launchApp?: AppLauncher },
): Promise<number> {
  for (const reason of launch.refused) io.stderr(reason);
  try {
    await (io.launchApp ?? launchApp)([...(launch.play ? ['--play'] : []), ...launch.links]);
  } catch (error) {
    io.stderr(`Cannot start Cloudcue: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const count = launch.links.length;
  io.stdout(`Opening ${count} link${count === 1 ? '' : 's'} in Cloudcue.`);
  return 0;
}
