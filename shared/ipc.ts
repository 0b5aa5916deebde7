// The IPC contract: for each channel, the schema of its argument and of its result, and the events main
// pushes to the renderer while links resolve.
import { z } from 'zod';
import type { Channel } from './channels';
import { ERROR_CODES } from './errors';
import {
  CLIENT_ID_PATTERN,
  MAX_ITEM_ID_CHARS,
  MAX_ITEM_LINK_CHARS,
  MAX_LINKS,
  MAX_PASTE_CHARS,
  MAX_QUEUE_ITEMS,
  SECRET_TOKEN_PATTERN,
} from './limits';
import type { Result } from './result';
import { withSafeUrls } from './safe-urls';

export { CHANNELS, EVENT_CHANNEL, type Channel } from './channels';
export {
  CLIENT_ID_PATTERN,
  MAX_ITEM_ID_CHARS,
  MAX_ITEM_LINK_CHARS,
  MAX_LINKS,
  MAX_PASTE_CHARS,
  MAX_QUEUE_ITEMS,
  SECRET_TOKEN_PATTERN,
  secretTokenOf,
} from './limits';

export const appErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

const trackFields = z.object({
  id: z.number().int().positive(),
  permalink: z.string(),
  title: z.string(),
  artist: z.string(),
  /** What plays: 30 s for a preview-only track. */
  durationMs: z.number().nonnegative(),
  /** 500 px artwork (the uploader's avatar when the track has none), or null. */
  artworkUrl: z.string().nullable(),
  waveformUrl: z.string().nullable(),
  /** `playable`; `preview` when only a 30-second preview can be had; `blocked` when nothing can. */
  access: z.enum(['playable', 'preview', 'blocked']),
  /** Why a `blocked` (or `preview`) track cannot be played in full, where the provider knows at resolve time. */
  reason: appErrorSchema.optional(),
});
export const trackSchema = trackFields.transform(withSafeUrls); // URLs checked as SoundCloud's answers are
export type Track = z.infer<typeof trackSchema>;

export const streamGrantSchema = z.object({
  url: z.string(),
  protocol: z.enum(['progressive', 'hls']),
  mimeType: z.string(),
  /** Epoch milliseconds after which the URL is refused, on the local clock. */
  expiresAt: z.number(),
  /** True for a 30-second preview of a track that cannot be played in full. */
  preview: z.boolean(),
});
export type StreamGrant = z.infer<typeof streamGrantSchema>;

/**
 * `list`: a page that lists tracks other than a set or a whole profile (a profile's likes, reposts, albums,
 * sets, spotlight or popular tracks; a track's related tracks, albums or sets; a station; a system playlist).
 */
export const linkKindSchema = z.enum(['track', 'set', 'user', 'short', 'list']);
export type LinkKind = z.infer<typeof linkKindSchema>;

/** One queue entry per link found, in paste order, before it resolves. */
export const placeholderSchema = z.object({
  itemId: z.string(),
  /** The normalized link (or the text as pasted, for a refused one). */
  link: z.string(),
  kind: linkKindSchema.nullable(),
  startSeconds: z.number().nonnegative(),
  /** Set at once for a link that can never resolve (a SoundCloud page that is not playable). */
  error: appErrorSchema.nullable(),
});
export type Placeholder = z.infer<typeof placeholderSchema>;

/** What a link resolved to: a track, or for a set or user page their tracks (some perhaps unavailable). */
export const entrySchema = z.union([
  z.object({ itemId: z.string(), ok: z.literal(true), track: trackSchema }),
  z.object({ itemId: z.string(), ok: z.literal(false), error: appErrorSchema, label: z.string() }),
]);
export type Entry = z.infer<typeof entrySchema>;

export const providerNameSchema = z.enum(['v2', 'official', 'legacy']);
export type ProviderName = z.infer<typeof providerNameSchema>;

/** Which stream format is tried first: AAC HLS (better quality, what SoundCloud keeps) or MP3. */
export const streamPreferenceSchema = z.enum(['aac', 'mp3']);
export type StreamPreference = z.infer<typeof streamPreferenceSchema>;

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
  /** When the last track ends (repeat off): stop, or play on with its related tracks (absent: stop). */
  queueEnd: z.enum(['stop', 'related']).optional(),
  /** The desktop's (main always sends them; absent only from older senders): closing the window hides it to
   * the tray while music plays; sleep or the lock screen pauses; a notification names each new track. */
  keepPlayingInTray: z.boolean().optional(),
  pauseOnSleep: z.boolean().optional(),
  notifyOnTrackChange: z.boolean().optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

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

