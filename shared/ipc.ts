// The IPC contract: for each channel, the schema of its argument and the type of its result.
import { z } from 'zod';
import type { Channel } from './channels';

export { CHANNELS, type Channel } from './channels';
import type { Result } from './result';
import { parsePermalink } from './links';

export const trackSchema = z.object({
  id: z.number().int().positive(),
  permalink: z.string(),
  title: z.string(),
  artist: z.string(),
  durationMs: z.number().nonnegative(),
  artworkUrl: z.string().nullable(),
});
export type Track = z.infer<typeof trackSchema>;

export const streamGrantSchema = z.object({
  url: z.string(),
  protocol: z.enum(['progressive', 'hls']),
  mimeType: z.string(),
  /** Epoch milliseconds after which the URL is refused, on the local clock. */
  expiresAt: z.number(),
  preview: z.boolean(),
});
export type StreamGrant = z.infer<typeof streamGrantSchema>;

export const argSchemas = {
  resolveTrack: z.strictObject({
    url: z
      .string()
      .max(2048)
      .refine((url) => parsePermalink(url) !== null, 'not a SoundCloud track link'),
  }),
  getStream: z.strictObject({
    trackId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  }),
} satisfies Record<Channel, z.ZodType>;

export const resultSchemas = {
  resolveTrack: trackSchema,
  getStream: streamGrantSchema,
} satisfies Record<Channel, z.ZodType>;

export type ResultTypes = { [C in Channel]: z.infer<(typeof resultSchemas)[C]> };

export type ChannelArg<C extends Channel> = z.input<(typeof argSchemas)[C]>;
export type ChannelResult<C extends Channel> = Result<ResultTypes[C]>;

/** What the preload (or the web bridge) exposes as `window.cloudcue`. */
export type CloudcueApi = {
  [C in Channel]: (arg: ChannelArg<C>) => Promise<ChannelResult<C>>;
};
