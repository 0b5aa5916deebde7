// Real MP3 audio for the simulator: a distinct tone per track, at a level of its own (so loudness
// normalization has something to even out), encoded once and cached on disk.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Mp3Encoder } from '@breezystack/lamejs';

export interface ToneSpec {
  /** Frequency of the tone in Hz; tells tracks apart by ear and by analysis. */
  frequency: number;
  durationMs: number;
}

const FRAME = 1152;
/** The tone's peak amplitude at 0 dB (16-bit); levels go from 10 dB below it to 6 dB above. */
const REFERENCE_AMPLITUDE = 9000;
export const LEVEL_RANGE_DB = { low: -10, high: 6 } as const;

/**
 * A tone's level (dB, relative to the reference amplitude), told by its frequency so every track keeps its
 * own: the golden ratio's fractional steps scatter neighbouring frequencies over the whole range.
 */
export function toneLevelDb(frequency: number): number {
  const spread = LEVEL_RANGE_DB.high - LEVEL_RANGE_DB.low;
  const step = (frequency * 0.6180339887498949) % 1;
  return Math.round((LEVEL_RANGE_DB.low + step * spread) * 10) / 10;
}
export const CACHE_DIR = join(tmpdir(), 'cloudcue-simulator-media');

/** Long tracks are made at a lower rate, so ten minutes of audio stay small and quick to make. */
function format(durationMs: number): { sampleRate: number; kbps: number } {
  return durationMs <= 150_000 ? { sampleRate: 22_050, kbps: 32 } : { sampleRate: 16_000, kbps: 16 };
}

/** Encodes a mono tone that pulses once a second, so a listener hears time passing (at `rate`, if given). */
export function encodeTone(
  { frequency, durationMs }: ToneSpec,
  rate: { sampleRate: number; kbps: number } = format(durationMs),
): Buffer {
  const { sampleRate, kbps } = rate;
  const amplitude = REFERENCE_AMPLITUDE * 10 ** (toneLevelDb(frequency) / 20);
  const encoder = new Mp3Encoder(1, sampleRate, kbps);
  const total = Math.round((sampleRate * durationMs) / 1000);
  const block = new Int16Array(FRAME);
  const chunks: Buffer[] = [];
  for (let start = 0; start < total; start += FRAME) {
    const count = Math.min(FRAME, total - start);
    const samples = count === FRAME ? block : new Int16Array(count);
    for (let i = 0; i < count; i++) {
      const t = (start + i) / sampleRate;
      const pulse = 0.6 + 0.4 * Math.cos(2 * Math.PI * t);
      samples[i] = Math.round(Math.sin(2 * Math.PI * frequency * t) * pulse * amplitude);
    }
    const mp3 = encoder.encodeBuffer(samples);
    if (mp3.length > 0) chunks.push(Buffer.from(mp3));
  }
  chunks.push(Buffer.from(encoder.flush()));
  return Buffer.concat(chunks);
}

/** A cache key for anything derived from a tone. */
export function toneKey(spec: ToneSpec, variant: string): string {
  return (
    createHash('sha256')
      // The level is part of the key: media cached before levels existed (or at another level) is not reused.
      .update(
        JSON.stringify({
          ...spec,
          ...format(spec.durationMs),
          levelDb: toneLevelDb(spec.frequency),
          variant,
          v: 2,
        }),
      )
      .digest('hex')
      .slice(0, 20)
  );
}

/** Reads `file` from the cache, or makes it with `make` and stores it (atomically). */
export async function cached(file: string, make: () => Promise<Buffer> | Buffer): Promise<Buffer> {
  const path = join(CACHE_DIR, file);
  try {
    return await readFile(path);
  } catch {
    const data = await make();
    await mkdir(CACHE_DIR, { recursive: true });
    const partial = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(partial, data);
    await rename(partial, path);
    return data;
  }
}

/** The tone's MP3, from the on-disk cache when an identical one was made before. */
export function toneMp3(spec: ToneSpec): Promise<Buffer> {
  return cached(`${toneKey(spec, 'mp3')}.mp3`, () => encodeTone(spec));
}
