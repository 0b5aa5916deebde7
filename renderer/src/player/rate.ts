// The playback speed on the engine's sounds: each playthrough plays at the speed of its own track's kind (the
// current one and the prepared next alike), and time left in a track is counted in wall time at that speed.
import type { AppState } from '../store';
import { speedOf } from '../store/speeds';
import type { Playthrough } from './playthrough';

type SpeedState = Pick<AppState, 'items' | 'currentId' | 'speeds'>;

/** The speed `p` plays at. */
export function rateOf(state: SpeedState, p: Playthrough): number {
  return speedOf(state, p.itemId);
}

/** Puts `p`'s speed on its sound and on a standby loading beside it. */
export function applyRate(state: SpeedState, p: Playthrough | null): void {
  if (p === null) return;
  const rate = rateOf(state, p);
  p.sound?.rate?.(rate);
  p.standby?.sound?.rate?.(rate);
}

/** After a change of the speeds, puts them on the playthroughs that have sounds (a new sound takes its own). */
export function followSpeeds(
  state: SpeedState,
  previous: SpeedState | null,
  playthroughs: readonly (Playthrough | null)[],
): void {
  if (previous === null || state.speeds === previous.speeds) return;
  for (const p of playthroughs) applyRate(state, p);
}

/** How long (wall ms) `mediaMs` of `p`'s track takes to play at its speed. */
export function wallMsOf(state: SpeedState, p: Playthrough, mediaMs: number): number {
  return mediaMs / rateOf(state, p);
}
