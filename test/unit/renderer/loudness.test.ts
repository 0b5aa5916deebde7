// The loudness meter against EBU Tech 3341's test signals (its minimum requirements: ±0.1 LU), at the two
// sample rates media comes in, fed in the 128-frame quanta Web Audio renders.
import { describe, expect, it } from 'vitest';
import { createLoudnessMeter, SILENCE_LUFS, type LoudnessMeter } from '../../../renderer/src/audio/loudness';

/** One stretch of a 1 kHz sine: seconds long, at a peak level (dBFS) per channel. */
interface Stretch {
  seconds: number;
  dbfs: number[];
}

/** Feeds the stretches in order, in 128-frame quanta, continuing the sine's phase across them. */
function play(meter: LoudnessMeter, sampleRate: number, stretches: Stretch[]): void {
  let t = 0;
  for (const { seconds, dbfs } of stretches) {
    const amplitudes = dbfs.map((level) => 10 ** (level / 20));
    const frames = Math.round(seconds * sampleRate);
    for (let start = 0; start < frames; start += 128) {
      const length = Math.min(128, frames - start);
      const quantum = amplitudes.map(() => new Float32Array(length));
      for (let i = 0; i < length; i++) {
        const sample = Math.sin((2 * Math.PI * 1000 * (t + i)) / sampleRate);
        amplitudes.forEach((amplitude, c) => (quantum[c]![i] = amplitude * sample));
      }
      t += length;
      meter.push(quantum);
    }
  }
}

const stereo = (seconds: number, dbfs: number): Stretch => ({ seconds, dbfs: [dbfs, dbfs] });

const sampleRate = 48_000;

describe('EBU Tech 3341 at 48 kHz', () => {
  it.each([
    ['1: a stereo sine at −23 dBFS', [stereo(20, -23)], -23],
    ['2: a stereo sine at −33 dBFS', [stereo(20, -33)], -33],
    [
      '3: −36, −23, −36 dBFS (the quiet parts gated out)',
      [stereo(10, -36), stereo(60, -23), stereo(10, -36)],
      -23,
    ],
    [
      '4: −72, −36, −23, −36, −72 dBFS',
      [stereo(10, -72), stereo(10, -36), stereo(60, -23), stereo(10, -36), stereo(10, -72)],
      -23,
    ],
    ['5: −26, −20, −26 dBFS', [stereo(20, -26), stereo(20.1, -20), stereo(20, -26)], -23],
  ])('case %s reads its integrated loudness within 0.1 LU', (_, stretches, expected) => {
    const meter = createLoudnessMeter(sampleRate, 2);
    play(meter, sampleRate, stretches);
    expect(Math.abs(meter.read().integrated - expected)).toBeLessThanOrEqual(0.1);
  });

  it('case 6: 5.0 channels, the surrounds weighted 1.41', () => {
    const meter = createLoudnessMeter(sampleRate, 5);
    play(meter, sampleRate, [{ seconds: 20, dbfs: [-28, -28, -24, -30, -30] }]);
    expect(Math.abs(meter.read().integrated - -23)).toBeLessThanOrEqual(0.1);
  });

  it('reads momentary and short-term −23 LUFS on a steady −23 dBFS sine', () => {
    const meter = createLoudnessMeter(sampleRate, 2);
    play(meter, sampleRate, [stereo(5, -23)]);
    const { momentary, shortTerm, seconds } = meter.read();
    expect(Math.abs(momentary - -23)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(shortTerm - -23)).toBeLessThanOrEqual(0.1);
    expect(seconds).toBeCloseTo(5, 1);
  });
});

describe('EBU Tech 3341 at 44.1 kHz (the coefficients are computed for the rate, not taken from a table)', () => {
  it.each([
    ['1', [stereo(20, -23)]],
    ['5', [stereo(20, -26), stereo(20.1, -20), stereo(20, -26)]],
  ])('case %s reads −23 LUFS within 0.1 LU', (_, stretches) => {
    const meter = createLoudnessMeter(44_100, 2);
    play(meter, 44_100, stretches);
    expect(Math.abs(meter.read().integrated - -23)).toBeLessThanOrEqual(0.1);
  });
});

describe('the meter', () => {
  it('weights 1 kHz as BS.1770 does: a full-scale stereo sine reads −0.0 LUFS (±0.1)', () => {
    const meter = createLoudnessMeter(48_000, 2);
    play(meter, 48_000, [stereo(3, 0)]);
    expect(Math.abs(meter.read().integrated)).toBeLessThanOrEqual(0.1);
  });

  it('reads silence, and anything under the absolute gate, as no loudness at all', () => {
    const meter = createLoudnessMeter(48_000, 2);
    expect(meter.read().integrated).toBe(SILENCE_LUFS);
    play(meter, 48_000, [stereo(2, -80)]);
    expect(meter.read().integrated).toBe(SILENCE_LUFS);
  });

  it('has no short-term figure before 3 s nor momentary before 400 ms', () => {
    const meter = createLoudnessMeter(48_000, 2);
    play(meter, 48_000, [stereo(0.3, -23)]);
    expect(meter.read().momentary).toBe(SILENCE_LUFS);
    play(meter, 48_000, [stereo(1, -23)]);
    expect(meter.read().momentary).toBeGreaterThan(-24);
    expect(meter.read().shortTerm).toBe(SILENCE_LUFS);
  });

  it('cuts low rumble (the RLB high-pass): 20 Hz reads far quieter than 1 kHz at the same level', () => {
    const meter = createLoudnessMeter(48_000, 1);
    const frames = 48_000 * 3;
    const low = new Float32Array(frames).map((_, i) => 0.5 * Math.sin((2 * Math.PI * 20 * i) / 48_000));
    meter.push([low]);
    // A 1 kHz mono sine at 0.5 peak would read about −9 LUFS.
    expect(meter.read().integrated).toBeLessThan(-20);
  });

  it('means every 100 ms of sound alike, and leaves silence out', () => {
    const meter = createLoudnessMeter(48_000, 2);
    play(meter, 48_000, [stereo(0.5, -20), stereo(1, -30)]);
    // (0.5 × 10^−2 + 1 × 10^−3) / 1.5 of the power: −23.98 dB; the gated figure weighs the stretches by their
    // 400 ms blocks instead, the blocks across the change counted with the loud part.
    expect(meter.read().mean).toBeCloseTo(-23.98, 1);
    expect(meter.read().integrated).not.toBeCloseTo(meter.read().mean, 1);
    // A second of silence (a pause) would take the mean 2.2 dB down; only the filters' ringing as the sound
    // stops is left in it.
    play(meter, 48_000, [stereo(1, -120)]);
    expect(meter.read().mean).toBeGreaterThan(-23.98 - 0.4);
  });

  it('forgets everything on reset', () => {
    const meter = createLoudnessMeter(48_000, 2);
    play(meter, 48_000, [stereo(3, -10)]);
    meter.reset();
    play(meter, 48_000, [stereo(3, -30)]);
    expect(Math.abs(meter.read().integrated - -30)).toBeLessThanOrEqual(0.1);
  });
});