export const argSchemas = {
  addLinks: z.strictObject({ text: z.string().max(MAX_PASTE_CHARS) }),
  /**
   * `fresh`: the URL in hand failed (a 403 mid-track, a policy to renew): never answer a cached grant.
   * `secretToken`: a private track's, from its saved permalink, so main can sign it after a restart too.
   */
  getStream: z.strictObject({
    trackId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    fresh: z.boolean().optional(),
    secretToken: z.string().regex(SECRET_TOKEN_PATTERN).optional(),
  }),
  /** `link`: what the item was pasted as, for an item main no longer knows (after a restart). */
  retry: z.strictObject({
    itemId: z.string().min(1).max(MAX_ITEM_ID_CHARS),
    link: z.string().max(MAX_ITEM_LINK_CHARS).optional(),
  }),
  getSettings: z.strictObject({}),
  setSettings: z.strictObject({
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
    queueEnd: z.enum(['stop', 'related']).optional(),
    keepPlayingInTray: z.boolean().optional(),
    pauseOnSleep: z.boolean().optional(),
    notifyOnTrackChange: z.boolean().optional(),
  }),
  loadSession: z.strictObject({}),
  saveSession: z.strictObject({ session: sessionUpdateSchema }),
  /** The tracks related to one that ended the queue, to play on with. */
  related: z.strictObject({ trackId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
  /** The page has restored its saved queue: links from a launch or a cloudcue:// link may come now. */
  desktopReady: z.strictObject({}),
  nowPlaying: nowPlayingSchema,
} satisfies Record<Channel, z.ZodType>;

export const resultSchemas = {
  addLinks: z.object({ batchId: z.string(), items: z.array(placeholderSchema) }),
  getStream: streamGrantSchema,
  retry: z.object({ batchId: z.string() }),
  getSettings: settingsSchema,
  setSettings: settingsSchema,
  /** The saved session (null on a first start), and a message when it had to be recovered. */
  loadSession: z.object({ session: sessionSchema.nullable(), notice: z.string().nullable() }),
  /**
   * Accepted: main writes it shortly after, debounced, off the renderer's thread. Not accepted: main
   * lacks an item sent as kept (it restarted), and the renderer sends every item in full next time.
   */
  saveSession: z.object({ accepted: z.boolean() }),
  /** Those of the related tracks that could be read, in SoundCloud's order. */
  related: z.object({ tracks: z.array(trackSchema) }),
  desktopReady: z.object({}),
  nowPlaying: z.object({}),
} satisfies Record<Channel, z.ZodType>;

/** Events main pushes on EVENT_CHANNEL while a batch (a paste, or a retry) resolves. */
export const eventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('resolved'),
    batchId: z.string(),
    /** The placeholder (or retried item) this replaces. */
    itemId: z.string(),
    entries: z.array(entrySchema),
  }),
  z.object({
    type: z.literal('progress'),
    batchId: z.string(),
    resolved: z.number().int(),
    failed: z.number().int(),
    total: z.number().int(),
  }),
  /**
   * SoundCloud asked Cloudcue to wait (a 429) or to pass a human check: requests to it are paused for
   * everyone until `until` (epoch ms, main's clock), then resume by themselves. `pause: null` when none is.
   */
  z.object({
    type: z.literal('status'),
    pause: z
      .object({
        code: z.enum(['RATE_LIMITED', 'CHALLENGED']),
        until: z.number(),
        message: z.string(),
      })
      .nullable(),
  }),
  /** The settings changed in main (saved by any window, or a provider problem found or gone). */
  z.object({ type: z.literal('settings'), settings: settingsSchema }),
  /**
   * Links a launch, a second launch or a cloudcue:// link brought (canonical SoundCloud links, checked by
   * main): added as a paste is; with `play`, the first of them plays once it can.
   */
  z.object({
    type: z.literal('open-links'),
    links: z.array(z.string().max(MAX_ITEM_LINK_CHARS)).min(1).max(MAX_LINKS),
    play: z.boolean(),
  }),
  /** The tray's menu, or the computer going to sleep, asks the player to act. */
  z.object({ type: z.literal('player-command'), command: playerCommandSchema }),
]);
export type CloudcueEvent = z.infer<typeof eventSchema>;

export type ResultTypes = { [C in Channel]: z.infer<(typeof resultSchemas)[C]> };
export type ChannelArg<C extends Channel> = z.input<(typeof argSchemas)[C]>;
export type ChannelResult<C extends Channel> = Result<ResultTypes[C]>;

/** What the preload (or the web bridge) exposes as `window.cloudcue`. */
export type CloudcueApi = {
  [C in Channel]: (arg: ChannelArg<C>) => Promise<ChannelResult<C>>;
} & {
  /** Subscribes to main's events; returns the unsubscribe function. */
  onEvent(listener: (event: CloudcueEvent) => void): () => void;
};
