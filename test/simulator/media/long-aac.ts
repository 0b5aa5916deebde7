// A long track's AAC HLS, made cheaply: ffmpeg encodes 72 s of its repeated MP3 period once, and one 8-second
// fMP4 segment from the middle stands for every 8 s of the track, its decode time and sequence rewritten.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cachedFolder, ffmpeg } from './ffmpeg';
import type { AacRendition } from './hls';

/** 48 kHz: 8 s is exactly 375 AAC frames of 1024 samples, so every segment starts on a frame. */
const AAC_RATE = 48_000;
const SEGMENT_SECONDS = 8;
const SEGMENT_TICKS = AAC_RATE * SEGMENT_SECONDS;
/** The segment taken: clear of the encoder's start-up (the first) and of the input's end. */
const TAKEN = 2;

interface Period {
  init: Buffer;
  segment: Buffer;
  /** Where the segment's `tfdt` and `mfhd` boxes start. */
  tfdt: number;
  mfhd: number;
}

/** The one box of `type` in an fMP4 segment (ffmpeg writes one `moof` with one `traf` per segment). */
function boxAt(data: Buffer, type: string): number {
  const at = data.indexOf(type, 0, 'latin1') - 4;
  if (at < 0 || data.indexOf(type, at + 8, 'latin1') !== -1) throw new Error(`expected one ${type} box`);
  return at;
}

async function loadPeriod(dir: string): Promise<Period> {
  const segment = await readFile(join(dir, `data${TAKEN}.m4s`));
  const tfdt = boxAt(segment, 'tfdt');
  // Version 1: a 64-bit decode time, as ffmpeg writes it; its value shows the cut fell where it should.
  if (segment[tfdt + 8] !== 1 || segment.readBigUInt64BE(tfdt + 12) !== BigInt(TAKEN * SEGMENT_TICKS)) {
    throw new Error(`unexpected AAC segment timing in ${dir}`);
  }
  return { init: await readFile(join(dir, 'init.mp4')), segment, tfdt, mfhd: boxAt(segment, 'mfhd') };
}

/** The segment at `index`: the period's bytes, decoded at `index` × 8 s, numbered `index` + 1. */
function segmentAt(period: Period, index: number): Buffer {
  const data = Buffer.from(period.segment);
  data.writeBigUInt64BE(BigInt(index * SEGMENT_TICKS), period.tfdt + 12);
  data.writeUInt32BE(index + 1, period.mfhd + 12);
  return data;
}

/** `init.mp4` and `data<N>.m4s` by name, each segment made when it is asked for (not held: 2 h is 57 MB). */
class RepeatedFiles extends Map<string, Buffer> {
  constructor(
    private readonly period: Period,
    private readonly count: number,
  ) {
    super();
  }

  override get(name: string): Buffer | undefined {
    if (name === 'init.mp4') return this.period.init;
    const index = /^data(\d{1,6})\.m4s$/.exec(name)?.[1];
    return index !== undefined && Number(index) < this.count
      ? segmentAt(this.period, Number(index))
      : undefined;
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

/**
 * The AAC rendition of a long track (`mp3` its repeated-period MP3): 8 s segments, the last one listed at
 * the length left (its media still holds a whole 8 s, past the track's end).
 */
export async function longAacRendition(mp3: Buffer, durationMs: number, key: string): Promise<AacRendition> {
  const input = mp3.subarray(0, Math.min(mp3.length, 72 * 2_000));
  const args = ['-i', 'in.mp3', '-map', '0:a', '-c:a', 'aac', '-b:a', '64k', '-ar', String(AAC_RATE)];
  const hls = ['-f', 'hls', '-hls_time', String(SEGMENT_SECONDS), '-hls_playlist_type', 'vod'];
  const fmp4 = ['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4'];
  const names = ['-hls_segment_filename', 'data%d.m4s', 'playlist.m3u8'];
  const period = await cachedFolder(
    `hls-aac-period-${key}`,
    input,
    (dir) => ffmpeg([...args, ...hls, ...fmp4, ...names], dir),
    loadPeriod,
  );
  const count = Math.ceil(durationMs / 1000 / SEGMENT_SECONDS);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', `#EXT-X-TARGETDURATION:${SEGMENT_SECONDS}`];
  lines.push('#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-MAP:URI="init.mp4"');
  for (let i = 0; i < count; i++) {
    const seconds = Math.min(SEGMENT_SECONDS, durationMs / 1000 - i * SEGMENT_SECONDS);
    lines.push(`#EXTINF:${seconds.toFixed(6)},`, `data${i}.m4s`);
  }
  lines.push('#EXT-X-ENDLIST', '');
  return { playlist: lines.join('\n'), files: new RepeatedFiles(period, count) };
}
