// Whether SoundCloud has made Cloudcue wait (a 429, or a human check), as main last said; the window shows
// it until the time passes. Never saved: a pause is main's, and main forgets it on a restart.
import type { StateCreator } from 'zustand';
import type { AppState, StatusSlice } from './state';

export type { RequestPause } from './state';

export const createStatusSlice: StateCreator<AppState, [], [], StatusSlice> = (set, get) => ({
  requestPause: null,
  setRequestPause(requestPause) {
    const before = get().requestPause;
    set({ requestPause });
    // A human check's wait is over: what it failed is asked for again by itself, as its message promises.
    // Should SoundCloud still refuse, main pauses again for longer, so this never becomes a loop of requests.
    if (before?.code === 'CHALLENGED' && requestPause === null) void get().retryFailed('CHALLENGED');
  },
});
