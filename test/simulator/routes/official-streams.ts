// The official API's stream URLs: /tracks/<urn>/streams lists API URLs, each of which 302s to a freshly
// signed CDN URL. Since the 2025 deprecation only AAC HLS (160k, sometimes 96k) and the preview remain;
// `officialStreams: 'with-mp3'` brings back the MP3 fields of before.
import type { ServerResponse } from 'node:http';
import type { SimTrack } from '../catalogue';
import { json, officialErrorBody, type SimContext } from '../context';
import { hlsAacPlaylistUrl, hlsMp3PlaylistUrl, progressiveMp3Url } from '../urls';
import { accessOf, API } from './official-json';

interface StreamKind {
  /** The field of the /streams answer. */
  field: string;
  /** The last segment of its API URL: /tracks/<urn>/streams/<uuid>/<path>. */
  path: string;
  available(track: SimTrack, ctx: SimContext): boolean;
  /** The signed CDN URL a request for the API URL redirects to. */
  target(ctx: SimContext, track: SimTrack): string;
}

const full = (track: SimTrack): boolean => accessOf(track) === 'playable';
const withMp3 = (ctx: SimContext): boolean => ctx.settings.officialStreams === 'with-mp3';

const STREAM_KINDS: readonly StreamKind[] = [
  {
    field: 'hls_aac_160_url',
    path: 'hls-aac',
    available: (t) => full(t) && t.media.hlsAac,
    target: hlsAacPlaylistUrl,
  },
  {
    // Only on some tracks (here: odd ids); it leads to the same AAC playlist as the 160k one.
    field: 'hls_aac_96_url',
    path: 'hls-aac-96',
    available: (t, ctx) => !withMp3(ctx) && full(t) && t.media.hlsAac && t.id % 2 === 1,
    target: hlsAacPlaylistUrl,
  },
  {
    field: 'http_mp3_128_url',
    path: 'progressive',
    // MP3 URLs exist only in the old shape, and only for tracks that kept them (media.officialMp3).
    available: (t, ctx) => withMp3(ctx) && full(t) && t.media.officialMp3 && t.media.progressiveMp3,
    target: (ctx, t) => progressiveMp3Url(ctx, t),
  },
  {
    field: 'hls_mp3_128_url',
    path: 'hls',
    available: (t, ctx) => withMp3(ctx) && full(t) && t.media.officialMp3 && t.media.hlsMp3,
    target: (ctx, t) => hlsMp3PlaylistUrl(ctx, t),
  },
  {
    // Today every track that may be heard has a preview; in the old shape only Go+ tracks listed one.
    field: 'preview_mp3_128_url',
    path: 'preview',
    available: (t, ctx) => (withMp3(ctx) ? accessOf(t) === 'preview' : accessOf(t) !== 'blocked'),
    target: (ctx, t) => progressiveMp3Url(ctx, t, { preview: true }),
  },
];

/** The API URL of one stream; a secret track's carries its token, so following it needs nothing else. */
function streamApiUrl(track: SimTrack, kind: StreamKind): string {
  const secret = track.secretToken === null ? '' : `?secret_token=${track.secretToken}`;
  return `${API}/tracks/${track.urn}/streams/${track.uuid}/${kind.path}${secret}`;
}

/** `{}` when nothing is playable (blocked, DRM-only): an app must cope with any field being absent. */
export function streamsBody(ctx: SimContext, track: SimTrack): Record<string, string> {
  const body: Record<string, string> = {};
  for (const kind of STREAM_KINDS) {
    if (kind.available(track, ctx)) body[kind.field] = streamApiUrl(track, kind);
  }
  return body;
}

export function redirect(res: ServerResponse, location: string): void {
  json(res, 302, { status: '302 - Found', location }, { location });
}

/** An API stream URL → 302 to a freshly signed CDN URL. */
export function streamRedirect(
  res: ServerResponse,
  ctx: SimContext,
  track: SimTrack,
  uuid: string | undefined,
  kindPath: string | undefined,
): void {
  const kind = STREAM_KINDS.find((k) => k.path === kindPath);
  if (uuid !== track.uuid || kind === undefined || !kind.available(track, ctx))
    json(res, 404, officialErrorBody(404, 'Not Found'));
  else redirect(res, kind.target(ctx, track));
}

/** The deprecated stream_url: since January 2026 a 30-second preview for whatever may be heard. */
export function legacyStream(res: ServerResponse, ctx: SimContext, track: SimTrack): void {
  if (accessOf(track) === 'blocked') json(res, 404, officialErrorBody(404, 'Not Found'));
  else redirect(res, progressiveMp3Url(ctx, track, { preview: true }));
}
