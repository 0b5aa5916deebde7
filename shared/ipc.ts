// The IPC contract: for each channel, the schema of its argument and of its result, and the events main
// pushes to the renderer while links resolve. The schemas it is built from live in contract-*.ts.
import { z } from 'zod';
import type { Channel } from './channels';
import { playlistsSchema, playlistsUpdateSchema } from './contract-playlists';
import {
  nowPlayingSchema,
  playerCommandSchema,
  sessionSchema,
  sessionUpdateSchema,
  settingsUpdateSchema,
  settingsSchema,
} from './contract-state';
import { recallTrackArgSchema, recalledTrackSchema, rememberTrackArgSchema } from './contract-memory';
import { entrySchema, placeholderSchema, streamGrantSchema, trackSchema } from './contract-tracks';
import {
  MAX_ITEM_ID_CHARS,
  MAX_ITEM_LINK_CHARS,
  MAX_LINKS,
  MAX_PASTE_CHARS,
  SECRET_TOKEN_PATTERN,
} from './limits';
import type { Result } from './result';

export { CHANNELS, EVENT_CHANNEL, type Channel } from './channels';
export * from './contract-playlists';
export * from './playlist-limits';
export * from './contract-state';
export * from './contract-memory';
export * from './contract-tracks';
export * from './limits';

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
  setSettings: settingsUpdateSchema,
  loadSession: z.strictObject({}),
  saveSession: z.strictObject({ session: sessionUpdateSchema }),
  loadPlaylists: z.strictObject({}),
  savePlaylists: z.strictObject({ playlists: playlistsUpdateSchema }),
  /** The tracks related to one that ended the queue, to play on with. */
  related: z.strictObject({ trackId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
  /** The page has restored its saved queue: links from a launch or a cloudcue:// link may come now. */
  desktopReady: z.strictObject({}),
  nowPlaying: nowPlayingSchema,
  /** The page asks for the mini player (`mini: true`) or the full window. */
  windowMode: z.strictObject({ mini: z.boolean() }),
  recallTrack: recallTrackArgSchema,
  rememberTrack: rememberTrackArgSchema,
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
  /** The saved playlists (none on a first start), and a message when they had to be recovered. */
  loadPlaylists: z.object({ playlists: playlistsSchema, notice: z.string().nullable() }),
  /** Not accepted: main lacks a playlist sent as kept (it restarted); the renderer sends all in full next. */
  savePlaylists: z.object({ accepted: z.boolean() }),
  /** Those of the related tracks that could be read, in SoundCloud's order. */
  related: z.object({ tracks: z.array(trackSchema) }),
  desktopReady: z.object({}),
  nowPlaying: z.object({}),
  /** The mode the window is in now (full where it cannot be made mini). */
  windowMode: z.object({ mini: z.boolean() }),
  recallTrack: recalledTrackSchema,
  rememberTrack: z.object({}),
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
  /** The window became the mini player or the full window: the tray asked, or it left mini by itself. */
  z.object({ type: z.literal('window-mode'), mini: z.boolean() }),
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
