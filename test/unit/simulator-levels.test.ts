// The simulator's tones come at levels of their own, spread over at least 15 dB across the catalogue, so
// loudness normalization has something to even out: checked on the levels it assigns and on the MP3s it
// makes (decoded by ffmpeg and measured with the app's own BS.1770 meter).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createLoudnessMeter } from '../../renderer/src/audio/loudness';
import { encodeTone, LEVEL_RANGE_DB, toneLevelDb } from '../simulator/media/audio';
import { CATALOGUE } from '../helpers/sim-catalogue';

const FFMPEG = process.env['CLOUDCUE_FFMPEG'] ?? 'ffmpeg';
const RATE = 22_050;

/** The integrated loudness (LUFS) of an MP3, decoded to mono floats by ffmpeg. */
function loudnessOf(mp3: Buffer): number {
  const decoded = spawnSync(
    FFMPEG,
    ['-v', 'error', '-f', 'mp3', '-i', 'pipe:0', '-f', 'f32le', '-ac', '1', 'pipe:1'],
    {
      input: mp3,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  expect(decoded.status).toBe(0);
  const bytes = decoded.stdout;
  const samples = new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4));
  const meter = createLoudnessMeter(RATE, 1);
  meter.push([samples]);
  return meter.read().integrated;
}

const playable = CATALOGUE.tracks.filter((t) => t.media.progressiveMp3 || t.media.hlsAac);
const levels = playable.map((t) => toneLevelDb(t.frequency));

describe('the simulator’s tone levels', () => {
  it('spread over at least 15 dB across the playable catalogue, within the range', () => {
    expect(Math.max(...levels) - Math.min(...levels)).toBeGreaterThanOrEqual(15);
    expect(levels.every((l) => l >= LEVEL_RANGE_DB.low && l <= LEVEL_RANGE_DB.high)).toBe(true);
  });

  it('differ between neighbouring tracks, so a queue of a few already varies', () => {
    const firstTen = levels.slice(0, 10);
    expect(Math.max(...firstTen) - Math.min(...firstTen)).toBeGreaterThanOrEqual(12);
  });

  it('are what the made MP3s measure: loudest and quietest as far apart as their levels say', () => {
    const loud = playable[levels.indexOf(Math.max(...levels))]!;
    const quiet = playable[levels.indexOf(Math.min(...levels))]!;
    const measured = (frequency: number) => loudnessOf(encodeTone({ frequency, durationMs: 6_000 }));
    const apart = measured(loud.frequency) - measured(quiet.frequency);
    expect(apart).toBeGreaterThanOrEqual(15);
    expect(apart).toBeCloseTo(toneLevelDb(loud.frequency) - toneLevelDb(quiet.frequency), 0);
  });
});
