// A countdown for the window: whole seconds left until an epoch time, re-rendering each second until then.
// It lives in the component, not the store: a tick a second is nothing the rest of the app cares about.
import { useEffect, useState } from 'react';

/** Whole seconds from `now` until `until`, rounded up (0 once it has passed). */
export const secondsLeft = (until: number, now: number): number =>
  Math.max(0, Math.ceil((until - now) / 1000));

/**
 * Seconds left until `until`. The clock is read when the component mounts and on each tick: give the
 * component a `key` of `until` so that a new deadline starts from a fresh reading.
 */
export function useSecondsLeft(until: number, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const left = until - now;
    if (left <= 0) return;
    // Wake when the rounded-up count changes, so the number moves on time rather than up to a second late.
    const timer = setTimeout(() => setNow(clock()), left % 1000 || 1000);
    return () => clearTimeout(timer);
  }, [until, now, clock]);
  return secondsLeft(until, now);
}
