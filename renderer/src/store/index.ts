// The app's zustand store: slices combined once, with the IPC API (and randomness) injected for testability.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CloudcueApi } from '../../../shared/ipc';
import { createPlaybackSlice, type PlaybackSlice } from './playback';
import { createQueueSlice, type QueueSlice } from './queue';
import { createSettingsSlice, type SettingsSlice } from './settings';

export type AppState = QueueSlice & PlaybackSlice & SettingsSlice;
export type AppStore = StoreApi<AppState>;

export interface StoreOptions {
  /** Where shuffle gets its randomness (tests make it predictable); Math.random by default. */
  random?: () => number;
}

/** The store, subscribed to main's events for as long as the window lives. */
export function createAppStore(api: CloudcueApi, options: StoreOptions = {}): AppStore {
  const random = options.random ?? Math.random;
  const store = createStore<AppState>()((...a) => ({
    ...createQueueSlice(api, random)(...a),
    ...createPlaybackSlice(random)(...a),
    ...createSettingsSlice(api)(...a),
  }));
  api.onEvent((event) => store.getState().receive(event));
  return store;
}
