// Playback speed, pure: the steps offered, which kind of track an item is (long ones keep a speed of their own)
// and the speed a given item plays at.
import { RESUME_MIN_DURATION_SECONDS } from '../../../shared/resume';
import type { AppState } from './state';

/** The speeds the player offers, slowest first. */
export const SPEED_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/** Long tracks (mixes, radio shows, podcasts) keep a speed of their own; the rest share another. */
export type SpeedKind = 'long' | 'other';

export interface Speeds {
  long: number;
  other: number;
}

export const DEFAULT_SPEEDS: Speeds = { long: 1, other: 1 };

/** The step nearest to `rate` (1 for anything that is not a finite number). */
export function nearestSpeed(rate: number): number {
  if (!Number.isFinite(rate)) return 1;
  let best: number = SPEED_STEPS[0];
  for (const step of SPEED_STEPS) if (Math.abs(step - rate) < Math.abs(best - rate)) best = step;
  return best;
}

/** Long is what remembers where it was left (over 10 minutes): the same tracks a listener speeds up. */
export function speedKindOf(durationMs: number | undefined): SpeedKind {
  return (durationMs ?? 0) / 1000 > RESUME_MIN_DURATION_SECONDS ? 'long' : 'other';
}

/** The speed item `itemId` plays at (the current item's when none is named; 'other' for no track). */
export function speedOf(state: Pick<AppState, 'items' | 'currentId' | 'speeds'>, itemId?: string): number {
  const id = itemId ?? state.currentId;
  const item = id === null ? undefined : state.items.find((i) => i.id === id);
  return state.speeds[speedKindOf(item?.track?.durationMs)];
}
