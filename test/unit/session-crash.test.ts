// The proof that a crash never costs the queue or the playlists: a real writer process is SIGKILLed at random
// moments 200 times, and every next start loads either the state being written or the one before it, never an
// error, for the session and for the playlists alike.
import { spawn } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaylistsStore } from '../../electron/state/playlists';
import { decodePlaylists } from '../../electron/state/playlists-format';
import { createSessionStore } from '../../electron/state/session';
import { decodeSession } from '../../electron/state/session-format';
import { seededRandom } from '../helpers/random';
import { crashPlaylists, crashSession, playlistsFileBeside, playlistsGeneration } from './session-writer';

const ITERATIONS = 200;
const SEED = 0xc10dc0e;
/** Kill delays, counted from the writer's `ready`, so kills land in the write loop, not in Node's startup. */
const MIN_DELAY_MS = 5;
const MAX_DELAY_MS = 60;

interface Run {
  lines: string[];
  stderr: string;
  signal: NodeJS.Signals | null;
  code: number | null;
}

/** Starts the writer, kills it `delayMs` after it reports ready, and returns everything it said. */
function runAndKill(bundle: string, file: string, delayMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (killTimer === undefined && stdout.includes('ready ')) {
        killTimer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    // A writer that never gets ready (a broken bundle) must fail the test, not hang it.
    const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', reject);
    // 'close' comes after the pipes are drained: every line the writer wrote before dying is in `stdout`.
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (killTimer !== undefined) clearTimeout(killTimer);
      resolve({ lines: stdout.split('\n').filter((line) => line !== ''), stderr, signal, code });
    });
  });
}

let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = await fsp.mkdtemp(join(tmpdir(), 'cloudcue-session-crash-'));
  bundle = join(dir, 'writer.mjs');
  // Bundled once, so each of the 200 children starts with plain `node` in tens of milliseconds.
  await build({
    stdin: {
      contents: "import { runWriter } from './session-writer';\nawait runWriter(process.argv[2] ?? '');\n",
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      sourcefile: 'writer-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'silent',
  });
});

afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

describe('session crash safety', () => {
  it(`loads the new or the previous state after each of ${ITERATIONS} kills at random moments`, async () => {
    const started = performance.now();
    const random = seededRandom(SEED);
    const file = join(dir, 'session.json');
    // A first good session, as a first run would leave: from here on the queue must never come back empty.
    const seeder = createSessionStore({ file });
    seeder.save(crashSession(0));
    await seeder.flush();
    const playlistsFile = playlistsFileBeside(file);
    const playlistsSeeder = createPlaylistsStore({ file: playlistsFile });
    playlistsSeeder.save(crashPlaylists(0));
    await playlistsSeeder.flush();

    let expectedStart = 0;
    let listsStart = 0;
    let inFlightKills = 0;
    let newStateLanded = 0;
    let temporariesLeft = 0;
    let generationsWritten = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const delayMs = MIN_DELAY_MS + Math.floor(random() * (MAX_DELAY_MS - MIN_DELAY_MS + 1));
      const context = `iteration ${iteration}, delay ${delayMs} ms, seed ${SEED}`;
      const run = await runAndKill(bundle, file, delayMs);
      expect(run.signal, `${context}: the writer ended by itself: ${run.stderr}`).toBe('SIGKILL');
      // A logged warning would mean a write failed and `done` was reported for nothing.
      expect(run.stderr, context).toBe('');
      expect(run.lines[0], context).toBe(`ready ${expectedStart}`);

      // The last generation known to be on disk, and the one being written when the kill came (if any).
      let lastDone = expectedStart;
      let inFlight: number | null = null;
      for (const line of run.lines.slice(1)) {
        const [word, number] = line.split(' ');
        const generation = Number(number);
        if (word === 'begin') {
          expect(generation, context).toBe(lastDone + 1);
          inFlight = generation;
        } else if (word === 'done') {
          expect(generation, context).toBe(inFlight);
          lastDone = generation;
          inFlight = null;
        } else {
          throw new Error(`${context}: unexpected line ${line}`);
        }
      }
      generationsWritten += lastDone - expectedStart;
      if (inFlight !== null) inFlightKills++;
      temporariesLeft += (await fsp.readdir(dir)).filter((name) => name.includes('.tmp-')).length;

      // The next start, in this process: no error, no notice (nothing was ever damaged), and a session.
      const { session, notice } = await createSessionStore({ file }).load();
      expect(notice, context).toBeNull();
      expect(session, context).not.toBeNull();
      const loaded = session?.positionSeconds ?? -1;
      // "New or previous": the last generation the writer confirmed, or the one it was writing when
      // killed (renamed into place just before the `done` line could be written). Nothing else.
      const allowed = inFlight === null ? [lastDone] : [lastDone, inFlight];
      expect(allowed, context).toContain(loaded);
      // Exactly that state, item for item: not a mix of two writes, nor a truncated one.
      expect(session, context).toEqual(crashSession(loaded));
      if (loaded === inFlight) newStateLanded++;

      // The playlists, written after the session in each generation: the new or the previous state too.
      const lists = await createPlaylistsStore({ file: playlistsFile }).load();
      expect(lists.notice, context).toBeNull();
      const listsGeneration = playlistsGeneration(lists.playlists);
      // The last ones confirmed, the ones being written, or (no generation confirmed in this run) those the
      // run started with: a kill between the session's rename and theirs leaves them a generation behind it.
      const allowedLists = inFlight === null ? [lastDone] : [lastDone, inFlight];
      if (lastDone === expectedStart) allowedLists.push(listsStart);
      expect(allowedLists, context).toContain(listsGeneration);
      expect(lists.playlists, context).toEqual(crashPlaylists(listsGeneration));
      const listsBackup = await fsp.readFile(`${playlistsFile}.bak`, 'utf8').catch(() => null);
      if (listsBackup !== null) expect(decodePlaylists(listsBackup).kind, context).toBe('ok');
      listsStart = listsGeneration;

      // The backup, when there is one, is a loadable state no newer than the file.
      const backup = await fsp.readFile(`${file}.bak`, 'utf8').catch(() => null);
      if (backup !== null) {
        const decoded = decodeSession(backup);
        expect(decoded.kind, context).toBe('ok');
        if (decoded.kind === 'ok') expect(decoded.session.positionSeconds).toBeLessThanOrEqual(loaded);
      }
      expectedStart = loaded;
    }

    const seconds = (performance.now() - started) / 1000;
    console.log(
      `session crash test: ${ITERATIONS} kills in ${seconds.toFixed(1)} s; ${generationsWritten} ` +
        `generations confirmed; ${inFlightKills} kills mid-save (${newStateLanded} had already renamed the ` +
        `new file into place, ${inFlightKills - newStateLanded} left the previous one), ` +
        `${temporariesLeft} unfinished temporaries (file or backup) left behind, then cleaned by the load`,
    );
    // Most kills must land during a save, or the test proves little.
    expect(inFlightKills).toBeGreaterThan(ITERATIONS / 2);
    // It has taken close to 90 s on a shared 2-core machine, and up to 300 s with the playlists written in
    // each generation too on one shared with other test runs: the bound leaves room for a busier one.
  }, 420_000);
});
