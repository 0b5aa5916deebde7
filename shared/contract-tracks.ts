// The IPC contract's tracks: what a link resolves to, the placeholders a paste makes, and a stream grant.
import { z } from 'zod';
import { MAX_CHAPTER_TITLE_CHARS, MAX_TRACK_CHAPTERS } from './chapters';
import { ERROR_CODES } from './errors';
import { withSafeUrls } from './safe-urls';
import { cleanDisplayText } from './text-clean';

export const appErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

/** A track's chapter: where it starts, and its title, cleaned here too (a saved queue is read back through it). */
const chapterSchema = z.object({
  startMs: z.number().nonnegative(),
  title: z.string().max(MAX_CHAPTER_TITLE_CHARS).transform(cleanDisplayText),
});

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
  /**
   * The tracklist its description gives, in order, each inside the track's length; empty when it has none.
   * Absent from tracks saved before chapters, which still load (and read as having none).
   */
  chapters: z.array(chapterSchema).max(MAX_TRACK_CHAPTERS).optional(),
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
