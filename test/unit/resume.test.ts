// The resume policy: only long tracks remember, a finished or barely begun one starts over, and a
// remembered position that no longer fits the track (a re-upload) is not used.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  positionToKeep,
  resumeFrom,
  RESUME_END_MARGIN_SECONDS,
  RESUME_MIN_DURATION_SECONDS,
  RESUME_MIN_POSITION_SECONDS,
} from '../../shared/resume';

const HOUR = 3600;

describe('positionToKeep', () => {
  it.each([
    [300, 120, 'ignore'], // a 5-minute track never resumes
    [RESUME_MIN_DURATION_SECONDS, 120, 'ignore'], // exactly ten minutes is not longer than ten
    [2 * HOUR, 3733.6, 3733], // 1:02:13, whole seconds
    [HOUR, RESUME_MIN_POSITION_SECONDS - 1, 'forget'], // barely begun
    [HOUR, HOUR - RESUME_END_MARGIN_SECONDS, 'forget'], // finished
    [HOUR, HOUR - RESUME_END_MARGIN_SECONDS - 1, HOUR - RESUME_END_MARGIN_SECONDS - 1],
    [HOUR, Number.NaN, 'forget'],
    [Number.NaN, 600, 'ignore'],
  ] as const)('a %s s track left at %s s: %s', (duration, position, expected) => {
    expect(positionToKeep(duration, position)).toBe(expected);
  });
});

describe('resumeFrom', () => {
  it('starts a long track where it was left, anything else at the start', () => {
    expect(resumeFrom(2 * HOUR, 3733)).toBe(3733);
    expect(resumeFrom(2 * HOUR, null)).toBe(0);
    expect(resumeFrom(300, 120)).toBe(0);
    // Re-uploaded shorter: the old position is past its end.
    expect(resumeFrom(HOUR, 2 * HOUR)).toBe(0);
  });

  it('a kept position always resumes to itself on the same track', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 * HOUR }),
        fc.double({ min: 0, max: 4 * HOUR, noNaN: true }),
        (d, p) => {
          const kept = positionToKeep(d, p);
          if (typeof kept === 'number') expect(resumeFrom(d, kept)).toBe(kept);
        },
      ),
    );
  });
});
