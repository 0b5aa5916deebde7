// The playing position, which changes many times a second: kept outside the store and read by
// components through useSyncExternalStore, so it never re-renders anything that does not show it.
import { useSyncExternalStore } from 'react';

export interface Position {
  /** Seconds into the current track. */
  position: number;
  /** The track's length in seconds (0 while unknown). */
  duration: number;
}

export interface PositionSource {
  get(): Position;
  set(next: Position): void;
  subscribe(listener: () => void): () => void;
}

export function createPositionSource(): PositionSource {
  let current: Position = { position: 0, duration: 0 };
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(next) {
      if (next.position === current.position && next.duration === current.duration) return;
      current = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The one position of the window's player. */
export const playerPosition = createPositionSource();

export function usePosition(source: PositionSource = playerPosition): Position {
  return useSyncExternalStore(source.subscribe, source.get, source.get);
}
