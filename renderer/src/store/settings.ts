// The settings main keeps (provider, credentials, theme): read on demand and changed only through main.
import type { StateCreator } from 'zustand';
import type { ChannelArg, ChannelResult, CloudcueApi, Settings } from '../../../shared/ipc';
import type { AppState } from './index';
import { lostContact } from './queue';

export type SettingsPatch = ChannelArg<'setSettings'>;

export interface SettingsSlice {
  /** Null until loaded. */
  settings: Settings | null;
  /** Resolves to null when loaded, else the message to show. */
  loadSettings(): Promise<string | null>;
  /** Resolves to null when main accepted the change (and `settings` shows it), else the message to show. */
  updateSettings(patch: SettingsPatch): Promise<string | null>;
}

export function createSettingsSlice(api: CloudcueApi): StateCreator<AppState, [], [], SettingsSlice> {
  return (set) => {
    /** Takes main's answer: the settings as they now are, or why not. */
    async function apply(call: () => Promise<ChannelResult<'getSettings'>>): Promise<string | null> {
      const result = await Promise.resolve()
        .then(call)
        .catch(() => null);
      if (result === null) return lostContact().message;
      if (!result.ok) return result.error.message;
      set({ settings: result.value });
      return null;
    }

    return {
      settings: null,
      loadSettings: () => apply(() => api.getSettings({})),
      updateSettings: (patch) => apply(() => api.setSettings(patch)),
    };
  };
}
