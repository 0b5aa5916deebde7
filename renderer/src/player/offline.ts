// Offline: playback pauses with a message when the network goes, and carries on by itself when it returns.
import type { AppStore } from '../store';

export const OFFLINE_NOTICE = 'You are offline. Playback pauses, and carries on when the connection returns.';

export interface OfflineWatchOptions {
  store: AppStore;
  /** Where 'online' and 'offline' events come from (the window). */
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
}

/** Starts watching; returns the function that stops it. */
export function startOfflineWatch({ store, events }: OfflineWatchOptions): () => void {
  /** Whether this watch paused playback (and so may resume it). */
  let pausedByUs = false;

  const offline = (): void => {
    const state = store.getState();
    if (state.playing) {
      pausedByUs = true;
      state.pause();
    }
    store.setState({ notice: OFFLINE_NOTICE });
  };

  const online = (): void => {
    const state = store.getState();
    if (state.notice === OFFLINE_NOTICE) store.setState({ notice: null });
    // Only what this watch paused is resumed: a pause the listener chose stays a pause.
    if (pausedByUs && !state.playing && state.currentId !== null) state.play();
    pausedByUs = false;
  };

  // The listener pressing Play or Pause meanwhile takes over.
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.playing !== previous.playing && state.playing) pausedByUs = false;
  });

  events.addEventListener('offline', offline);
  events.addEventListener('online', online);
  return () => {
    unsubscribe();
    events.removeEventListener('offline', offline);
    events.removeEventListener('online', online);
  };
}
