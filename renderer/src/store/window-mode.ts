// The window's mode as the page lays it out: the full window or the mini player. Main makes the window
// match and has the last word; never saved, as the app always starts full.
import type { StateCreator } from 'zustand';
import type { CloudcueApi } from '../../../shared/ipc';
import type { AppState } from './index';

export interface WindowModeSlice {
  /** The compact layout: artwork, title, transport and seek bar, the queue hidden (kept, not unmade). */
  mini: boolean;
  /** Asks main for the mini player or the full window; the layout follows main's answer. */
  setMini(mini: boolean): Promise<void>;
  toggleMini(): Promise<void>;
  /** Main says the window's mode changed by itself (the tray, a maximize). */
  adoptWindowMode(mini: boolean): void;
}

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
