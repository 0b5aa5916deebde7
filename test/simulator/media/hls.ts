// HLS renditions of a track's tone, cut and encoded by ffmpeg: ~10 s raw MP3 segments (cf-hls-media), Ogg
// Opus segments (cf-hls-opus-media) and AAC in fragmented MP4 (the AAC host). Built once per tone, cached on disk, playlists written per request.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cachedFolder, ffmpeg } from './ffmpeg';

export { FfmpegMissingError, findFfmpeg } from './ffmpeg';

/** Segment length asked of ffmpeg; SoundCloud's HLS MP3 segments are about 10 s too. */
const SEGMENT_SECONDS = 10;
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

/** `seg000.mp3,0.000000,10.004898` lines → segments, timed exactly as ffmpeg cut them (on frame edges). */
async function loadSegments(dir: string): Promise<Mp3Rendition> {
  const list = await readFile(join(dir, 'list.csv'), 'utf8');
  const segments: Mp3Segment[] = [];
  for (const line of list.split('\n')) {
    if (line.trim() === '') continue;
    const [file, start, end] = line.split(',');
    if (
      file === undefined ||
      start === undefined ||
      end === undefined ||
      !/^seg\d+\.(mp3|opus)$/.test(file)
    ) {
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

/** ffmpeg's segment options for these cut points; a track of 11 s or less is one piece. */
function segmentArgs(durationMs: number): string[] {
  const points = cutPoints(durationMs);
  return points.length > 0 ? ['-segment_times', points.join(',')] : ['-segment_time', '3600'];
}

/**
 * Cuts the MP3 into ~10 s pieces with ffmpeg's segment muxer: `codec` says how each piece is encoded,
 * `format` and `ext` what file each piece is. The segment list (`list.csv`) times them for `loadSegments`.
 */
function buildSegmented(
  mp3: Buffer,
  durationMs: number,
  folder: string,
  codec: readonly string[],
  format: readonly string[],
  ext: 'mp3' | 'opus',
): Promise<Mp3Rendition> {
  const args = [
    '-i',
    'in.mp3',
    '-map',
    '0:a',
    ...codec,
    '-f',
    'segment',
    ...segmentArgs(durationMs),
    ...format,
  ];
  const list = ['-segment_list', 'list.csv', '-segment_list_type', 'csv', `seg%03d.${ext}`];
  return cachedFolder(folder, mp3, (dir) => ffmpeg([...args, ...list], dir), loadSegments);
}

/**
 * Cuts the MP3 (`durationMs` long) into ~10 s pieces on frame edges, without re-encoding. No ID3 tag or
 * Xing frame per piece: like the real segments they are bare MPEG audio frames, which concatenate back
 * into the original stream.
 */
export function buildMp3Rendition(mp3: Buffer, durationMs: number, key: string): Promise<Mp3Rendition> {
  const format = ['-segment_format', 'mp3', '-segment_format_options', 'id3v2_version=0:write_xing=0'];
  return buildSegmented(mp3, durationMs, `hls-mp3-${key}`, ['-c', 'copy'], format, 'mp3');
}

/**
 * Encodes Opus (64 kb/s, 48 kHz) cut into ~10 s pieces, each a whole Ogg Opus file with its own headers,
 * as SoundCloud's `.64.opus` segments were. Same segment list and playlist as the MP3 rendition.
 */
export function buildOpusRendition(mp3: Buffer, durationMs: number, key: string): Promise<Mp3Rendition> {
  const codec = ['-c:a', 'libopus', '-b:a', '64k', '-ar', '48000'];
  return buildSegmented(mp3, durationMs, `hls-opus-${key}`, codec, ['-segment_format', 'ogg'], 'opus');
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

/** The HLS MP3 (or Opus) media playlist; `segmentUrl` gives each segment's absolute, signed URL. */
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
