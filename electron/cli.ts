// `cloudcue resolve <url|-> [--json] [--provider v2|official|legacy]` and `cloudcue links <text|->`:
// the app's resolver, headless (honours CLOUDCUE_SC_ORIGIN); `cloudcue [--play] <link>…` opens links in the app.
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AppError } from '../shared/errors';
import {
  providerNameSchema,
  type Entry,
  type ProviderName,
  type StreamGrant,
  type Track,
} from '../shared/ipc';
import { findLinks } from '../shared/links';
import { cleanDisplayText as oneLine } from '../shared/text-clean';
import { isProgram, readStdin } from './cli-process';
import { inCliWords } from './cli-words';
import { routeCommandLine } from './desktop/launch-links';
import { openInApp, type AppLauncher } from './launch-app';
import { OriginError, parseScOrigin } from './soundcloud/hosts';
import { createSoundCloudService, type SoundCloudService } from './soundcloud/service';

const USAGE = `Usage:
  cloudcue resolve <url|-> [--json] [--provider v2|official|legacy] [--cap N]
      Resolves SoundCloud links (or every link in text read from standard input with -) and prints each
      track with a fresh stream URL, in the order of the links. Exits 1 if any link failed.
  cloudcue links <text|->
      Prints the normalized SoundCloud links found in the text.
  cloudcue [--play] <link>…
      Adds SoundCloud links to the queue of the running app (starting it if needed); --play plays the first.

Environment:
  CLOUDCUE_CLIENT_ID               a client id for the Web API (v2; skips finding SoundCloud's public one)
                                   and for the legacy chain
  CLOUDCUE_OFFICIAL_CLIENT_ID      the official API's app credentials (--provider official)
  CLOUDCUE_OFFICIAL_CLIENT_SECRET
  CLOUDCUE_SC_ORIGIN               a loopback SoundCloud simulator, e.g. http://127.0.0.1:8123
  XDG_CACHE_HOME                   where the client id found on soundcloud.com is kept (default ~/.cache)`;

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  readStdin: () => Promise<string>;
  env: Record<string, string | undefined>;
  /** Starts the app with these arguments (a running one takes them over); Electron itself by default. */
  launchApp?: AppLauncher;
}

function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

function cacheDir(env: Record<string, string | undefined>): string {
  return join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'cloudcue');
}

interface Row {
  link: string;
  /** The track's id when known, also for a track that failed. */
  id: number | null;
  track: Track | null;
  stream: StreamGrant | null;
  error: AppError | null;
}

/**
 * Text as the terminal gets it: the CLI's own line breaks kept, every other control character (ESC, C1's
 * CSI, a bare CR) made a space and bidi overrides removed, so nothing SoundCloud or a pasted file says can
 * steer the terminal or make a line read in another order.
 */
function printable(text: string): string {
  return text.split('\n').map(oneLine).join('\n');
}

/** One JSON line: JSON escapes C0 itself; DEL and C1 are escaped too, since some terminals obey them raw. */
function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function printRow(given: Row, json: boolean, io: CliIo): void {
  const row = given.error === null ? given : { ...given, error: inCliWords(given.error) };
  if (json) {
    const base = row.track
      ? {
          id: row.track.id,
          title: row.track.title,
          artist: row.track.artist,
          duration: row.track.durationMs,
          permalink: row.track.permalink,
        }
      : { ...(row.id === null ? {} : { id: row.id }), permalink: row.link };
    const tail = row.error ? { error: row.error } : { stream: row.stream };
    io.stdout(jsonLine({ ...base, ...tail }));
    return;
  }
  // Each remote string stays on its line: a title's line break would forge a row of its own.
  if (row.track === null || row.error !== null) {
    const what = row.track ? `${oneLine(row.track.title)} — ${oneLine(row.track.artist)}` : oneLine(row.link);
    io.stdout(`✗ ${what}: ${oneLine(row.error?.message ?? 'failed')} [${row.error?.code ?? 'SERVER'}]`);
    return;
  }
  const { track, stream } = row;
  const title = `${oneLine(track.title)} — ${oneLine(track.artist)}`;
  io.stdout(`${title} (${formatDuration(track.durationMs)})  ${oneLine(track.permalink)}`);
  if (stream) {
    const expires = new Date(stream.expiresAt).toISOString();
    const kind = `${stream.protocol} ${oneLine(stream.mimeType)}${stream.preview ? ', 30-second preview' : ''}`;
    io.stdout(`  ${kind}, expires ${expires}\n  ${oneLine(stream.url)}`);
  }
}

/** Settles with the entries of each placeholder as its 'resolved' event arrives. */
function entriesByItem(): {
  of(itemId: string): Promise<Entry[]>;
  settle(itemId: string, entries: Entry[]): void;
} {
  const waiting = new Map<string, { promise: Promise<Entry[]>; resolve: (entries: Entry[]) => void }>();
  const slot = (itemId: string): { promise: Promise<Entry[]>; resolve: (entries: Entry[]) => void } => {
    let found = waiting.get(itemId);
    if (found === undefined) {
      let resolve: (entries: Entry[]) => void = () => undefined;
      const promise = new Promise<Entry[]>((r) => (resolve = r));
      found = { promise, resolve };
      waiting.set(itemId, found);
    }
    return found;
  };
  return { of: (itemId) => slot(itemId).promise, settle: (itemId, entries) => slot(itemId).resolve(entries) };
}

