// The seed's API chain (generation 1): resolve → track → i1 streams.
import { z } from 'zod';
import type { StreamGrant, Track } from '../../shared/ipc';
import { expiresAtFromUrl } from './expiry';
import { toWireUrl } from './hosts';
import { fail, type Http } from './http';

const resolveSchema = z.object({ status: z.string(), location: z.string() });

const trackSchema = z.object({
  kind: z.literal('track'),
  id: z.number().int().positive(),
  title: z.string(),
  duration: z.number().nonnegative(),
  permalink_url: z.string(),
  artwork_url: z.string().nullable().optional(),
  streamable: z.boolean().optional(),
  user: z.object({ username: z.string(), avatar_url: z.string().nullable().optional() }),
});

const streamsSchema = z.object({
  http_mp3_128_url: z.string().optional(),
  hls_mp3_128_url: z.string().optional(),
  preview_mp3_128_url: z.string().optional(),
});

export interface LegacyOptions {
  http: Http;
  clientId: string;
  /** CLOUDCUE_SC_ORIGIN, for the URLs handed to the renderer. */
  origin: string | null;
  now?: () => number;
}

export interface Provider {
  resolveTrack(permalink: string): Promise<Track>;
  getStream(trackId: number): Promise<StreamGrant>;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) fail('SERVER', 'SoundCloud answered in a shape Cloudcue does not understand.');
  return parsed.data;
}

/** `-large.jpg` is 100 px; SoundCloud serves the same artwork at 500 px under `-t500x500`. */
function artwork500(url: string | null | undefined): string | null {
  if (!url) return null;
  return url.replace(/-large(\.\w+)(\?.*)?$/, '-t500x500$1$2');
}

export function createLegacyProvider(options: LegacyOptions): Provider {
  const { http, clientId, origin } = options;
  const now = options.now ?? Date.now;

  async function resolveTrack(permalink: string): Promise<Track> {
    const resolveUrl = new URL('https://api.sndcdn.com/resolve');
    resolveUrl.searchParams.set('url', permalink);
    resolveUrl.searchParams.set('_status_code_map[302]', '200');
    resolveUrl.searchParams.set('_status_format', 'json');
    resolveUrl.searchParams.set('client_id', clientId);
    const resolved = parse(resolveSchema, (await http.getJson(resolveUrl.href)).body);

    const location = new URL(resolved.location);
    if (location.hostname !== 'api.soundcloud.com' || !/^\/tracks\/\d+$/.test(location.pathname)) {
      fail('INVALID_LINK', 'This link is not a track.');
    }
    location.searchParams.set('client_id', clientId);
    const track = parse(trackSchema, (await http.getJson(location.href)).body);
    if (track.streamable === false) fail('PRIVATE', 'This track cannot be streamed.');
    const artwork = artwork500(track.artwork_url ?? track.user.avatar_url);
    return {
      id: track.id,
      permalink: track.permalink_url,
      title: track.title,
      artist: track.user.username,
      durationMs: track.duration,
      artworkUrl: artwork === null ? null : toWireUrl(artwork, origin),
    };
  }

  async function getStream(trackId: number): Promise<StreamGrant> {
    const url = `https://api.sndcdn.com/i1/tracks/${trackId}/streams?client_id=${encodeURIComponent(clientId)}`;
    const response = await http.getJson(url);
    const streams = parse(streamsSchema, response.body);
    const media = streams.http_mp3_128_url;
    if (media === undefined) {
      if (streams.preview_mp3_128_url !== undefined) fail('PREVIEW_ONLY');
      fail('NOT_FOUND', 'SoundCloud offers no stream Cloudcue can play for this track.');
    }
    const wire = toWireUrl(media, origin);
    if (wire === null) fail('SERVER', 'SoundCloud pointed to an address Cloudcue does not trust.');
    return {
      url: wire,
      protocol: 'progressive',
      mimeType: 'audio/mpeg',
      expiresAt: expiresAtFromUrl(media, now(), response.date),
      preview: false,
    };
  }

  return { resolveTrack, getStream };
}
