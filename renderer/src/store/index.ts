// The app's zustand store: slices combined once, with the IPC API injected for testability.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CloudcueApi } from '../../../shared/ipc';
import { createPlaybackSlice, type PlaybackSlice } from './playback';
import { createQueueSlice, type QueueSlice } from './queue';

export type AppState = QueueSlice & PlaybackSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(api: CloudcueApi): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createQueueSlice(api)(...a),
    ...createPlaybackSlice(...a),
  }));
}