/** The app's resolver for one run: the client id cache in the user's cache folder, credentials from the env. */
async function cliService(
  origin: string | null,
  provider: ProviderName,
  cap: number,
  io: CliIo,
): Promise<SoundCloudService> {
  const dir = cacheDir(io.env);
  await mkdir(dir, { recursive: true }).catch(() => undefined);
  const clientId = io.env['CLOUDCUE_OFFICIAL_CLIENT_ID'];
  const clientSecret = io.env['CLOUDCUE_OFFICIAL_CLIENT_SECRET'];
  const chosenClientId = io.env['CLOUDCUE_CLIENT_ID']?.trim() ?? '';
  return createSoundCloudService({
    origin,
    clientIdFile: join(dir, origin === null ? 'client-id.json' : 'client-id.simulator.json'),
    ...(chosenClientId ? { legacyClientId: chosenClientId } : {}),
    settings: {
      provider,
      userTrackCap: cap,
      webClientId: chosenClientId,
      streamPreference: 'aac',
      officialCredentials: () => (clientId && clientSecret ? { clientId, clientSecret } : null),
      setProblem: () => undefined,
    },
    // A pause SoundCloud asked for explains a slow run.
    onStatus: (event) => {
      if (event.type === 'status' && event.pause !== null) io.stderr(event.pause.message);
    },
  });
}

/** A track's row, asking for its stream at once: the shared HTTP limit keeps six requests in flight. */
async function rowOf(service: SoundCloudService, entry: Entry): Promise<Row> {
  if (!entry.ok) {
    const id = service.trackIdOf(entry.itemId);
    return { link: entry.label, id, track: null, stream: null, error: entry.error };
  }
  const stream = await service.getStream(entry.track.id);
  return {
    link: entry.track.permalink,
    id: entry.track.id,
    track: entry.track,
    stream: stream.ok ? stream.value : null,
    error: stream.ok ? null : stream.error,
  };
}

async function resolveCommand(
  text: string,
  json: boolean,
  provider: ProviderName,
  cap: number,
  io: CliIo,
): Promise<number> {
  let origin: string | null;
  try {
    origin = parseScOrigin(io.env['CLOUDCUE_SC_ORIGIN']);
  } catch (error) {
    io.stderr(error instanceof OriginError ? error.message : String(error));
    return 2;
  }
  const service = await cliService(origin, provider, cap, io);
  const results = entriesByItem();
  const batch = service.addLinks(text, (event) => {
    if (event.type === 'resolved') results.settle(event.itemId, event.entries);
  });
  if (!batch.result.ok) {
    io.stderr(batch.result.error.message);
    return 1;
  }
  // Every link's rows are under way together; they are printed in the order of the links.
  const rows = batch.result.value.items.map(async (placeholder): Promise<Row[]> => {
    if (placeholder.error !== null) {
      return [{ link: placeholder.link, id: null, track: null, stream: null, error: placeholder.error }];
    }
    return Promise.all((await results.of(placeholder.itemId)).map((entry) => rowOf(service, entry)));
  });
  let failed = false;
  for (const pending of rows) {
    for (const row of await pending) {
      if (row.error !== null) failed = true;
      printRow(row, json, io);
    }
  }
  await batch.done;
  return failed ? 1 : 0;
}

function linksCommand(text: string, io: CliIo): number {
  const found = findLinks(text);
  for (const link of found) {
    if (link.link !== null) io.stdout(link.link + (link.startSeconds > 0 ? `#t=${link.startSeconds}` : ''));
    else io.stderr(`refused: ${oneLine(link.raw)} (${link.refusal ?? 'not playable'})`);
  }
  if (found.length === 0) io.stderr('No SoundCloud links found.');
  return found.some((l) => l.link !== null) ? 0 : 1;
}

export async function runCli(argv: string[], given: CliIo): Promise<number> {
  const io: CliIo = {
    ...given,
    stdout: (line) => given.stdout(printable(line)),
    stderr: (line) => given.stderr(printable(line)),
  };
  const route = routeCommandLine(argv);
  if (route.kind === 'app') return openInApp(route.launch, io);
  if (route.kind === 'usage') {
    io.stderr(USAGE);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        provider: { type: 'string', default: 'v2' },
        cap: { type: 'string', default: '500' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, input, ...extra] = positionals;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if ((command !== 'resolve' && command !== 'links') || input === undefined || extra.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  const provider = providerNameSchema.safeParse(values.provider);
  const cap = Number(values.cap);
  if (!provider.success || !Number.isInteger(cap) || cap < 1) {
    io.stderr(`--provider must be v2, official or legacy, and --cap a positive whole number.\n\n${USAGE}`);
    return 2;
  }
  const text = input === '-' ? await io.readStdin() : input;
  return command === 'links'
    ? linksCommand(text, io)
    : resolveCommand(text, values.json, provider.data, cap, io);
}

if (isProgram(import.meta.url)) {
  const code = await runCli(process.argv.slice(2), {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    readStdin,
    env: process.env,
  });
  process.exitCode = code;
}
