// Main's events, applied to the store for as long as the window lives: a pause or a settings change at
// once, the queue's resolving events gathered into bursts.
import type { CloudcueApi } from '../../../shared/ipc';
import type { AppStore } from './state';
import type { QueueEvent } from './queue-events';

/** How long events from main are gathered before they are applied together. */
export const BURST_MS = 16;

/** Subscribes `store` to main's events; returns the stop function (a burst not yet applied is dropped). */
export function startMainEvents(store: AppStore, api: Pick<CloudcueApi, 'onEvent'>): () => void {
  let burst: QueueEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  function applyBurst(): void {
    const events = burst;
    burst = [];
    timer = null;
    store.getState().receiveAll(events);
  }

  const unsubscribe = api.onEvent((event) => {
    // A pause is rare and one update by itself: shown at once.
    if (event.type === 'status') {
      store.getState().setRequestPause(event.pause);
      return;
    }
    if (event.type === 'settings') {
      store.getState().adoptSettings(event.settings);
      return;
    }
    // The desktop's links, commands and window mode are startDesktop's (store/desktop.ts), which hears them.
    if (event.type === 'open-links' || event.type === 'player-command' || event.type === 'window-mode')
      return;
    // Events come in bursts (a large paste resolving): applied in one update, the window renders once per
    // burst instead of once per track.
    burst.push(event);
    timer ??= setTimeout(applyBurst, BURST_MS);
  });

  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
    timer = null;
    burst = [];
  };
}
