// The settings main reports, as tests start from them: a fresh install's (api-v2, AAC, no secret kept),
// changed only where a test says.
import type { Settings } from '../../shared/ipc';

/** Main's settings view with `changes` over a fresh install's values. */
export function settingsView(changes: Partial<Settings> = {}): Settings {
  return {
    provider: 'v2',
    webClientId: '',
    streamPreference: 'aac',
    officialClientId: '',
    hasOfficialSecret: false,
    secretStorage: 'memory',
    userTrackCap: 500,
    providerProblem: null,
    theme: 'system',
    ...changes,
  };
}
