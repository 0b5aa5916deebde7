// The settings the SoundCloud service reads, as a fresh install has them (api-v2, Cloudcue finds the client
// id, AAC first, no official credentials), with a test's changes over them.
import type { SettingsSource } from '../../electron/soundcloud/service';

export function serviceSettings(changes: Partial<SettingsSource> = {}): SettingsSource {
  return {
    provider: 'v2',
    userTrackCap: 500,
    webClientId: '',
    streamPreference: 'aac',
    officialCredentials: () => null,
    setProblem: () => undefined,
    ...changes,
  };
}
