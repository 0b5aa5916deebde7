// The normalization gain law: reach the target, never boost above +6 dB, trust a first play's measurement
// after its first seconds (a remembered loudness until this play's has run long enough), and move no faster
// than the slew limit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approachGainDb,
  dbToGain,
  FIRST_SET_SECONDS,
  gainForLoudness,
  GATED_AFTER_SECONDS,
  MAX_BOOST_DB,
  measuredLoudness,
  SLEW_DB_PER_SECOND,
  TRUST_AFTER_SECONDS,
  wantedGainDb,
} from '../../../renderer/src/audio/gain-law';

describe('gainForLoudness', () => {
  it.each([
    [-8, -14, -6], // a club master comes down
    [-14, -14, 0],
    [-18, -14, 4], // a quiet demo comes up
    [-30, -14, MAX_BOOST_DB], // but never by more than +6 dB
    [-20, -23, -3],
    [Number.NEGATIVE_INFINITY, -14, 0], // silence is never boosted
    [-8, null, 0], // normalization off
  ] as const)('%s LUFS to a %s target: %s dB', (loudness, target, expected) => {
    expect(gainForLoudness(loudness, target)).toBe(expected);
  });
});

describe('wantedGainDb', () => {
  it('starts a remembered track at its gain from the first second', () => {
    expect(wantedGainDb({ remembered: -9, measured: null }, -14)).toBe(-5);
    expect(wantedGainDb({ remembered: -9, measured: { integrated: -20, mean: -20, seconds: 1 } }, -14)).toBe(
      -5,
    );
  });

  it('keeps 0 dB for a track never measured for its first seconds of sound, then follows its measurement', () => {
    const early = {
      remembered: null,
      measured: { integrated: -9, mean: -9, seconds: FIRST_SET_SECONDS - 0.1 },
    };
    expect(wantedGainDb(early, -14)).toBe(0);
    const first = { remembered: null, measured: { integrated: -10, mean: -9, seconds: FIRST_SET_SECONDS } };
    expect(wantedGainDb(first, -14)).toBe(-5);
  });

  it("lets this play's settled measurement win over the remembered one, not its first seconds", () => {
    const early = {
      remembered: -9,
      measured: { integrated: -12, mean: -12, seconds: TRUST_AFTER_SECONDS - 0.1 },
    };
    expect(wantedGainDb(early, -14)).toBe(-5);
    expect(wantedGainDb({ remembered: -9, measured: { integrated: -12, mean: -13, seconds: 30 } }, -14)).toBe(
      -2,
    );
  });
});

describe('measuredLoudness', () => {
  it('judges a few seconds by their mean, and a longer measurement by its gated integrated loudness', () => {
    const measured = { integrated: -12, mean: -11 };
    expect(measuredLoudness({ ...measured, seconds: FIRST_SET_SECONDS })).toBe(-11);
    expect(measuredLoudness({ ...measured, seconds: GATED_AFTER_SECONDS - 0.1 })).toBe(-11);
    expect(measuredLoudness({ ...measured, seconds: GATED_AFTER_SECONDS })).toBe(-12);
  });
});

describe('approachGainDb', () => {
  it('moves at most the slew limit per second, and lands exactly on the wanted gain', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -30, max: 6, noNaN: true }),
        fc.double({ min: -30, max: 6, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (current, wanted, elapsed) => {
          const next = approachGainDb(current, wanted, elapsed);
          expect(Math.abs(next - current)).toBeLessThanOrEqual(SLEW_DB_PER_SECOND * elapsed + 1e-9);
          // Never past the wanted gain.
          expect(Math.abs(wanted - next)).toBeLessThanOrEqual(Math.abs(wanted - current) + 1e-9);
        },
      ),
    );
    expect(approachGainDb(-2, -5, 10)).toBe(-5);
  });
});

it('dbToGain: −6 dB is about half the amplitude, 0 dB unity', () => {
  expect(dbToGain(0)).toBe(1);
  expect(dbToGain(-6)).toBeCloseTo(0.501, 3);
});
