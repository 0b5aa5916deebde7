// HLS renditions of a track's tone, cut and encoded by ffmpeg: ~10 s raw MP3 segments (cf-hls-media) and
// AAC in fragmented MP4 (the AAC host). Built once per tone, cached on disk, playlists written per request.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { CACHE_DIR } from './audio';

/** Segment length asked of ffmpeg; SoundCloud's HLS MP3 segments are about 10 s too. */
const SEGMENT_SECONDS = 10;
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

export interface Mp3Segment {
  /** Start and end within the track, in ms: the `/media/<startMs>/<endMs>/` part of its URL. */
  startMs: number;
  endMs: number;
  data: Buffer;
}

export interface Mp3Rendition {
  segments: Mp3Segment[];
}

export interface AacRendition {
  /** ffmpeg's own playlist, with relative URIs (`init.mp4`, `data<N>.m4s`). */
  playlist: string;
  /** Files of the rendition by name: `init.mp4` and the `.m4s` segments. */
  files: Map<string, Buffer>;
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
async function ffmpeg(args: string[], cwd: string): Promise<void> {
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
async function cachedFolder<T>(
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

/** `seg000.mp3,0.000000,10.004898` lines → segments, timed exactly as ffmpeg cut them (on frame edges). */
async function loadMp3(dir: string): Promise<Mp3Rendition> {
  const list = await readFile(join(dir, 'list.csv'), 'utf8');
  const segments: Mp3Segment[] = [];
  for (const line of list.split('\n')) {
    if (line.trim() === '') continue;
    const [file, start, end] = line.split(',');
    if (file === undefined || start === undefined || end === undefined || !/^seg\d+\.mp3$/.test(file)) {
      throw new Error(`unexpected segment list line in ${dir}: ${line}`);
    }
    segments.push({
      startMs: Math.round(Number(start) * 1000),
      endMs: Math.round(Number(end) * 1000),
      data: await readFile(join(dir, file)),
    });
  }
  if (segments.length === 0) throw new Error(`no segments in ${dir}`);
  return { segments };
}

/**
 * Where to cut a track of `durationMs`: every 10 s, except that a last piece shorter than a second (the
 * encoder's padding past a round duration, e.g. a 30 s preview) stays with the one before it.
 */
function cutPoints(durationMs: number): string[] {
  const points: string[] = [];
  for (let at = SEGMENT_SECONDS; at < durationMs / 1000 - 1; at += SEGMENT_SECONDS) points.push(String(at));
  return points;
}

/**
 * Cuts the MP3 (`durationMs` long) into ~10 s pieces on frame edges, without re-encoding. No ID3 tag or
 * Xing frame per piece: like the real segments they are bare MPEG audio frames, which concatenate back
 * into the original stream.
 */
export function buildMp3Rendition(mp3: Buffer, durationMs: number, key: string): Promise<Mp3Rendition> {
  const points = cutPoints(durationMs);
  // A track of 11 s or less is one piece: a cut time past its end asks for exactly that.
  const cuts = points.length > 0 ? ['-segment_times', points.join(',')] : ['-segment_time', '3600'];
  return cachedFolder(
    `hls-mp3-${key}`,
    mp3,
    (dir) =>
      ffmpeg(
        [
          '-i',
          'in.mp3',
          '-map',
          '0:a',
          '-c',
          'copy',
          '-f',
          'segment',
          ...cuts,
          '-segment_format',
          'mp3',
          '-segment_format_options',
          'id3v2_version=0:write_xing=0',
          '-segment_list',
          'list.csv',
          '-segment_list_type',
          'csv',
          'seg%03d.mp3',
        ],
        dir,
      ),
    loadMp3,
  );
}

async function loadAac(dir: string): Promise<AacRendition> {
  const playlist = await readFile(join(dir, 'playlist.m3u8'), 'utf8');
  if (!playlist.includes('#EXT-X-ENDLIST')) throw new Error(`incomplete playlist in ${dir}`);
  const files = new Map<string, Buffer>();
  for (const name of await readdir(dir)) {
    if (name === 'init.mp4' || /^data\d+\.m4s$/.test(name)) files.set(name, await readFile(join(dir, name)));
  }
  const named = playlist.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  for (const name of ['init.mp4', ...named]) {
    if (!files.has(name)) throw new Error(`${name} is missing from ${dir}`);
  }
  return { playlist, files };
}

/** Encodes AAC (64 kb/s, 44.1 kHz) in fMP4 HLS: `init.mp4` plus `data<N>.m4s`, ~10 s each. */
export function buildAacRendition(mp3: Buffer, key: string): Promise<AacRendition> {
  return cachedFolder(
    `hls-aac-${key}`,
    mp3,
    (dir) =>
      ffmpeg(
        [
          '-i',
          'in.mp3',
          '-map',
          '0:a',
          '-c:a',
          'aac',
          '-b:a',
          '64k',
          '-ar',
          '44100',
          '-f',
          'hls',
          '-hls_time',
          String(SEGMENT_SECONDS),
          '-hls_playlist_type',
          'vod',
          '-hls_segment_type',
          'fmp4',
          '-hls_fmp4_init_filename',
          'init.mp4',
          '-hls_segment_filename',
          'data%d.m4s',
          'playlist.m3u8',
        ],
        dir,
      ),
    loadAac,
  );
}

/** The HLS MP3 media playlist; `segmentUrl` gives each segment's absolute, signed URL. */
export function mp3Playlist(rendition: Mp3Rendition, segmentUrl: (segment: Mp3Segment) => string): string {
  const seconds = (s: Mp3Segment): number => (s.endMs - s.startMs) / 1000;
  const target = Math.max(1, ...rendition.segments.map((s) => Math.round(seconds(s))));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
  ];
  for (const segment of rendition.segments) lines.push(`#EXTINF:${seconds(segment)},`, segmentUrl(segment));
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}

/** ffmpeg's AAC playlist with the init section and every segment turned into absolute, signed URLs. */
export function aacPlaylist(rendition: AacRendition, fileUrl: (name: string) => string): string {
  return rendition.playlist
    .split('\n')
    .map((line) => {
      if (line.startsWith('#EXT-X-MAP:'))
        return line.replace(/URI="([^"]+)"/, (_, uri: string) => `URI="${fileUrl(uri)}"`);
      if (line === '' || line.startsWith('#')) return line;
      return fileUrl(line.trim());
    })
    .join('\n');
}
