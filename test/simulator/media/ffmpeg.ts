// ffmpeg for the simulator's HLS renditions: finding the binary, running it a few at a time, and
// building a rendition folder once in the on-disk cache.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { CACHE_DIR } from './audio';

/** No single ffmpeg run (even the ten-minute AAC encode) should come near this. */
const FFMPEG_TIMEOUT_MS = 120_000;
/** ffmpeg processes at once: enough to build two tracks in parallel without starving a two-core machine. */
const MAX_RUNS = 2;

/** Thrown (and answered 503) when no ffmpeg binary is available: HLS needs it, nothing else does. */
export class FfmpegMissingError extends Error {
  constructor() {
    super(
      'The SoundCloud simulator needs ffmpeg to serve HLS media, and none was found on PATH. ' +
        'Install it with `sudo apt-get install ffmpeg` (Debian/Ubuntu), or point CLOUDCUE_FFMPEG at an ffmpeg binary.',
    );
    this.name = 'FfmpegMissingError';
  }
}

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The ffmpeg to run: CLOUDCUE_FFMPEG, else the first `ffmpeg` on PATH; null when there is none. */
export async function findFfmpeg(): Promise<string | null> {
  const configured = process.env['CLOUDCUE_FFMPEG'];
  if (configured !== undefined && configured !== '')
    return (await executable(configured)) ? configured : null;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir !== '' && (await executable(join(dir, 'ffmpeg')))) return join(dir, 'ffmpeg');
  }
  return null;
}

// A small queue, so a burst of requests for many tracks does not start a dozen encoders at once.
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Runs ffmpeg in `cwd` (arguments passed as a list: no shell); rejects with its stderr on failure. */
export async function ffmpeg(args: string[], cwd: string): Promise<void> {
  const binary = await findFfmpeg();
  if (binary === null) throw new FfmpegMissingError();
  await limited(
    () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(binary, ['-nostdin', '-hide_banner', '-v', 'error', ...args], {
          cwd,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => {
          stderr += chunk;
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), FFMPEG_TIMEOUT_MS);
        child.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          if (code === 0) resolve();
          else reject(new Error(`ffmpeg ${args.join(' ')} failed (${signal ?? code}): ${stderr.trim()}`));
        });
      }),
  );
}

/**
 * The rendition in CACHE_DIR/<name>, made by `make` in a fresh temporary folder (which it fills from
 * `in.mp3`) and renamed into place, so a half-written folder is never read, even by another process.
 */
export async function cachedFolder<T>(
  name: string,
  mp3: Buffer,
  make: (dir: string) => Promise<void>,
  load: (dir: string) => Promise<T>,
): Promise<T> {
  const final = join(CACHE_DIR, name);
  try {
    return await load(final);
  } catch {
    // Not cached yet (or unreadable, e.g. cut short by a crash): make it again.
  }
  await mkdir(CACHE_DIR, { recursive: true });
  const temp = await mkdtemp(join(CACHE_DIR, `${name}.tmp-`));
  try {
    await writeFile(join(temp, 'in.mp3'), mp3);
    await make(temp);
    await rm(join(temp, 'in.mp3'));
    try {
      await rename(temp, final);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      // Another process renamed its identical folder into place first: use that one, unless it is a
      // broken leftover, which ours replaces.
      try {
        return await load(final);
      } catch {
        await rm(final, { recursive: true, force: true });
        await rename(temp, final);
      }
    }
    return await load(final);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
