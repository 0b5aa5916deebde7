// The MP3 source's reading of MP3 bytes, on real encoder output: the simulator's tones (LAME, MPEG-2 and
// MPEG-1 Layer III, no tag) and ffmpeg's MP3 (an Info tag naming its frame count), behind an ID3v2 tag too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  audioStart,
  findFrame,
  frameHeader,
  layoutOf,
  taggedFrames,
} from '../../renderer/src/player/mp3-frames';
import { encodeTone } from '../simulator/media/audio';

const FFMPEG = process.env['CLOUDCUE_FFMPEG'] ?? 'ffmpeg';

/** The byte offsets of every frame, walked header by header from `start`; throws on a gap. */
function walk(bytes: Uint8Array, start: number): number[] {
  const starts: number[] = [];
  for (let at = start; at < bytes.length;) {
    const header = frameHeader(bytes, at);
    if (header === null) throw new Error(`no frame at ${at} of ${bytes.length}`);
    starts.push(at);
    at += header.size;
  }
  return starts;
}

/** An ID3v2.4 tag of `size` bytes of body, full of bytes that look like frame syncs. */
function id3(size: number): Uint8Array {
  const tag = new Uint8Array(10 + size).fill(0xfb);
  tag.set([0x49, 0x44, 0x33, 4, 0, 0]);
  tag.set([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f], 6);
  for (let i = 10; i < tag.length; i += 7) tag[i] = 0xff;
  return tag;
}

const joined = (a: Uint8Array, b: Uint8Array): Uint8Array => new Uint8Array([...a, ...b]);

describe.each([
  { name: 'MPEG-2, 22.05 kHz, 32 kbit/s', sampleRate: 22_050, kbps: 32, samples: 576 },
  { name: 'MPEG-1, 44.1 kHz, 128 kbit/s', sampleRate: 44_100, kbps: 128, samples: 1152 },
])('a LAME stream ($name)', ({ sampleRate, kbps, samples }) => {
  const mp3 = new Uint8Array(encodeTone({ frequency: 440, durationMs: 3_000 }, { sampleRate, kbps }));

  it('reads each frame header, and the frames tile the whole file', () => {
    expect(audioStart(mp3)).toBe(0);
    const first = findFrame(mp3, 0);
    expect(first).toBe(0);
    const header = frameHeader(mp3, 0);
    expect(header).toMatchObject({ bitrate: kbps * 1000, sampleRate, samples });
    const frames = walk(mp3, 0);
    // The frames' sizes (padding included) add up to the file, and their samples to its length.
    expect((frames.length * samples) / sampleRate).toBeGreaterThanOrEqual(3);
    expect((frames.length * samples) / sampleRate).toBeLessThan(3.2);
    expect(taggedFrames(mp3, 0, header!)).toBeNull();
  });

  it('lays the file out from its first bytes: its length in time, and a byte rate that maps time to bytes', () => {
    const frames = walk(mp3, 0);
    const layout = layoutOf(mp3.subarray(0, 2_000), mp3.length);
    // Without a tag, the length comes from the bit rate: within one frame of what the frames add up to.
    expect(layout?.duration).toBeCloseTo((frames.length * samples) / sampleRate, 1);
    expect(layout?.bytesPerSecond).toBeCloseTo((kbps * 1000) / 8, 0);
    expect(layoutOf(mp3.subarray(0, 8), mp3.length)).toBeNull();
  });

  it('finds the next frame from any byte in the middle of the file', () => {
    const frames = walk(mp3, 0);
    for (const from of [1, 100, 1234, Math.floor(mp3.length / 2), mp3.length - 900]) {
      const found = findFrame(mp3, from);
      expect(found, `from ${from}`).toBe(frames.find((start) => start >= from));
    }
  });

  it('waits for more bytes when a frame is not yet followed by the next header', () => {
    const frames = walk(mp3, 0);
    const cut = mp3.subarray(0, (frames[1] ?? 0) + 2);
    expect(findFrame(cut, 1)).toBeNull();
    expect(frameHeader(mp3.subarray(0, 3), 0)).toBeNull();
  });

  it('starts the audio after an ID3v2 tag whose body looks like frames', () => {
    const tagged = joined(id3(300), mp3);
    expect(audioStart(tagged)).toBe(310);
    expect(findFrame(tagged, audioStart(tagged)!)).toBe(310);
    expect(audioStart(tagged.subarray(0, 9))).toBeNull();
  });
});

describe('an MP3 with an Info tag', () => {
  it('names its frame count, the tag frame aside', () => {
    // To a file: ffmpeg fills in the tag's counts by seeking back once the audio is written.
    const file = join(mkdtempSync(join(tmpdir(), 'cloudcue-mp3-')), 'info.mp3');
    const result = spawnSync(FFMPEG, [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=500:duration=2'],
      ...['-c:a', 'libmp3lame', '-b:a', '128k', file],
    ]);
    expect(result.status).toBe(0);
    const mp3 = new Uint8Array(readFileSync(file));
    rmSync(dirname(file), { recursive: true });
    const start = audioStart(mp3)!;
    const first = findFrame(mp3, start)!;
    const header = frameHeader(mp3, first)!;
    const frames = walk(mp3, first);
    expect(taggedFrames(mp3, first, header)).toBe(frames.length - 1);
    // The tag's count gives the length: the frames after it, at 1,152 samples each.
    const layout = layoutOf(mp3.subarray(0, 4_096), mp3.length);
    expect(layout?.duration).toBeCloseTo(((frames.length - 1) * 1152) / header.sampleRate, 6);
    expect(layout?.start).toBe(first);
  });
});
