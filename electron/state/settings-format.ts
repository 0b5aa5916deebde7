// The settings file's format (userData/settings.json) and the settings as held in memory: decoding field by
// field with defaults, encoding, and applying a patch. Pure: the keychain is passed in where the secret is.
import { z } from 'zod';
import {
  CLIENT_ID_PATTERN,
  crossfadeSecondsSchema,
  EQ_BAND_COUNT,
  equalizerSchema,
  loudnessTargetSchema,
  MAX_OUTPUT_DEVICE_CHARS,
  MAX_LINKS,
  providerNameSchema,
  streamPreferenceSchema,
  type argSchemas,
  type EqualizerSettings,
  type LoudnessTarget,
  type ProviderName,
  type Settings,
  type StreamPreference,
} from '../../shared/ipc';

const DEFAULT_USER_TRACK_CAP = 500;
const FILE_VERSION = 1;
/** The equalizer as a fresh install has it: off, flat. */
const DEFAULT_EQUALIZER: EqualizerSettings = {
  enabled: false,
  preamp: 0,
  bands: Array.from({ length: EQ_BAND_COUNT }, () => 0),
};

/** A patch as the IPC contract's setSettings schema gives it (trimmed, checked). */
export type ParsedPatch = z.output<(typeof argSchemas)['setSettings']>;

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
  queueEnd: z.enum(['stop', 'related']).catch('stop').optional(),
  // The desktop's: null (or absent) until the user chooses, so the platform's default applies.
  keepPlayingInTray: z.boolean().nullable().catch(null).optional(),
  pauseOnSleep: z.boolean().nullable().catch(null).optional(),
  notifyOnTrackChange: z.boolean().nullable().catch(null).optional(),
  // Null (or absent) until chosen: on in a packaged app, off in a copy run from source.
  checkForUpdates: z.boolean().nullable().catch(null).optional(),
  // Absent from files written before crossfade: none (the gapless change), a set's tracks kept gapless.
  crossfadeSeconds: crossfadeSecondsSchema.catch(0).optional(),
  keepAlbumsGapless: z.boolean().catch(true).optional(),
  // Absent from files written before loudness normalization: on, at −14 LUFS.
  normalizeLoudness: z.boolean().catch(true).optional(),
  loudnessTarget: loudnessTargetSchema.catch(-14).optional(),
  // Absent from files written before them: the system default, and the equalizer off and flat.
  outputDevice: z.string().max(MAX_OUTPUT_DEVICE_CHARS).catch('').optional(),
  equalizer: equalizerSchema.catch(DEFAULT_EQUALIZER).optional(),
});

/**
 * The desktop settings as chosen: null where the user has not chosen, and the default applies (the platform's,
 * or for updates whether the app is packaged).
 */
export interface DesktopChoices {
  keepPlayingInTray: boolean | null;
  pauseOnSleep: boolean | null;
  notifyOnTrackChange: boolean | null;
  checkForUpdates: boolean | null;
}

export interface SettingsState extends DesktopChoices {
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
  queueEnd: NonNullable<Settings['queueEnd']>;
  crossfadeSeconds: number;
  keepAlbumsGapless: boolean;
  normalizeLoudness: boolean;
  loudnessTarget: LoudnessTarget;
  /** The chosen output device's name ('' = the system default). */
  outputDevice: string;
  equalizer: EqualizerSettings;
}

/** The secret as it is kept: in clear in memory, and encrypted for the file (null: memory only). */
export type SecretPair = Pick<SettingsState, 'officialClientSecret' | 'encryptedSecret'>;

export const DEFAULT_SETTINGS: Readonly<SettingsState> = {
  provider: 'v2',
  webClientId: '',
  // AAC HLS is what SoundCloud keeps serving (MP3 was announced for removal) and sounds better.
  streamPreference: 'aac',
  officialClientId: '',
  officialClientSecret: null,
  encryptedSecret: null,
  userTrackCap: DEFAULT_USER_TRACK_CAP,
  theme: 'system',
  // Off by default: nothing is added to the queue that the listener did not ask for.
  queueEnd: 'stop',
  keepPlayingInTray: null,
  pauseOnSleep: null,
  notifyOnTrackChange: null,
  checkForUpdates: null,
  // Gapless by default: a change of track sounds as it always has until the listener asks for a crossfade.
  crossfadeSeconds: 0,
  keepAlbumsGapless: true,
  // On: SoundCloud's uploads differ by 10–15 dB, and a listener should not have to ride the volume.
  normalizeLoudness: true,
  loudnessTarget: -14,
  outputDevice: '',
  // Off: the sound is as uploaded until the listener asks for more.
  equalizer: DEFAULT_EQUALIZER,
};

