// Resuming long tracks (mixes, radio shows, podcasts): which tracks remember where they were left, and what
// is remembered when the listener moves on.

/** Tracks longer than this remember their position. */
export const RESUME_MIN_DURATION_SECONDS = 10 * 60;
/** How many long tracks are remembered (the most recently left). */
export const RESUME_CAPACITY = 500;
/** Left this close to the start, a track starts over next time (the listener only looked in). */
export const RESUME_MIN_POSITION_SECONDS = 15;
/** Left this close to the end, it is finished: it starts over next time. */
export const RESUME_END_MARGIN_SECONDS = 30;

/**
 * What to remember when a track is left at `positionSeconds`: the position; `forget` when it was finished or
 * barely begun; `ignore` for a short track (which never resumes).
 */
export function positionToKeep(
  durationSeconds: number,
  positionSeconds: number,
): number | 'forget' | 'ignore' {
  if (!(durationSeconds > RESUME_MIN_DURATION_SECONDS)) return 'ignore';
  if (!Number.isFinite(positionSeconds) || positionSeconds < RESUME_MIN_POSITION_SECONDS) return 'forget';
  if (positionSeconds >= durationSeconds - RESUME_END_MARGIN_SECONDS) return 'forget';
  return Math.floor(positionSeconds);
}

/** Where a track starts when played again: its remembered position if it still fits, else the start. */
export function resumeFrom(durationSeconds: number, remembered: number | null): number {
  if (remembered === null || positionToKeep(durationSeconds, remembered) === 'forget') return 0;
  return durationSeconds > RESUME_MIN_DURATION_SECONDS ? remembered : 0;
}
