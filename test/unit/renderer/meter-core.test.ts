// The meter's work and its resets, fed render quanta of 128 frames: readings at
// the chosen interval carrying the reset they belong to, BS.1770 loudness and the sample peak.
import { describe, expect, it } from 'vitest';
import { createMeterCore, type MeterReading } from '../../../renderer/src/audio/meter-core';

const RATE = 48_000;
const QUANTUM = 128;

/**
 * Feeds `seconds` of a stereo 1 kHz sine at `dbfs` peak (in cosine phase, so sound from its first sample);
 * returns the readings posted.
 */
function feed(
  core: ReturnType<typeof createMeterCore>,
  seconds: number,
  dbfs: number,
  from = 0,
): MeterReading[] {
  const amplitude = 10 ** (dbfs / 20);
  const readings: MeterReading[] = [];
  const frames = Math.round(seconds * RATE);
  for (let start = 0; start < frames; start += QUANTUM) {
    const left = new Float32Array(QUANTUM);
    for (let i = 0; i < QUANTUM; i++)
      left[i] = amplitude * Math.cos((2 * Math.PI * 1000 * (from + start + i)) / RATE);
    const reading = core.process([left, left.slice()]);
    if (reading !== null) readings.push(reading);
  }
  return readings;
}

describe('the meter core', () => {
  it('posts a reading every reportSeconds of audio, none while nothing is connected', () => {
    const core = createMeterCore({ sampleRate: RATE, channels: 2, reportSeconds: 0.1 });
    expect(core.process([])).toBeNull();
    const readings = feed(core, 1, -20);
    expect(readings.length).toBeGreaterThanOrEqual(9);
    expect(readings.length).toBeLessThanOrEqual(10);
    expect(readings.every((r) => r.type === 'reading')).toBe(true);
  });

  it('reads a stereo sine at −23 dBFS as −23 LUFS, and its peak', () => {
    const core = createMeterCore({ sampleRate: RATE, channels: 2, reportSeconds: 0.5 });
    const last = feed(core, 4, -23).at(-1)!;
    expect(last.shortTerm).toBeCloseTo(-23, 1);
    expect(last.integrated).toBeCloseTo(-23, 1);
    expect(last.peakDb).toBeCloseTo(-23, 1);
    expect(last.maxPeakDb).toBeCloseTo(-23, 1);
    expect(last.seconds).toBeCloseTo(4, 0);
  });

  it('starts over on a reset, and numbers its readings with it', () => {
    const core = createMeterCore({ sampleRate: RATE, channels: 2, reportSeconds: 0.5 });
    expect(feed(core, 2, -10).at(-1)?.generation).toBe(0);
    core.receive({ type: 'reset', generation: 7 });
    const after = feed(core, 1, -30);
    expect(after.every((r) => r.generation === 7)).toBe(true);
    // Nothing of the loud part is left: the peak and the measured time are this track's own.
    expect(after.at(-1)!.maxPeakDb).toBeCloseTo(-30, 1);
    expect(after.at(-1)!.seconds).toBeLessThanOrEqual(1);
  });

  it('starts a measurement at its first sound: the silence before is not measured, and readings fall on its 100 ms', () => {
    const core = createMeterCore({ sampleRate: RATE, channels: 2, reportSeconds: 0.1 });
    core.receive({ type: 'reset', generation: 1 });
    // 0.37 s of silence (with a hiss far below −70 dBFS), then the tone.
    const hiss = new Float32Array(Math.round(0.37 * RATE)).map((_, i) => (i % 2 === 0 ? 1e-5 : -1e-5));
    for (let start = 0; start < hiss.length; start += QUANTUM) {
      const quantum = hiss.subarray(start, start + QUANTUM);
      expect(core.process([quantum, quantum])?.seconds ?? 0).toBe(0);
    }
    const readings = feed(core, 1.05, -23);
    // Each reading's measured time is a whole number of sub-blocks of the tone: the first reads 0.1 s.
    expect(readings.map((r) => r.seconds).slice(0, 3)).toEqual([0.1, 0.2, 0.3]);
    const atOne = readings.find((r) => r.seconds === 1)!;
    // A 400 ms block half silence, half tone would pull the integrated loudness down; none was measured.
    expect(atOne.integrated).toBeCloseTo(-23, 1);
    expect(atOne.mean).toBeCloseTo(-23, 1);
  });

  it('ignores any other message', () => {
    const core = createMeterCore({ sampleRate: RATE, channels: 2, reportSeconds: 0.5 });
    feed(core, 1, -10);
    for (const message of [null, 'reset', { type: 'reset' }, { type: 'stop', generation: 3 }])
      core.receive(message);
    expect(feed(core, 1, -10).at(-1)).toMatchObject({
      generation: 0,
      seconds: expect.closeTo(2, 0) as number,
    });
  });
});
