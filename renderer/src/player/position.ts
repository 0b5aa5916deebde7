// The playing position, which changes many times a second: kept outside the store and read by
// components through useSyncExternalStore, so it never re-renders anything that does not show it.
import { createSignal, useSignal, type Signal } from '../audio/signal';

export interface Position {
  /** Seconds into the current track. */
  position: number;
  /** The track's length in seconds (0 while unknown). */
  duration: number;
}

export type PositionSource = Signal<Position>;

export function createPositionSource(): PositionSource {
  const signal = createSignal<Position>({ position: 0, duration: 0 });
  return {
    ...signal,
    set(next) {
      // The engine reports a fresh object each tick: an unchanged position re-renders nothing.
      const current = signal.get();
      if (next.position !== current.position || next.duration !== current.duration) signal.set(next);
    },
  };
}

/** The one position of the window's player. */
export const playerPosition = createPositionSource();

export function usePosition(source: PositionSource = playerPosition): Position {
  return useSignal(source);
}
