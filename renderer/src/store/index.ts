// The app's zustand store: slices combined once, with the IPC API (and randomness) injected for testability.
import { createStore } from 'zustand/vanilla';
import type { CloudcueApi } from '../../../shared/ipc';
import { MAX_QUEUE_ITEMS } from '../../../shared/limits';
import { bordered } from '../api';
import { createPlaybackSlice } from './playback';
import { createPlaylistsSlice } from './playlists';
import { createEditingSlice } from './queue-editing';
import { createIntakeSlice } from './queue-intake';
import { createListeningSlice } from './listening';
import { createRelatedSlice } from './related';
import { createSettingsSlice } from './settings';
import { createStatusSlice } from './status';
import { createWindowModeSlice } from './window-mode';
import type { AppState, AppStore } from './state';

export type { AppState, AppStore } from './state';

export interface StoreOptions {
  /** Where shuffle gets its randomness (tests make it predictable); Math.random by default. */
  random?: () => number;
  /** The most items the queue holds (MAX_QUEUE_ITEMS; tests make it small). */
  queueCap?: number;
  /** The clock of the sleep timer (Date.now; tests move it by hand). */
  now?: () => number;
}

/** The store; main's events reach it through startMainEvents. */
export function createAppStore(unbordered: CloudcueApi, options: StoreOptions = {}): AppStore {
  const random = options.random ?? Math.random;
  // Slices read every answer as `{ ok }`: a call that fails to reach main is a lost-contact answer.
  const api = bordered(unbordered);
  return createStore<AppState>()((...a) => ({
    ...createIntakeSlice(api, random, options.queueCap ?? MAX_QUEUE_ITEMS)(...a),
    ...createEditingSlice(...a),
    ...createPlaybackSlice(random)(...a),
    ...createPlaylistsSlice(api, random)(...a),
    ...createSettingsSlice(api)(...a),
    ...createStatusSlice(...a),
    ...createRelatedSlice(api)(...a),
    ...createWindowModeSlice(api)(...a),
    ...createListeningSlice(options.now ?? Date.now)(...a),
  }));
}
