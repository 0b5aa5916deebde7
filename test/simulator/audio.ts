// Real MP3 audio for the simulator: a distinct tone per track, encoded once and cached on disk.
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

const SAMPLE_RATE = 22_050;
const KBPS = 32;
const FRAME = 1152;
const CACHE_DIR = join(tmpdir(), 'cloudcue-simulator-audio');

/** Encodes a mono tone that pulses once a second, so a listener hears time passing. */
export function encodeTone({ frequency, durationMs }: ToneSpec): Buffer {
  const encoder = new Mp3Encoder(1, SAMPLE_RATE, KBPS);
  const total = Math.round((SAMPLE_RATE * durationMs) / 1000);
  const block = new Int16Array(FRAME);
  const chunks: Buffer[] = [];
  for (let start = 0; start < total; start += FRAME) {
    const count = Math.min(FRAME, total - start);
    const samples = count === FRAME ? block : new Int16Array(count);
    for (let i = 0; i < count; i++) {
      const t = (start + i) / SAMPLE_RATE;
      const pulse = 0.6 + 0.4 * Math.cos(2 * Math.PI * t);
      samples[i] = Math.round(Math.sin(2 * Math.PI * frequency * t) * pulse * 9000);
    }
    const mp3 = encoder.encodeBuffer(samples);
    if (mp3.length > 0) chunks.push(Buffer.from(mp3));
  }
  chunks.push(Buffer.from(encoder.flush()));
  return Buffer.concat(chunks);
}

/** The tone's MP3, from the on-disk cache when an identical one was made before. */
export async function toneMp3(spec: ToneSpec): Promise<Buffer> {
  const key = createHash('sha256')
    .update(JSON.stringify({ ...spec, SAMPLE_RATE, KBPS, v: 1 }))
    .digest('hex')
    .slice(0, 16);
  const file = join(CACHE_DIR, `${key}.mp3`);
  try {
    return await readFile(file);
  } catch {
    const mp3 = encodeTone(spec);
    await mkdir(CACHE_DIR, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, mp3);
    await rename(partial, file);
    return mp3;
  }
}
