// The app's settings store: which provider resolves links, the Web API client id chosen by the user, the
// preferred stream format, the official API's credentials (the secret encrypted by the OS keychain, or kept in
// memory only), the user-page cap and the desktop's (tray, sleep, notices, updates: defaults until chosen);
// loaded once, changed one patch at a time, each saved before it is used. Their file format:
// settings-format.ts.
import { z } from 'zod';
import {
  argSchemas,
  type ChannelArg,
  type ProviderName,
  type Settings,
  type StreamPreference,
} from '../../shared/ipc';
import { defaultFileSystem, keepAside, readSavedFile, writeFileAtomic, type FileSystem } from './atomic-file';
import { POWER_DEFAULTS } from '../desktop/power';
import { keepPlayingInTrayByDefault } from '../desktop/tray-state';
import { defaultUpdateSettings } from '../updates';
import { createSerial } from './serial';
import {
  applyPatch,
  changesCredentials,
  decodeSettings,
  DEFAULT_SETTINGS,
  encodeSettings,
  plainChoices,
  type ParsedPatch,
  type SecretPair,
  type SettingsState,
} from './settings-format';

/** Where the official API's secret is sealed: the OS keychain (keychainSecretBox), or a fake in tests. */
export interface SecretBox {
  /** True only when what encrypt() gives is protected by a keychain; false keeps the secret in memory only. */
  available(): boolean;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
  /**
   * The secret in a stored blob that was sealed with a key anyone has (an earlier run's Linux basic_text
   * store), or null for any other blob. Such a blob is as good as clear text: the store drops it from the file.
   */
  openExposed?(data: Buffer): string | null;
}

/** Electron's safeStorage, as far as the keychain decision needs it (tests pass a fake). */
export interface SafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
  /** Linux only: the password store Chromium picked ('basic_text', 'gnome_libsecret', 'kwallet6'...). */
  getSelectedStorageBackend(): string;
}

/**
 * safeStorage as a SecretBox. On Linux without a keychain (no libsecret or KWallet running, or
 * --password-store=basic) Chromium encrypts with a key written in its own source while safeStorage still
 * reports encryption available: anyone can decrypt that, so Cloudcue counts it as no keychain and keeps the
 * secret in memory only. 'unknown' (asked before the app is ready) is not a keychain either. The store is
 * asked after isEncryptionAvailable(), which is what makes Chromium choose one.
 */
export function keychainSecretBox(storage: SafeStorage, platform: NodeJS.Platform): SecretBox {
  const basicText = (): boolean =>
    platform === 'linux' &&
    storage.isEncryptionAvailable() &&
    storage.getSelectedStorageBackend() === 'basic_text';
  return {
    available: () => {
      if (!storage.isEncryptionAvailable()) return false;
      if (platform !== 'linux') return true;
      const backend = storage.getSelectedStorageBackend();
      return backend !== 'basic_text' && backend !== 'unknown';
    },
    encrypt: (text) => storage.encryptString(text),
    decrypt: (data) => storage.decryptString(data),
    // With basic_text, only what was sealed with Chromium's built-in key opens; a keyring's blob does not.
    openExposed: (data) => {
      if (!basicText()) return null;
      try {
        return storage.decryptString(data);
      } catch {
        return null;
      }
    },
  };
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
  /** Where the desktop settings' defaults come from (process.platform by default). */
  platform?: NodeJS.Platform;
  /** app.isPackaged: "Check for updates" is on by default only where updates can be installed (false by default). */
  packaged?: boolean;
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

export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const { file, secretBox } = options;
  const fs = options.fs ?? defaultFileSystem;
  const now = options.now ?? Date.now;
  const platform = options.platform ?? process.platform;
  /** Updates are applied one at a time, in call order, each on the state the one before it left. */
  const serially = createSerial();

  let state: SettingsState = { ...DEFAULT_SETTINGS };
  let problem: string | null = null;

  function decrypt(encrypted: string | null): string | null {
    if (!encrypted || !secretBox.available()) return null;
    try {
      return secretBox.decrypt(Buffer.from(encrypted, 'base64'));
    } catch (error) {
      // Another machine's or user's keychain: the secret is lost, the rest of the settings are not.
      console.warn('settings: the stored client secret cannot be decrypted', error);
      return null;
    }
  }

  /** Keeps an unreadable file aside (for the user, or a bug report) rather than letting a save replace it. */
  async function setAside(reason: unknown): Promise<void> {
    console.warn(`settings: ${file} is unreadable, using defaults`, reason);
    const aside = await keepAside(file, 'corrupt', { fs, now, remove: true });
    if (aside !== null) console.warn(`settings: the unreadable file was kept as ${aside}`);
  }

  async function load(): Promise<void> {
    const found = await readSavedFile(file, fs);
    if (found.kind !== 'text') {
      if (found.kind === 'unreadable') {
        console.warn(`settings: cannot read ${file}, using defaults`, found.error);
      }
      state = { ...DEFAULT_SETTINGS };
      return;
    }
    const decoded = decodeSettings(found.text, decrypt);
    if (decoded.kind === 'bad') await setAside(decoded.reason);
    state = decoded.kind === 'ok' ? decoded.state : { ...DEFAULT_SETTINGS };
    await dropExposedSecret();
  }

  /** A secret sealed with a key anyone has leaves the file at once; it stays for this run, in memory only. */
  async function dropExposedSecret(): Promise<void> {
    const sealed = state.encryptedSecret;
    const secret = sealed === null ? null : (secretBox.openExposed?.(Buffer.from(sealed, 'base64')) ?? null);
    if (secret === null) return;
    const next = { ...state, officialClientSecret: secret, encryptedSecret: null };
    try {
      await writeFileAtomic(file, encodeSettings(next), { fs });
    } catch (error) {
      console.warn('settings: cannot remove the exposed client secret from the file yet', error);
    }
    state = next;
  }

  function view(): Settings {
    return {
      ...plainChoices(state),
      hasOfficialSecret: state.officialClientSecret !== null,
      secretStorage: secretBox.available() ? 'encrypted' : 'memory',
      providerProblem: problem,
      keepPlayingInTray: state.keepPlayingInTray ?? keepPlayingInTrayByDefault(platform),
      pauseOnSleep: state.pauseOnSleep ?? POWER_DEFAULTS.pauseOnSleep,
      notifyOnTrackChange: state.notifyOnTrackChange ?? POWER_DEFAULTS.notifyOnTrackChange,
      checkForUpdates:
        state.checkForUpdates ?? defaultUpdateSettings(options.packaged ?? false).checkForUpdates,
    };
  }

  /** The secret as it will be kept: encrypted for the file when the keychain works, else memory only. */
  function seal(secret: string): SecretPair {
    if (secret === '') return { officialClientSecret: null, encryptedSecret: null };
    const encryptedSecret = secretBox.available() ? secretBox.encrypt(secret).toString('base64') : null;
    return { officialClientSecret: secret, encryptedSecret };
  }

  async function applyAndSave(patch: ParsedPatch): Promise<Settings> {
    const next = applyPatch(state, patch, seal);
    // Saved first, adopted after: a failed save leaves both the file and the running app as they were.
    await writeFileAtomic(file, encodeSettings(next), { fs });
    // A problem belonged to the provider or credentials just replaced: the next call finds out anew.
    if (changesCredentials(patch)) problem = null;
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
