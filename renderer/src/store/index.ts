// The app's zustand store: slices combined once, with the IPC API (and randomness) injected for testability.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CloudcueApi } from '../../../shared/ipc';
import { bordered } from '../api';
import { createPlaybackSlice, type PlaybackSlice } from './playback';
import { createQueueSlice, type QueueSlice } from './queue';
import type { QueueEvent } from './queue-events';
import { createRelatedSlice, type RelatedSlice } from './related';
import { createSettingsSlice, type SettingsSlice } from './settings';
import { createStatusSlice, type StatusSlice } from './status';

export type AppState = QueueSlice & PlaybackSlice & SettingsSlice & StatusSlice & RelatedSlice;

/** How long events from main are gathered before they are applied together. */
const BURST_MS = 16;
export type AppStore = StoreApi<AppState>;

export interface StoreOptions {
  /** Where shuffle gets its randomness (tests make it predictable); Math.random by default. */
  random?: () => number;
}

/** The store, subscribed to main's events for as long as the window lives. */
export function createAppStore(unbordered: CloudcueApi, options: StoreOptions = {}): AppStore {
  const random = options.random ?? Math.random;
  // Slices read every answer as `{ ok }`: a call that fails to reach main is a lost-contact answer.
  const api = bordered(unbordered);
  const store = createStore<AppState>()((...a) => ({
    ...createQueueSlice(api, random)(...a),
    ...createPlaybackSlice(random)(...a),
    ...createSettingsSlice(api)(...a),
    ...createStatusSlice(...a),
    ...createRelatedSlice(api)(...a),
  }));
  // Events come in bursts (a large paste resolving): apply each burst in one update, so the window
  // renders once per burst instead of once per track.
  let burst: QueueEvent[] = [];
  api.onEvent((event) => {
    // A pause is rare and one update by itself: shown at once.
    if (event.type === 'status') {
      store.getState().setRequestPause(event.pause);
      return;
    }
    if (event.type === 'settings') {
      store.getState().adoptSettings(event.settings);
      return;
    }
    burst.push(event);
    if (burst.length > 1) return;
    setTimeout(() => {
      const events = burst;
      burst = [];
      store.getState().receiveAll(events);
    }, BURST_MS);
  });
  return store;
}
