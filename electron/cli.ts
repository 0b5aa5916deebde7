// `cloudcue resolve <url|-> [--json] [--provider v2|official|legacy]` and `cloudcue links <text|->`:
// the app's resolver, headless. Honours CLOUDCUE_SC_ORIGIN.
import { realpathSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
import { OriginError, parseScOrigin } from './soundcloud/hosts';
import { createSoundCloudService } from './soundcloud/service';

const USAGE = `Usage:
  cloudcue resolve <url|-> [--json] [--provider v2|official|legacy] [--cap N]
      Resolves SoundCloud links (or every link in text read from standard input with -) and prints each
      track with a fresh stream URL. Exits 1 if any link failed.
  cloudcue links <text|->
      Prints the normalized SoundCloud links found in the text.

Environment: CLOUDCUE_SC_ORIGIN (a loopback SoundCloud simulator), CLOUDCUE_CLIENT_ID (seed chain),
CLOUDCUE_OFFICIAL_CLIENT_ID and CLOUDCUE_OFFICIAL_CLIENT_SECRET (the official API's app credentials).`;

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  readStdin: () => Promise<string>;
  env: Record<string, string | undefined>;
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
  track: Track | null;
  stream: StreamGrant | null;
  error: AppError | null;
}

function printRow(row: Row, json: boolean, io: CliIo): void {
  if (json) {
    const base = row.track
      ? {
          id: row.track.id,
          title: row.track.title,
          artist: row.track.artist,
          duration: row.track.durationMs,
          permalink: row.track.permalink,
        }
      : { permalink: row.link };
    const tail = row.error ? { error: row.error } : { stream: row.stream };
    io.stdout(JSON.stringify({ ...base, ...tail }));
    return;
  }
  if (row.track === null || row.error !== null) {
    const what = row.track ? `${row.track.title} — ${row.track.artist}` : row.link;
    io.stdout(`✗ ${what}: ${row.error?.message ?? 'failed'} [${row.error?.code ?? 'SERVER'}]`);
    return;
  }
  const { track, stream } = row;
  io.stdout(`${track.title} — ${track.artist} (${formatDuration(track.durationMs)})  ${track.permalink}`);
  if (stream) {
    const expires = new Date(stream.expiresAt).toISOString();
    const kind = `${stream.protocol} ${stream.mimeType}${stream.preview ? ', 30-second preview' : ''}`;
    io.stdout(`  ${kind}, expires ${expires}\n  ${stream.url}`);
  }
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
  const dir = cacheDir(io.env);
  await mkdir(dir, { recursive: true }).catch(() => undefined);
  const clientId = io.env['CLOUDCUE_OFFICIAL_CLIENT_ID'];
  const clientSecret = io.env['CLOUDCUE_OFFICIAL_CLIENT_SECRET'];
  const legacyClientId = io.env['CLOUDCUE_CLIENT_ID'];
  const service = createSoundCloudService({
    origin,
    clientIdFile: join(dir, origin === null ? 'client-id.json' : 'client-id.simulator.json'),
    ...(legacyClientId ? { legacyClientId } : {}),
    settings: {
      provider,
      userTrackCap: cap,
      officialCredentials: () => (clientId && clientSecret ? { clientId, clientSecret } : null),
      setProblem: () => undefined,
    },
  });
  const results = new Map<string, Entry[]>();
  const batch = service.addLinks(text, (event) => {
    if (event.type === 'resolved') results.set(event.itemId, event.entries);
  });
  if (!batch.result.ok) {
    io.stderr(batch.result.error.message);
    return 1;
  }
  await batch.done;
  let failed = false;
  for (const placeholder of batch.result.value.items) {
    const entries: Entry[] =
      placeholder.error !== null
        ? [{ itemId: placeholder.itemId, ok: false, error: placeholder.error, label: placeholder.link }]
        : (results.get(placeholder.itemId) ?? []);
    for (const entry of entries) {
      if (!entry.ok) {
        failed = true;
        printRow({ link: entry.label, track: null, stream: null, error: entry.error }, json, io);
        continue;
      }
      const stream = await service.getStream(entry.track.id);
      if (!stream.ok) failed = true;
      printRow(
        {
          link: entry.track.permalink,
          track: entry.track,
          stream: stream.ok ? stream.value : null,
          error: stream.ok ? null : stream.error,
        },
        json,
        io,
      );
    }
  }
  return failed ? 1 : 0;
}

function linksCommand(text: string, io: CliIo): number {
  const found = findLinks(text);
  for (const link of found) {
    if (link.link !== null) io.stdout(link.link + (link.startSeconds > 0 ? `#t=${link.startSeconds}` : ''));
    else io.stderr(`refused: ${link.raw} (${link.refusal ?? 'not playable'})`);
  }
  if (found.length === 0) io.stderr('No SoundCloud links found.');
  return found.some((l) => l.link !== null) ? 0 : 1;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
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

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** True when this module is the program being run (also through npm's bin symlink). */
function isMain(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  const code = await runCli(process.argv.slice(2), {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    readStdin,
    env: process.env,
  });
  process.exitCode = code;
}
