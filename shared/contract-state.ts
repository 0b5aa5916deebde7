// The IPC contract's state: the settings, what is playing (for the tray), and the saved listening session.
import { z } from 'zod';
import { appErrorSchema, linkKindSchema, trackSchema } from './contract-tracks';
import {
  CLIENT_ID_PATTERN,
  EQ_BAND_COUNT,
  EQ_LIMIT_DB,
  MAX_ITEM_ID_CHARS,
  MAX_ITEM_LINK_CHARS,
  MAX_LINKS,
  MAX_OUTPUT_DEVICE_CHARS,
  MAX_QUEUE_ITEMS,
} from './limits';

export const providerNameSchema = z.enum(['v2', 'official', 'legacy']);
export type ProviderName = z.infer<typeof providerNameSchema>;

/** Which stream format is tried first: AAC HLS (better quality, what SoundCloud keeps) or MP3. */
export const streamPreferenceSchema = z.enum(['aac', 'mp3']);
export type StreamPreference = z.infer<typeof streamPreferenceSchema>;

/** The loudness a normalized track is brought to (LUFS). */
export const loudnessTargetSchema = z.union([z.literal(-14), z.literal(-18), z.literal(-23)]);
export type LoudnessTarget = z.infer<typeof loudnessTargetSchema>;

const eqGainSchema = z.number().min(-EQ_LIMIT_DB).max(EQ_LIMIT_DB);

/** The 10-band equalizer: off (bypassed) or on, with a preamp and a gain per band (dB). */
export const equalizerSchema = z.strictObject({
  enabled: z.boolean(),
  preamp: eqGainSchema,
  bands: z.array(eqGainSchema).length(EQ_BAND_COUNT),
});
export type EqualizerSettings = z.infer<typeof equalizerSchema>;

const outputDeviceSchema = z.string().max(MAX_OUTPUT_DEVICE_CHARS);

/** How long two tracks overlap at a change of track, in whole seconds (0: none, the gapless change). */
export const MAX_CROSSFADE_SECONDS = 12;
export const crossfadeSecondsSchema = z.number().int().min(0).max(MAX_CROSSFADE_SECONDS);

/**
 * The listener's choices that the settings send and a patch changes alike, each optional in both: absent from
 * the settings only from older senders (main always sends them), absent from a patch when left as they are.
 */
const optionalChoices = {
  /** When the last track ends (repeat off): stop, or play on with its related tracks (absent: stop). */
  queueEnd: z.enum(['stop', 'related']).optional(),
  /** The desktop's: closing the window hides it to the tray while music plays; sleep or the lock screen
   * pauses; a notification names each new track. */
  keepPlayingInTray: z.boolean().optional(),
  pauseOnSleep: z.boolean().optional(),
  notifyOnTrackChange: z.boolean().optional(),
  /** Look for a newer release at most once a day, asking before anything is installed. */
  checkForUpdates: z.boolean().optional(),
  /** The crossfade (0: gapless) and whether a set's consecutive tracks stay gapless (absent: 0, on). */
  crossfadeSeconds: crossfadeSecondsSchema.optional(),
  keepAlbumsGapless: z.boolean().optional(),
  /** Loudness normalization and its target (absent from older senders: on, −14). */
  normalizeLoudness: z.boolean().optional(),
  loudnessTarget: loudnessTargetSchema.optional(),
  /** The output device by its name ('' = the system default) and the equalizer. */
  outputDevice: outputDeviceSchema.optional(),
  equalizer: equalizerSchema.optional(),
};

export const settingsSchema = z.object({
  provider: providerNameSchema,
  /** A client id for the Web API chosen by the user ('' = find SoundCloud's public one). */
  webClientId: z.string(),
  streamPreference: streamPreferenceSchema,
  officialClientId: z.string(),
  /** Whether an official-API client secret is stored (the secret itself never leaves main). */
  hasOfficialSecret: z.boolean(),
  /** How the secret is kept: encrypted by the OS keychain, or in memory only when none is available. */
  secretStorage: z.enum(['encrypted', 'memory']),
  /** At most this many tracks are taken from a user's page. */
  userTrackCap: z.number().int().min(1).max(MAX_LINKS),
  /** Why the chosen provider cannot work right now (no or refused credentials), else null. */
  providerProblem: z.string().nullable(),
  theme: z.enum(['system', 'light', 'dark']),
  ...optionalChoices,
});
export type Settings = z.infer<typeof settingsSchema>;

