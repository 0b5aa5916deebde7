// The official API (generation 2, api.soundcloud.com with OAuth): resolve → track, set or user → tracks,
// and /streams → an API stream URL whose 302 is the signed CDN URL handed to the renderer.
import { z } from 'zod';
import { appError } from '../../shared/errors';
import type { StreamGrant, Track } from '../../shared/ipc';
import { expiresAtFromUrl } from './expiry';
import { toWireUrl } from './hosts';
import { fail, statusError, type Http, type HttpResponse } from './http';
import type { TokenStore } from './oauth';
import type { Provider, ResolveOptions, ResolvedTrack } from './provider';

const API = 'https://api.soundcloud.com';
const API_HOST = 'api.soundcloud.com';
/** What plays of a preview-only track. */
const PREVIEW_MS = 30_000;
/** Items asked for per page (the API's default page size). */
const PAGE_SIZE = 50;
/** A bound on paging, in case next_href never runs out: 200 pages of 50 is far beyond any set. */
const MAX_PAGES = 200;

const UNTRUSTED = 'SoundCloud pointed to an address Cloudcue does not trust.';
const UNREADABLE = 'SoundCloud answered in a shape Cloudcue does not understand.';
const NO_STREAM = 'SoundCloud offers no stream Cloudcue can play for this track.';
/**
 * The official API says only `access: blocked`, never why. Rights holders block tracks by country (the
 * common case SoundCloud's staff describe), so GEO_BLOCKED, worded so it stays true for other reasons.
 */
const BLOCKED = 'SoundCloud does not let apps play this track here (the rights holder restricts it).';

const userSchema = z.object({
  username: z.string(),
  avatar_url: z.string().nullable().optional(),
});

const trackSchema = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  duration: z.number().nonnegative(),
  permalink_url: z.string(),
  artwork_url: z.string().nullable().optional(),
  waveform_url: z.string().nullable().optional(),
  access: z.string().nullable().optional(),
  streamable: z.boolean().nullable().optional(),
  secret_token: z.string().nullable().optional(),
  user: userSchema,
});
type ApiTrack = z.infer<typeof trackSchema>;

const pageSchema = z.object({
  collection: z.array(z.unknown()),
  next_href: z.string().nullable().optional(),
});

const streamUrl = z.string().nullable().optional();
const streamsSchema = z.object({
  http_mp3_128_url: streamUrl,
  hls_mp3_128_url: streamUrl,
  hls_aac_160_url: streamUrl,
  preview_mp3_128_url: streamUrl,
});
type Streams = z.infer<typeof streamsSchema>;

/** A /resolve that answers 200 instead of 302: with the location in the body, or the item itself. */
const resolvedBodySchema = z.union([
  z.object({ location: z.string() }),
  z.object({ kind: z.enum(['track', 'playlist', 'user']), id: z.number().int().positive() }),
]);

const apiErrorSchema = z.object({ message: z.string().nullable().optional() });

/** The streams the app can play, best first: progressive MP3 suits the player best, AAC HLS is the future. */
const STREAM_CHOICES = [
  { field: 'http_mp3_128_url', protocol: 'progressive', mimeType: 'audio/mpeg', preview: false },
  { field: 'hls_mp3_128_url', protocol: 'hls', mimeType: 'audio/mpeg', preview: false },
  { field: 'hls_aac_160_url', protocol: 'hls', mimeType: 'audio/mp4; codecs="mp4a.40.2"', preview: false },
  { field: 'preview_mp3_128_url', protocol: 'progressive', mimeType: 'audio/mpeg', preview: true },
] as const satisfies readonly {
  field: keyof Streams;
  protocol: StreamGrant['protocol'];
  mimeType: string;
  preview: boolean;
}[];
type StreamChoice = (typeof STREAM_CHOICES)[number];

export interface OfficialOptions {
  http: Http;
  tokens: TokenStore;
  /** CLOUDCUE_SC_ORIGIN, for the URLs handed to the renderer. */
  origin: string | null;
  now?: () => number;
}

