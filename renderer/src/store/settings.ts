// The settings main keeps (provider, credentials, theme): read on start, pushed by main on every change,
// and changed only through main. A change of provider retries what the old one failed.
import type { StateCreator } from 'zustand';
import type { ChannelResult, CloudcueApi } from '../../../shared/ipc';
import type { AppState, SettingsSlice } from './state';

export type { SettingsPatch } from './state';

export function createSettingsSlice(api: CloudcueApi): StateCreator<AppState, [], [], SettingsSlice> {
  return (set, get) => {
    /** Takes main's answer: the settings as they now are, or why not. */
    async function apply(call: () => Promise<ChannelResult<'getSettings'>>): Promise<string | null> {
      const result = await call();
      if (!result.ok) return result.error.message;
      get().adoptSettings(result.value);
      return null;
    }

    return {
      settings: null,
      loadSettings: () => apply(() => api.getSettings({})),
      updateSettings: (patch) => apply(() => api.setSettings(patch)),
      adoptSettings(settings) {
        const before = get().settings;
        set({ settings });
        // What failed through the old provider (refused, challenged, limited) may pass through the new one;
        // verdicts about the track itself (removed, geo-blocked) are not asked again.
        if (before !== null && before.provider !== settings.provider) void get().retryFailed();
      },
    };
  };
}
