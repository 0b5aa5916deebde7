// The app's persisted settings (userData/settings.json): which provider resolves links, the Web API client id
// chosen by the user, the preferred stream format, the official API's credentials (the secret encrypted by
// the OS keychain, or kept in memory only), and the user-page cap.
import { z } from 'zod';
import {
  argSchemas,
  CLIENT_ID_PATTERN,
  MAX_LINKS,
  providerNameSchema,
  streamPreferenceSchema,
  type ChannelArg,
  type ProviderName,
  type Settings,
  type StreamPreference,
} from '../../shared/ipc';
import {
  defaultFileSystem,
  errorCode,
  keepAside,
  removeStaleTemporaries,
  writeFileAtomic,
  type FileSystem,
} from './atomic-file';
import { createSerial } from './serial';

/** Electron's safeStorage has this shape; tests pass a fake. */
export interface SecretBox {
  available(): boolean;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

export type SettingsPatch = ChannelArg<'setSettings'>;

export interface SettingsStoreOptions {
  /** userData/settings.json */
  file: string;
  secretBox: SecretBox;
  /** Called with the new view after every change. */
  onChange?: (settings: Settings) => void;
  fs?: FileSystem;
  now?: () => number;
}

/** The settings as the IPC handlers use them. */
export interface SettingsAccess {
  view(): Settings;
  /** Validates, applies and saves a change; changes are applied one at a time, in call order. */
  update(patch: SettingsPatch): Promise<Settings>;
  officialCredentials(): { clientId: string; clientSecret: string } | null;
}

export interface SettingsStore extends SettingsAccess {
  /** Reads the file; a missing or unreadable one gives the defaults (a corrupt one is kept aside). */
  load(): Promise<void>;
  /** Why the chosen provider cannot work right now (null: it can). */
  setProblem(message: string | null): void;
  readonly provider: ProviderName;
  readonly userTrackCap: number;
  /** The Web API client id the user chose; '' lets the app find SoundCloud's public one. */
  readonly webClientId: string;
  readonly streamPreference: StreamPreference;
}

/**
 * A patch the settings refuse (update() rejects with it). Through IPC it never happens: the border parses the
 * same schema first and answers INVALID_INPUT itself, so this guards callers that skip the border.
 */
export class SettingsError extends Error {
  readonly code = 'INVALID_INPUT';
}

export const DEFAULT_USER_TRACK_CAP = 500;
const FILE_VERSION = 1;

/**
 * What is on disk. Each field falls back to its default on its own, so one bad value (an edited file, an
 * older version) does not cost the others. The secret is only ever the base64 of SecretBox.encrypt.
 */
const fileSchema = z.object({
  provider: providerNameSchema.catch('v2'),
  // Absent from files written before these settings existed: the defaults stand in.
  webClientId: z
    .string()
    .refine((value) => value === '' || CLIENT_ID_PATTERN.test(value))
    .catch('')
    .optional(),
  streamPreference: streamPreferenceSchema.catch('aac').optional(),
  officialClientId: z.string().max(128).catch(''),
  officialClientSecretEncrypted: z.string().nullable().catch(null).optional(),
  userTrackCap: z.number().int().min(1).max(MAX_LINKS).catch(DEFAULT_USER_TRACK_CAP),
  theme: z.enum(['system', 'light', 'dark']).catch('system').optional(),
});
type StoredSettings = z.infer<typeof fileSchema>;

interface State {
  provider: ProviderName;
  webClientId: string;
  streamPreference: StreamPreference;
  officialClientId: string;
  /** The secret in clear, in memory only; null when there is none (or it cannot be decrypted). */
  officialClientSecret: string | null;
  /**
   * The encrypted secret as on disk. Kept even when it cannot be decrypted now (a locked keychain), so
   * saving another setting does not destroy it; replaced or cleared only when the user sets the secret.
   */
  encryptedSecret: string | null;
  userTrackCap: number;
  theme: Settings['theme'];
}

const DEFAULTS: State = {
  provider: 'v2',
  webClientId: '',
  // AAC HLS is what SoundCloud keeps serving (MP3 was announced for removal) and sounds better.
  streamPreference: 'aac',
  officialClientId: '',
  officialClientSecret: null,
  encryptedSecret: null,
  userTrackCap: DEFAULT_USER_TRACK_CAP,
  theme: 'system',
};

export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const { file, secretBox } = options;
  const fs = options.fs ?? defaultFileSystem;
  const now = options.now ?? Date.now;
  /** Updates are applied one at a time, in call order, each on the state the one before it left. */
  const serially = createSerial();

  let state: State = { ...DEFAULTS };
  let problem: string | null = null;

  function decrypt(encrypted: string | null | undefined): string | null {
    if (!encrypted || !secretBox.available()) return null;
    try {
      return secretBox.decrypt(Buffer.from(encrypted, 'base64'));
    } catch (error) {
      // Another machine's or user's keychain: the secret is lost, the rest of the settings are not.
      console.warn('settings: the stored client secret cannot be decrypted', error);
      return null;
    }
  }

