// The window's mode as the page lays it out: the full window or the mini player. Main makes the window
// match and has the last word; never saved, as the app always starts full.
import type { StateCreator } from 'zustand';
import type { CloudcueApi } from '../../../shared/ipc';
import type { AppState, WindowModeSlice } from './state';

export function createWindowModeSlice(api: CloudcueApi): StateCreator<AppState, [], [], WindowModeSlice> {
  return (set, get) => ({
    mini: false,
    async setMini(mini) {
      const answer = await api.windowMode({ mini });
      // A refused or lost call leaves the layout as the window is.
      if (answer.ok) set({ mini: answer.value.mini });
    },
    toggleMini: () => get().setMini(!get().mini),
    adoptWindowMode(mini) {
      set({ mini });
    },
  });
}
