// The official API's address, the parts of its JSON (api.soundcloud.com) that Cloudcue reads, and its
// stream fields in the preferred order.
import { z } from 'zod';
import type { StreamPreference } from '../../shared/ipc';
import { formatOrder, type StreamFormat } from './answers';
import { trackFields } from './track-fields';

export const API = 'https://api.soundcloud.com';
/** The only host that ever sees the OAuth token. */
export const API_HOST = 'api.soundcloud.com';

export const trackSchema = z.object({
  ...trackFields,
  /** `playable`, `preview` or `blocked`; older answers lack it. */
  access: z.string().nullish(),
  streamable: z.boolean().nullish(),
  /** `processing` for an upload SoundCloud has not transcoded yet. */
  state: z.string().nullish(),
  /** The uploader's text, often KBs: read for its tracklist (chapters), never sent on; odd ones read as none. */
  description: z.string().nullish().catch(null),
});
export type ApiTrack = z.infer<typeof trackSchema>;

const streamUrl = z.string().nullish();
/** /tracks/<urn>/streams: since the 2025 deprecation only the AAC fields and the preview are left. */
export const streamsSchema = z.object({
  hls_aac_160_url: streamUrl,
  hls_aac_96_url: streamUrl,
  http_mp3_128_url: streamUrl,
  hls_mp3_128_url: streamUrl,
  preview_mp3_128_url: streamUrl,
});
export type Streams = z.infer<typeof streamsSchema>;

/** A /resolve that answers 200 instead of 302: with the location in the body, or the item itself. */
export const resolvedBodySchema = z.union([
  z.object({ location: z.string() }),
  z.object({ kind: z.enum(['track', 'playlist', 'user']), id: z.number().int().positive() }),
]);

export const apiErrorSchema = z.object({ message: z.string().nullish() });

/** A stream field of /streams, as a candidate for a grant. */
export interface StreamChoice {
  field: keyof Streams;
  format: StreamFormat;
  mimeType: string;
  preview: boolean;
}

const AAC = 'audio/mp4; codecs="mp4a.40.2"';

/** The whole-track fields; within a format, the better bitrate first (AAC 160 before 96). */
const WHOLE: readonly StreamChoice[] = [
  { field: 'hls_aac_160_url', format: 'aac-hls', mimeType: AAC, preview: false },
  { field: 'hls_aac_96_url', format: 'aac-hls', mimeType: AAC, preview: false },
  { field: 'hls_mp3_128_url', format: 'mp3-hls', mimeType: 'audio/mpeg', preview: false },
  { field: 'http_mp3_128_url', format: 'mp3-progressive', mimeType: 'audio/mpeg', preview: false },
];

const PREVIEW: StreamChoice = {
  field: 'preview_mp3_128_url',
  format: 'mp3-progressive',
  mimeType: 'audio/mpeg',
  preview: true,
};

/** The streams offered, in the preferred format order, the preview last. */
export function streamChoices(streams: Streams, preference: StreamPreference): StreamChoice[] {
  const order = formatOrder(preference);
  const whole = WHOLE.filter((choice) => streams[choice.field]).sort(
    (a, b) => order.indexOf(a.format) - order.indexOf(b.format),
  );
  return streams[PREVIEW.field] ? [...whole, PREVIEW] : whole;
}
