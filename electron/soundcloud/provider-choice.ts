// The provider chosen in Settings, each built once on first use with what it reads from Settings (the Web API
// client id, the preferred stream format, the official API's credentials), and the problem Settings shows.
import type { ProviderName, StreamPreference } from '../../shared/ipc';
import { createClientIdStore, USER_CLIENT_ID_REFUSED } from './client-id';
import { SoundCloudError, type Http } from './http';
import { createLegacyProvider } from './legacy';
import { createTokenStore } from './oauth';
import { createOfficialProvider } from './official';
import type { Provider } from './provider';
import { createV2Provider } from './v2';

/** The seed chain's public client id; overridable with CLOUDCUE_CLIENT_ID. */
export const DEFAULT_CLIENT_ID = 'a3e059563d7fd3372b49b37f00a00bcf';

/** What the service reads from the user's settings. */
export interface SettingsSource {
  readonly provider: ProviderName;
  readonly userTrackCap: number;
  /** The Web API client id entered by the user; '' lets Cloudcue find SoundCloud's public one. */
  readonly webClientId: string;
  readonly streamPreference: StreamPreference;
  officialCredentials(): { clientId: string; clientSecret: string } | null;
  /** Tells Settings why the chosen provider cannot work (null: it works). */
  setProblem(message: string | null): void;
}

export interface ProviderChoiceOptions {
  http: Http;
  settings: SettingsSource;
  origin: string | null;
  now: () => number;
  /** Where the discovered api-v2 client_id is cached; null: memory only. */
  clientIdFile: string | null;
  legacyClientId: string;
}

export interface ProviderChoice {
  /** The provider chosen in Settings now. */
  current(): Provider;
  /**
   * Runs provider work, telling Settings when the official API's credentials are the problem, and that
   * there is none once the chosen provider works (whichever it is: a problem of the official API must not
   * outlive a switch to another provider). Work that ends after Settings chose another reports nothing.
   */
  run<T>(work: (provider: Provider) => Promise<T>): Promise<T>;
}

export function createProviderChoice(options: ProviderChoiceOptions): ProviderChoice {
  const { http, settings, origin, now } = options;
  const streamPreference = (): StreamPreference => settings.streamPreference;
  const makers: Record<ProviderName, () => Provider> = {
    v2: () =>
      createV2Provider({
        http,
        clientIds: createClientIdStore({
          http,
          file: options.clientIdFile,
          userClientId: () => settings.webClientId,
        }),
        origin,
        now,
        streamPreference,
      }),
    official: () =>
      createOfficialProvider({
        http,
        tokens: createTokenStore({ http, credentials: () => settings.officialCredentials(), now }),
        origin,
        now,
        streamPreference,
      }),
    legacy: () => createLegacyProvider({ http, clientId: options.legacyClientId, origin, now }),
  };
  const built = new Map<ProviderName, Provider>();

  function current(): Provider {
    const name = settings.provider;
    let chosen = built.get(name);
    if (chosen === undefined) {
      chosen = makers[name]();
      built.set(name, chosen);
    }
    return chosen;
  }

  async function run<T>(work: (provider: Provider) => Promise<T>): Promise<T> {
    const chosen = current();
    const report = (problem: string | null): void => {
      if (settings.provider === chosen.name) settings.setProblem(problem);
    };
    try {
      const value = await work(chosen);
      report(null);
      return value;
    } catch (error) {
      // The credentials, or the client id, entered in Settings are refused: Settings says so beside them.
      const refused =
        error instanceof SoundCloudError &&
        error.code === 'UNAUTHORIZED' &&
        (chosen.name === 'official' || error.message === USER_CLIENT_ID_REFUSED);
      if (refused) report(error.message);
      throw error;
    }
  }

  return { current, run };
}