type Kind = 'tracks' | 'playlists' | 'users';

/** What a /resolve pointed to. */
interface Ref {
  kind: Kind;
  id: number;
  secretToken: string | null;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) fail('SERVER', UNREADABLE);
  return parsed.data;
}

function urn(kind: Kind, id: number): string {
  return `soundcloud:${kind}:${id}`;
}

/** `?secret_token=…` for a private item, else nothing. */
function secretQuery(secretToken: string | null | undefined): string {
  return secretToken ? `?secret_token=${encodeURIComponent(secretToken)}` : '';
}

/** Only api.soundcloud.com ever sees the OAuth token: a URL elsewhere (a CDN, a stranger) is refused. */
function assertApiUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    fail('SERVER', UNTRUSTED);
  }
  if (parsed.protocol !== 'https:' || parsed.hostname !== API_HOST || parsed.port !== '')
    fail('SERVER', UNTRUSTED);
}

/** `/tracks/123`, `/playlists/soundcloud:playlists:123?secret_token=s-…` and the like. */
function refOf(location: string): Ref {
  assertApiUrl(location);
  const url = new URL(location);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    fail('SERVER', UNREADABLE);
  }
  const match = /^\/(tracks|playlists|users)\/(?:soundcloud:(?:tracks|playlists|users):)?(\d+)\/?$/.exec(
    path,
  );
  if (match?.[1] === undefined || match[2] === undefined) fail('SERVER', UNREADABLE);
  return { kind: match[1] as Kind, id: Number(match[2]), secretToken: url.searchParams.get('secret_token') };
}

/** `-large.jpg` is 100 px; SoundCloud serves the same artwork at 500 px under `-t500x500`. */
function artwork500(url: string): string {
  return url.replace(/-large(\.\w+)(\?.*)?$/, '-t500x500$1$2');
}

function accessOf(track: ApiTrack): Track['access'] {
  if (track.access === 'playable' || track.access === 'preview' || track.access === 'blocked')
    return track.access;
  // Older answers lack `access`: `streamable` is the nearest thing.
  return track.streamable === false ? 'blocked' : 'playable';
}

/** A secret track's permalink carries its token, so pasting it again (or sharing it) still works. */
function permalinkOf(track: ApiTrack): string {
  const secret = track.secret_token;
  const base = track.permalink_url.replace(/\/+$/, '');
  return secret && !base.endsWith(`/${secret}`) ? `${base}/${secret}` : base;
}

function isOk(response: HttpResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

function apiMessage(response: HttpResponse): string {
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(response.text));
    return parsed.success ? (parsed.data.message ?? '') : '';
  } catch {
    return '';
  }
}