/** What the renderer may change in the settings: each field optional, the secret write-only. */
export const settingsUpdateSchema = z.strictObject({
  provider: providerNameSchema.optional(),
  webClientId: z
    .string()
    .trim()
    .refine((value) => value === '' || CLIENT_ID_PATTERN.test(value), {
      message: 'A client id is 32 letters and digits.',
    })
    .optional(),
  streamPreference: streamPreferenceSchema.optional(),
  officialClientId: z.string().trim().max(128).optional(),
  officialClientSecret: z.string().trim().max(256).optional(),
  userTrackCap: z.number().int().min(1).max(MAX_LINKS).optional(),
  theme: z.enum(['system', 'light', 'dark']).optional(),
  ...optionalChoices,
});

/** The longest title or artist the tray is told (it shows far less; more is refused, not cut). */
export const MAX_NOW_PLAYING_CHARS = 2_000;

/** What the player is doing, as the page tells main for the tray menu and track notifications. */
export const nowPlayingSchema = z.strictObject({
  track: z
    .strictObject({
      id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
      title: z.string().max(MAX_NOW_PLAYING_CHARS),
      artist: z.string().max(MAX_NOW_PLAYING_CHARS),
    })
    .nullable(),
  playing: z.boolean(),
  canNext: z.boolean(),
  canPrevious: z.boolean(),
});
export type NowPlaying = z.infer<typeof nowPlayingSchema>;

/** What the tray (and sleep) ask the page's player to do: `pause` never resumes a paused player. */
export const playerCommandSchema = z.enum(['toggle', 'pause', 'next', 'previous']);
export type PlayerCommand = z.infer<typeof playerCommandSchema>;

/** One queue item as saved: enough to show it and play it again after a restart. */
export const savedItemSchema = z.object({
  id: z.string().min(1).max(MAX_ITEM_ID_CHARS),
  link: z.string().max(MAX_ITEM_LINK_CHARS),
  kind: linkKindSchema.nullable(),
  startSeconds: z.number().nonnegative(),
  status: z.enum(['resolving', 'ready', 'error']),
  track: trackSchema.optional(),
  error: appErrorSchema.optional(),
  /** The related-tracks group it was added in, when the queue played on by itself. */
  group: z.object({ id: z.string().min(1).max(100), label: z.string().max(600) }).optional(),
});
export type SavedItem = z.infer<typeof savedItemSchema>;

/** A playback speed the player offers (0.5× to 2×). */
export const playbackSpeedSchema = z.number().min(0.5).max(2);

/** What the listener had: the queue and the player's state (never "playing": a restart comes back paused). */
export const sessionSchema = z.object({
  version: z.literal(1),
  items: z.array(savedItemSchema).max(MAX_QUEUE_ITEMS),
  currentId: z.string().nullable(),
  positionSeconds: z.number().nonnegative(),
  volume: z.number().min(0).max(1),
  muted: z.boolean(),
  shuffle: z.boolean(),
  repeat: z.enum(['off', 'all', 'one']),
  /** The playback speed of long tracks (over 10 minutes) and of the rest (absent from older files: 1×). */
  speeds: z.strictObject({ long: playbackSpeedSchema, other: playbackSpeedSchema }).optional(),
});
export type Session = z.infer<typeof sessionSchema>;

/** An item main already has (from the load or an earlier save), sent by its id alone. */
export const keptItemSchema = z.strictObject({ kept: z.string().min(1).max(MAX_ITEM_ID_CHARS) });

/**
 * A session as the renderer sends it: items main already has are sent as `{kept: id}`, so saving a large
 * queue after a small change costs the renderer little.
 */
export const sessionUpdateSchema = sessionSchema.extend({
  items: z.array(z.union([savedItemSchema, keptItemSchema])).max(MAX_QUEUE_ITEMS),
});
export type SessionUpdate = z.infer<typeof sessionUpdateSchema>;
