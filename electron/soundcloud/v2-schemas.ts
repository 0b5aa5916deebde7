// The parts of api-v2's JSON that Cloudcue reads; extra fields are ignored, so SoundCloud may add to them.
import { z } from 'zod';
import { idSchema, trackFields } from './track-fields';

const id = idSchema;

export const transcodingSchema = z.object({
  url: z.string(),
  preset: z.string().nullish(),
  snipped: z.boolean().nullish(),
  format: z.object({ protocol: z.string(), mime_type: z.string() }),
});
export type V2Transcoding = z.infer<typeof transcodingSchema>;

/** Read one by one: a single transcoding of a new kind must not make the whole track unreadable. */
const transcodingListSchema = z.array(z.unknown()).transform((items) =>
  items.flatMap((item) => {
    const parsed = transcodingSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  }),
);

export const trackSchema = z.object({
  ...trackFields,
  policy: z.string().nullish(),
  /** false: the owner turned streaming off. */
  streamable: z.boolean().nullish(),
  /** `finished`, or `processing` for an upload SoundCloud has not transcoded yet. */
  state: z.string().nullish(),
  track_authorization: z.string().nullish(),
  /** The uploader's text, often KBs: read for its tracklist (chapters), never sent on; odd ones read as none. */
  description: z.string().nullish().catch(null),
  media: z.object({ transcodings: transcodingListSchema }).nullish(),
});
export type V2Track = z.infer<typeof trackSchema>;

/** What /resolve answered, before its kind decides how to read the rest. */
export const resolvedKindSchema = z.object({ kind: z.string() });

/**
 * A set: `tracks[]` holds full tracks first, then stubs (`{id, kind, policy, monetization_model}`). A set
 * reached by its secret link carries its `secret_token`, which the stubs' multi-get needs.
 */
export const playlistSchema = z.object({
  id,
  tracks: z.array(z.unknown()),
  secret_token: z.string().nullish(),
});

/** A station or chart (`kind: system-playlist`): its id is a urn, its `tracks[]` like a set's. */
export const systemPlaylistSchema = z.object({ tracks: z.array(z.unknown()) });

/** A set inside a list (likes, reposts, a profile's sets): its tracks may be left out, to be asked for. */
export const listedPlaylistSchema = z.object({
  id,
  kind: z.literal('playlist'),
  tracks: z.array(z.unknown()).nullish(),
  track_count: z.number().int().nonnegative().nullish(),
  secret_token: z.string().nullish(),
  title: z.string().nullish(),
});

export const userSchema = z.object({ id });

/** Anything in a list that at least names its track. */
export const trackIdSchema = z.object({ id });

/** /tracks?ids= answers a bare array, in its own order. */
export const trackListSchema = z.array(z.unknown());

/** A transcoding's URL answers with the signed media URL. */
export const mediaUrlSchema = z.object({ url: z.string() });
