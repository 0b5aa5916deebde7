// The app's zustand store: slices combined once, with the IPC API injected for testability.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CloudcueApi } from '../../../shared/ipc';
import { createPlaybackSlice, type PlaybackSlice } from './playback';
import { createQueueSlice, type QueueSlice } from './queue';

export type AppState = QueueSlice & PlaybackSlice;
export type AppStore = StoreApi<AppState>;

/** The store, subscribed to main's events for as long as the window lives. */
export function createAppStore(api: CloudcueApi): AppStore {
  const store = createStore<AppState>()((...a) => ({
    ...createQueueSlice(api)(...a),
    ...createPlaybackSlice(...a),
  }));
  api.onEvent((event) => store.getState().receive(event));
  return store;
}