/** A file's settings, or why the file cannot be used. `decrypt` gives the secret in clear, or null. */
export function decodeSettings(
  text: string,
  decrypt: (encrypted: string | null) => string | null,
): { kind: 'ok'; state: SettingsState } | { kind: 'bad'; reason: unknown } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { kind: 'bad', reason: error };
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) return { kind: 'bad', reason: parsed.error };
  const stored = parsed.data;
  const encryptedSecret = stored.officialClientSecretEncrypted ?? null;
  return {
    kind: 'ok',
    state: {
      provider: stored.provider,
      webClientId: stored.webClientId ?? '',
      streamPreference: stored.streamPreference ?? 'aac',
      officialClientId: stored.officialClientId,
      officialClientSecret: decrypt(encryptedSecret),
      encryptedSecret,
      userTrackCap: stored.userTrackCap,
      theme: stored.theme ?? 'system',
      queueEnd: stored.queueEnd ?? 'stop',
      keepPlayingInTray: stored.keepPlayingInTray ?? null,
      pauseOnSleep: stored.pauseOnSleep ?? null,
      notifyOnTrackChange: stored.notifyOnTrackChange ?? null,
      checkForUpdates: stored.checkForUpdates ?? null,
      crossfadeSeconds: stored.crossfadeSeconds ?? 0,
      keepAlbumsGapless: stored.keepAlbumsGapless ?? true,
      normalizeLoudness: stored.normalizeLoudness ?? true,
      loudnessTarget: stored.loudnessTarget ?? -14,
      outputDevice: stored.outputDevice ?? '',
      equalizer: stored.equalizer ?? DEFAULT_EQUALIZER,
    },
  };
}

/** The choices that the file and the window's view both carry exactly as they are held. */
export function plainChoices(state: SettingsState) {
  return {
    provider: state.provider,
    webClientId: state.webClientId,
    streamPreference: state.streamPreference,
    officialClientId: state.officialClientId,
    userTrackCap: state.userTrackCap,
    theme: state.theme,
    queueEnd: state.queueEnd,
    crossfadeSeconds: state.crossfadeSeconds,
    keepAlbumsGapless: state.keepAlbumsGapless,
    normalizeLoudness: state.normalizeLoudness,
    loudnessTarget: state.loudnessTarget,
    outputDevice: state.outputDevice,
    equalizer: state.equalizer,
  };
}

/** The file's text: readable, since users may look at (or edit) their settings. Never the secret in clear. */
export function encodeSettings(state: SettingsState): string {
  const stored = {
    version: FILE_VERSION,
    ...plainChoices(state),
    officialClientSecretEncrypted: state.encryptedSecret,
    // The desktop's as chosen: null leaves the platform's default to apply.
    keepPlayingInTray: state.keepPlayingInTray,
    pauseOnSleep: state.pauseOnSleep,
    notifyOnTrackChange: state.notifyOnTrackChange,
    checkForUpdates: state.checkForUpdates,
  };
  return `${JSON.stringify(stored, null, 2)}\n`;
}

/** The settings after a patch; `seal` keeps a new secret (an empty one clears it). */
export function applyPatch(
  current: SettingsState,
  patch: ParsedPatch,
  seal: (secret: string) => SecretPair,
): SettingsState {
  const next: SettingsState = { ...current };
  if (patch.provider !== undefined) next.provider = patch.provider;
  if (patch.webClientId !== undefined) next.webClientId = patch.webClientId;
  if (patch.streamPreference !== undefined) next.streamPreference = patch.streamPreference;
  if (patch.officialClientId !== undefined) next.officialClientId = patch.officialClientId;
  if (patch.userTrackCap !== undefined) next.userTrackCap = patch.userTrackCap;
  if (patch.theme !== undefined) next.theme = patch.theme;
  if (patch.queueEnd !== undefined) next.queueEnd = patch.queueEnd;
  if (patch.keepPlayingInTray !== undefined) next.keepPlayingInTray = patch.keepPlayingInTray;
  if (patch.pauseOnSleep !== undefined) next.pauseOnSleep = patch.pauseOnSleep;
  if (patch.notifyOnTrackChange !== undefined) next.notifyOnTrackChange = patch.notifyOnTrackChange;
  if (patch.checkForUpdates !== undefined) next.checkForUpdates = patch.checkForUpdates;
  if (patch.crossfadeSeconds !== undefined) next.crossfadeSeconds = patch.crossfadeSeconds;
  if (patch.keepAlbumsGapless !== undefined) next.keepAlbumsGapless = patch.keepAlbumsGapless;
  if (patch.normalizeLoudness !== undefined) next.normalizeLoudness = patch.normalizeLoudness;
  if (patch.loudnessTarget !== undefined) next.loudnessTarget = patch.loudnessTarget;
  if (patch.outputDevice !== undefined) next.outputDevice = patch.outputDevice;
  if (patch.equalizer !== undefined) next.equalizer = patch.equalizer;
  return patch.officialClientSecret === undefined ? next : { ...next, ...seal(patch.officialClientSecret) };
}

/** True when a patch replaces the provider or its credentials, so a problem reported for the old ones is moot. */
export function changesCredentials(patch: ParsedPatch): boolean {
  return (
    patch.provider !== undefined ||
    patch.webClientId !== undefined ||
    patch.officialClientId !== undefined ||
    patch.officialClientSecret !== undefined
  );
}