export function createOfficialProvider(options: OfficialOptions): Provider {
  const { http, tokens, origin } = options;
  const now = options.now ?? Date.now;
  /** Secret tokens of private tracks met so far: later calls for the same id need them. */
  const secrets = new Map<number, string>();

  const wire = (url: string | null | undefined): string | null => (url ? toWireUrl(url, origin) : null);

  function toTrack(track: ApiTrack): Track {
    if (track.secret_token) secrets.set(track.id, track.secret_token);
    const access = accessOf(track);
    const artwork = track.artwork_url || track.user.avatar_url;
    return {
      id: track.id,
      permalink: permalinkOf(track),
      title: track.title,
      artist: track.user.username,
      durationMs: access === 'preview' ? Math.min(track.duration, PREVIEW_MS) : track.duration,
      artworkUrl: artwork ? wire(artwork500(artwork)) : null,
      waveformUrl: wire(track.waveform_url),
      access,
    };
  }

  /**
   * One API request with `Authorization: OAuth`. Redirects are never followed here, so the token cannot
   * travel to another host; a 401 means the token died early: it is dropped, and the call made once more.
   */
  async function call(url: string, method: 'GET' | 'HEAD' = 'GET'): Promise<HttpResponse> {
    assertApiUrl(url);
    for (let attempt = 0; ; attempt++) {
      const token = await tokens.token();
      const response = await http.request(url, {
        method,
        headers: { authorization: `OAuth ${token}` },
        followRedirects: false,
      });
      if (response.status !== 401) return response;
      tokens.invalidate(token);
      if (attempt > 0) fail('UNAUTHORIZED', 'SoundCloud refused the official API token.', 401);
    }
  }

  /**
   * A 2xx JSON answer; one whose body was cut short on the way is asked for once more. `refused` may turn
   * an error status into a more precise error before the generic one.
   */
  async function getJson(
    url: string,
    refused?: (response: HttpResponse) => void,
  ): Promise<{ body: unknown; date: string | null }> {
    for (let attempt = 0; ; attempt++) {
      const response = await call(url);
      if (!isOk(response)) {
        refused?.(response);
        statusError(response.status);
      }
      try {
        return { body: JSON.parse(response.text) as unknown, date: response.headers.get('date') };
      } catch {
        if (attempt > 0)
          fail('SERVER', 'SoundCloud answered with something that is not JSON.', response.status);
      }
    }
  }

  async function fetchTrack(id: number, secretToken: string | null | undefined): Promise<ApiTrack> {
    const { body } = await getJson(`${API}/tracks/${urn('tracks', id)}${secretQuery(secretToken)}`);
    return parse(trackSchema, body);
  }

  /** What a permalink names: the /resolve redirect (or, tolerated, a 200 saying the same). */
  async function resolveRef(permalink: string): Promise<Ref> {
    const response = await call(`${API}/resolve?${new URLSearchParams({ url: permalink }).toString()}`);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      return refOf(new URL(location, API).href);
    }
    if (!isOk(response)) statusError(response.status);
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      fail('SERVER', UNREADABLE);
    }
    const resolved = parse(resolvedBodySchema, body);
    if ('location' in resolved) return refOf(new URL(resolved.location, API).href);
    return { kind: `${resolved.kind}s`, id: resolved.id, secretToken: null };
  }

  /** One entry per item of a page: a track, or (for an item that cannot be read) an error in its place. */
  function entryOf(item: unknown): ResolvedTrack {
    const parsed = trackSchema.safeParse(item);
    if (parsed.success) return { ok: true, track: toTrack(parsed.data) };
    const id = z.object({ id: z.number().int().positive() }).safeParse(item);
    return {
      ok: false,
      error: appError('SERVER', 'SoundCloud described this track in a way Cloudcue does not understand.'),
      label: id.success ? `Track ${id.data.id}` : 'A track',
      ...(id.success ? { trackId: id.data.id } : {}),
    };
  }

  /** Follows next_href (linked_partitioning) in order until the list runs out or `cap` items are had. */
  async function collect(firstUrl: string, cap: number): Promise<ResolvedTrack[]> {
    const entries: ResolvedTrack[] = [];
    const seen = new Set<string>();
    let next: string | null = firstUrl;
    for (let page = 0; next !== null && entries.length < cap && page < MAX_PAGES; page++) {
      // A next_href seen before would loop forever; stop with what was collected.
      if (seen.has(next)) break;
      seen.add(next);
      const { body } = await getJson(next);
      const { collection, next_href } = parse(pageSchema, body);
      entries.push(...collection.map(entryOf));
      next = next_href ?? null;
    }
    return entries.slice(0, cap);
  }

  function listUrl(ref: Ref, pageSize: number): string {
    const query = new URLSearchParams({ linked_partitioning: 'true', limit: String(pageSize) });
    if (ref.secretToken) query.set('secret_token', ref.secretToken);
    return `${API}/${ref.kind}/${urn(ref.kind, ref.id)}/tracks?${query.toString()}`;
  }

  async function resolve(permalink: string, resolveOptions: ResolveOptions): Promise<ResolvedTrack[]> {
    const ref = await resolveRef(permalink);
    if (ref.kind === 'tracks') {
      return [{ ok: true, track: toTrack(await fetchTrack(ref.id, ref.secretToken)) }];
    }
    // A set's tracks the API will not show (private, removed) are simply absent: the rest keep their order.
    if (ref.kind === 'playlists') return collect(listUrl(ref, PAGE_SIZE), Number.POSITIVE_INFINITY);
    const cap = Math.max(1, Math.floor(resolveOptions.userTrackCap));
    return collect(listUrl(ref, Math.min(PAGE_SIZE, cap)), cap);
  }

  async function lookupTrack(trackId: number): Promise<Track> {
    return toTrack(await fetchTrack(trackId, secrets.get(trackId)));
  }

  function grantOf(choice: StreamChoice, media: string, serverDate: string | null): StreamGrant {
    const url = wire(media);
    if (url === null) fail('SERVER', UNTRUSTED);
    // Some preview URLs are HLS playlists even where the field does not say so.
    const hls = new URL(media).pathname.endsWith('.m3u8');
    return {
      url,
      protocol: hls ? 'hls' : choice.protocol,
      mimeType: choice.mimeType,
      expiresAt: expiresAtFromUrl(media, now(), serverDate),
      preview: choice.preview,
    };
  }

  /**
   * The signed CDN URL behind a /streams value: the Location of the API URL's 302 (a HEAD is enough), or
   * the status with which the API refused this stream (403, 404). Before November 2025 the values were the
   * CDN URLs themselves: those are used as they are, without sending the token anywhere.
   */
  async function grantFor(
    choice: StreamChoice,
    value: string,
    listedAt: string | null,
  ): Promise<StreamGrant | number> {
    if (!URL.canParse(value)) fail('SERVER', UNREADABLE);
    if (new URL(value).hostname !== API_HOST) return grantOf(choice, value, listedAt);
    const response = await call(value, 'HEAD');
    const location = response.headers.get('location');
    if (response.status === 403 || response.status === 404) return response.status;
    if (response.status < 300 || response.status >= 400 || location === null) statusError(response.status);
    return grantOf(choice, new URL(location, value).href, response.headers.get('date'));
  }

  /** Why a track has no stream at all: the API does not say, so its `access` decides. */
  async function noStream(trackId: number): Promise<never> {
    const track = await fetchTrack(trackId, secrets.get(trackId));
    if (accessOf(track) === 'blocked') fail('GEO_BLOCKED', BLOCKED);
    fail('NOT_FOUND', NO_STREAM);
  }

  /** SoundCloud's own wording for a track an app may not play: "not compatible on your current device/platform". */
  function incompatible(response: HttpResponse): void {
    if (response.status === 403 && /not compatible|device|platform/i.test(apiMessage(response))) {
      fail('DRM_ONLY', undefined, 403);
    }
  }

  async function listStreams(trackId: number): Promise<{ streams: Streams; date: string | null }> {
    const url = `${API}/tracks/${urn('tracks', trackId)}/streams${secretQuery(secrets.get(trackId))}`;
    const { body, date } = await getJson(url, incompatible);
    return { streams: parse(streamsSchema, body), date };
  }

  async function getStream(trackId: number): Promise<StreamGrant> {
    const { streams, date } = await listStreams(trackId);
    const offered = STREAM_CHOICES.filter((choice) => streams[choice.field]);
    if (offered.length === 0) return noStream(trackId);
    let refusal = 404;
    // A listed stream the API then refuses or has lost: the next choice, down to the preview.
    for (const choice of offered) {
      const grant = await grantFor(choice, streams[choice.field] ?? '', date);
      if (typeof grant !== 'number') return grant;
      refusal = grant;
    }
    return statusError(refusal);
  }

  return { name: 'official', resolve, lookupTrack, getStream };
}
