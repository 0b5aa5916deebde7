// Long tracks' MP3, made cheaply: one 9-second period of the tone is encoded once and repeated for the
// whole hour or two, as a stream and as HLS segments that are all the same bytes.
import type { Mp3Rendition, Mp3Segment } from './hls';
import { cached, encodeTone, toneKey, type ToneSpec } from './audio';

/** 16 kHz mono at 16 kb/s: MPEG-2 Layer III, 576 samples and exactly 72 bytes a frame (no padding). */
export const LONG_SAMPLE_RATE = 16_000;
export const LONG_KBPS = 16;
const SAMPLES_PER_FRAME = 576;
const FRAME_BYTES = (72 * LONG_KBPS * 1000) / LONG_SAMPLE_RATE;
/**
 * 9 s is the shortest span that is both whole frames (144 000 samples = 250 frames) and whole pulses of
 * the once-a-second envelope; any whole-hertz tone also completes whole cycles in it, so the period
 * repeats seamlessly.
 */
export const PERIOD_MS = 9_000;
const PERIOD_FRAMES = (PERIOD_MS * LONG_SAMPLE_RATE) / 1000 / SAMPLES_PER_FRAME;
const PERIOD_BYTES = PERIOD_FRAMES * FRAME_BYTES;

/**
 * One period of the tone as 250 whole frames. lamejs's Mp3Encoder always encodes without the bit
 * reservoir (its constructor sets `disable_reservoir`), so each frame holds all of its own audio data and
 * frames from anywhere in the stream can be laid end to end. Three periods are encoded and the middle one
 * taken: it is clear of the encoder's start-up and of the flush at the end.
 */
function encodePeriod(frequency: number): Buffer {
  const rate = { sampleRate: LONG_SAMPLE_RATE, kbps: LONG_KBPS };
  const three = encodeTone({ frequency, durationMs: 3 * PERIOD_MS }, rate);
  const period = three.subarray(PERIOD_BYTES, 2 * PERIOD_BYTES);
  // lamejs writes no tag or Xing frame: the stream is bare frames, so the period starts on a frame header.
  if (period.length !== PERIOD_BYTES || period[0] !== 0xff || ((period[1] ?? 0) & 0xe0) !== 0xe0) {
    throw new Error(`unexpected MP3 framing for a ${frequency} Hz period`);
  }
  return Buffer.from(period);
}

/** How many frames a long track of `durationMs` holds (its last one may run a few ms past the end). */
export function longFrames(durationMs: number): number {
  return Math.ceil((durationMs * LONG_SAMPLE_RATE) / 1000 / SAMPLES_PER_FRAME);
}

/** The long track's whole MP3: its period repeated (one allocation, filled by Buffer's own pattern fill). */
export async function longToneMp3(spec: ToneSpec): Promise<Buffer> {
  const period = await cached(
    `${toneKey({ frequency: spec.frequency, durationMs: 0 }, 'mp3-period-v1')}.mp3`,
    () => encodePeriod(spec.frequency),
  );
  return Buffer.alloc(longFrames(spec.durationMs) * FRAME_BYTES, period);
}

/** The HLS MP3 rendition of a long MP3: one 9 s segment per period, each a view of the same bytes. */
export function longMp3Rendition(mp3: Buffer, durationMs: number): Mp3Rendition {
  const segments: Mp3Segment[] = [];
  const frameMs = (SAMPLES_PER_FRAME * 1000) / LONG_SAMPLE_RATE;
  for (let offset = 0; offset < mp3.length; offset += PERIOD_BYTES) {
    const data = mp3.subarray(offset, Math.min(mp3.length, offset + PERIOD_BYTES));
    const startMs = Math.round((offset / FRAME_BYTES) * frameMs);
    const endMs = Math.min(durationMs, Math.round(((offset + data.length) / FRAME_BYTES) * frameMs));
    segments.push({ startMs, endMs, data });
  }
  return { segments };
}