  function fromFile(stored: StoredSettings): State {
    const encryptedSecret = stored.officialClientSecretEncrypted ?? null;
    return {
      provider: stored.provider,
      webClientId: stored.webClientId ?? '',
      streamPreference: stored.streamPreference ?? 'aac',
      officialClientId: stored.officialClientId,
      officialClientSecret: decrypt(encryptedSecret),
      encryptedSecret,
      userTrackCap: stored.userTrackCap,
      theme: stored.theme ?? 'system',
    };
  }

  function toFile(next: State): string {
    const stored = {
      version: FILE_VERSION,
      provider: next.provider,
      webClientId: next.webClientId,
      streamPreference: next.streamPreference,
      officialClientId: next.officialClientId,
      officialClientSecretEncrypted: next.encryptedSecret,
      userTrackCap: next.userTrackCap,
      theme: next.theme,
    };
    return `${JSON.stringify(stored, null, 2)}\n`;
  }

  /** Keeps an unreadable file aside (for the user, or a bug report) rather than letting a save replace it. */
  async function setAside(reason: unknown): Promise<void> {
    console.warn(`settings: ${file} is unreadable, using defaults`, reason);
    const aside = await keepAside(file, 'corrupt', { fs, now, remove: true });
    if (aside !== null) console.warn(`settings: the unreadable file was kept as ${aside}`);
  }

  async function load(): Promise<void> {
    await removeStaleTemporaries(file, fs);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') console.warn(`settings: cannot read ${file}, using defaults`, error);
      state = { ...DEFAULTS };
      return;
    }
    let parsed: z.ZodSafeParseResult<StoredSettings>;
    try {
      parsed = fileSchema.safeParse(JSON.parse(text));
    } catch (error) {
      await setAside(error);
      state = { ...DEFAULTS };
      return;
    }
    if (!parsed.success) await setAside(parsed.error);
    state = parsed.success ? fromFile(parsed.data) : { ...DEFAULTS };
  }

  function view(): Settings {
    return {
      provider: state.provider,
      webClientId: state.webClientId,
      streamPreference: state.streamPreference,
      officialClientId: state.officialClientId,
      hasOfficialSecret: state.officialClientSecret !== null,
      secretStorage: secretBox.available() ? 'encrypted' : 'memory',
      userTrackCap: state.userTrackCap,
      providerProblem: problem,
      theme: state.theme,
    };
  }

  /** The secret as it will be kept: encrypted for the file when the keychain works, else memory only. */
  function withSecret(current: State, secret: string): State {
    if (secret === '') return { ...current, officialClientSecret: null, encryptedSecret: null };
    const encryptedSecret = secretBox.available() ? secretBox.encrypt(secret).toString('base64') : null;
    return { ...current, officialClientSecret: secret, encryptedSecret };
  }

  function apply(current: State, patch: z.infer<typeof argSchemas.setSettings>): State {
    let next: State = { ...current };
    if (patch.provider !== undefined) next.provider = patch.provider;
    if (patch.webClientId !== undefined) next.webClientId = patch.webClientId;
    if (patch.streamPreference !== undefined) next.streamPreference = patch.streamPreference;
    if (patch.officialClientId !== undefined) next.officialClientId = patch.officialClientId;
    if (patch.userTrackCap !== undefined) next.userTrackCap = patch.userTrackCap;
    if (patch.theme !== undefined) next.theme = patch.theme;
    if (patch.officialClientSecret !== undefined) next = withSecret(next, patch.officialClientSecret);
    return next;
  }

  async function applyAndSave(patch: z.infer<typeof argSchemas.setSettings>): Promise<Settings> {
    const next = apply(state, patch);
    // Saved first, adopted after: a failed save leaves both the file and the running app as they were.
    await writeFileAtomic(file, toFile(next), { fs });
    // A problem belonged to the provider or credentials just replaced: the next call finds out anew.
    const credentialsChanged =
      patch.provider !== undefined ||
      patch.webClientId !== undefined ||
      patch.officialClientId !== undefined ||
      patch.officialClientSecret !== undefined;
    if (credentialsChanged) problem = null;
    state = next;
    const settings = view();
    options.onChange?.(settings);
    return settings;
  }

  function update(patch: SettingsPatch): Promise<Settings> {
    const parsed = argSchemas.setSettings.safeParse(patch);
    if (!parsed.success) return Promise.reject(new SettingsError(z.prettifyError(parsed.error)));
    return serially(() => applyAndSave(parsed.data));
  }

  function setProblem(message: string | null): void {
    if (message === problem) return;
    problem = message;
    options.onChange?.(view());
  }

  function officialCredentials(): { clientId: string; clientSecret: string } | null {
    const clientSecret = state.officialClientSecret;
    if (state.officialClientId === '' || clientSecret === null) return null;
    return { clientId: state.officialClientId, clientSecret };
  }

  return {
    load,
    view,
    update,
    setProblem,
    officialCredentials,
    get provider() {
      return state.provider;
    },
    get userTrackCap() {
      return state.userTrackCap;
    },
    get webClientId() {
      return state.webClientId;
    },
    get streamPreference() {
      return state.streamPreference;
    },
  };
}
