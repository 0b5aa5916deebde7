// The official API (generation 2, api.soundcloud.com with OAuth): resolve → track, set or user → tracks,
// and /streams → an API stream URL whose 302 is the signed CDN URL handed to the renderer.
import { trackChapters } from '../../shared/chapters';
import type { Track } from '../../shared/ipc';
import { linkTarget } from '../../shared/link-targets';
import {
  fetchAnswer,
  isSuccess,
  listEntry,
  parse,
  resolveFailed,
  SHAPE_MESSAGE,
  UNTRUSTED_MESSAGE,
  withoutTrailingSlashes,
  type Answer,
} from './answers';
import { trackBase } from './track-fields';
import { fail, statusError, type HttpResponse } from './http';
import type { TokenStore } from './oauth';
import { API, API_HOST, resolvedBodySchema, trackSchema, type ApiTrack } from './official-schemas';
import { createOfficialPages } from './official-pages';
import { createOfficialStreams } from './official-streams';
import { collectPages } from './paging';
import {
  assembleProvider,
  type Provider,
  type ProviderOptions,
  type ResolveOptions,
  type ResolvedTrack,
} from './provider';

/** What plays of a preview-only track. */
const PREVIEW_MS = 30_000;
/** Items asked for per page (the API's default page size). */
const PAGE_SIZE = 50;
/** The lists hide blocked tracks unless asked for them: they are shown (as blocked), never dropped. */
const EVERY_ACCESS = 'playable,preview,blocked';

export interface OfficialOptions extends ProviderOptions {
  tokens: TokenStore;
}

type Kind = 'tracks' | 'playlists' | 'users';

/** What a /resolve pointed to. */
interface Ref {
  kind: Kind;
  id: number;
  secretToken: string | null;
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
    fail('SERVER', UNTRUSTED_MESSAGE);
  }
  if (parsed.protocol !== 'https:' || parsed.hostname !== API_HOST || parsed.port !== '')
    fail('SERVER', UNTRUSTED_MESSAGE);
}

/** `/tracks/123`, `/playlists/soundcloud:playlists:123?secret_token=s-…` and the like. */
function refOf(location: string): Ref {
  assertApiUrl(location);
  const url = new URL(location);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    fail('SERVER', SHAPE_MESSAGE);
  }
  const match = /^\/(tracks|playlists|users)\/(?:soundcloud:(?:tracks|playlists|users):)?(\d+)\/?$/.exec(
    path,
  );
  if (match?.[1] === undefined || match[2] === undefined) fail('SERVER', SHAPE_MESSAGE);
  return { kind: match[1] as Kind, id: Number(match[2]), secretToken: url.searchParams.get('secret_token') };
}

function accessOf(track: ApiTrack): Track['access'] {
  if (track.state === 'processing') return 'blocked';
  if (track.access === 'playable' || track.access === 'preview' || track.access === 'blocked')
    return track.access;
  // Older answers lack `access`: `streamable` is the nearest thing.
  return track.streamable === false ? 'blocked' : 'playable';
}

export function createOfficialProvider(options: OfficialOptions): Provider {
  const { http, tokens, origin } = options;
  const now = options.now ?? Date.now;
  /** Secret tokens of private tracks met so far: later calls for the same id need them. */
  const secrets = new Map<number, string>();

  function toTrack(track: ApiTrack): Track {
    if (track.secret_token) secrets.set(track.id, track.secret_token);
    const access = accessOf(track);
    const base = trackBase({ ...track, permalink_url: withoutTrailingSlashes(track.permalink_url) }, origin);
    // A preview plays 30 s whatever length the track has.
    const durationMs = access === 'preview' ? Math.min(track.duration, PREVIEW_MS) : track.duration;
    return { ...base, durationMs, access, chapters: trackChapters(track.description, durationMs) };
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

  /** A 2xx JSON answer; `refused` may turn an error status into a more precise error than the usual one. */
  async function getJson(url: string, refused?: (response: HttpResponse) => void): Promise<Answer> {
    const answer = await fetchAnswer(() => call(url));
    if (!isSuccess(answer.status)) {
      refused?.(answer.response);
      statusError(answer.status);
    }
    return answer;
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
    if (!isSuccess(response.status)) resolveFailed(response.status, permalink);
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      fail('SERVER', SHAPE_MESSAGE);
    }
    const resolved = parse(resolvedBodySchema, body);
    if ('location' in resolved) return refOf(new URL(resolved.location, API).href);
    return { kind: `${resolved.kind}s`, id: resolved.id, secretToken: null };
  }

  /** A set's or user's tracks, page after page (next_href is checked by `call` before it is followed). */
  function collect(ref: Ref, cap: number): Promise<ResolvedTrack[]> {
    const pageSize = Math.min(PAGE_SIZE, cap);
    const query = new URLSearchParams({
      linked_partitioning: 'true',
      limit: String(pageSize),
      access: EVERY_ACCESS,
    });
    if (ref.secretToken) query.set('secret_token', ref.secretToken);
    return collectPages({
      first: `${API}/${ref.kind}/${urn(ref.kind, ref.id)}/tracks?${query.toString()}`,
      fetchPage: async (url) => (await getJson(url)).body,
      item: (item) => listEntry(item, trackSchema, toTrack),
      cap,
      pageSize,
    });
  }

  const pages = createOfficialPages({
    getJson: (url) => getJson(url),
    resolveId: resolveRef,
    trackById: async (id, secretToken) => toTrack(await fetchTrack(id, secretToken)),
    collect,
    toTrack,
  });

  async function resolve(permalink: string, resolveOptions: ResolveOptions): Promise<ResolvedTrack[]> {
    const target = linkTarget(permalink);
    if (target.type !== 'page') return pages.resolveTarget(target, resolveOptions.userTrackCap);
    const ref = await resolveRef(permalink);
    if (ref.kind === 'tracks') {
      return [{ ok: true, track: toTrack(await fetchTrack(ref.id, ref.secretToken)) }];
    }
    // A set's tracks the API will not show (private, removed) are simply absent: the rest keep their order.
    if (ref.kind === 'playlists') return collect(ref, Number.POSITIVE_INFINITY);
    return collect(ref, Math.max(1, Math.floor(resolveOptions.userTrackCap)));
  }

  async function lookupTrack(trackId: number): Promise<Track> {
    return toTrack(await fetchTrack(trackId, secrets.get(trackId)));
  }

  const getStream = createOfficialStreams({
    call,
    getJson,
    fetchTrack: (trackId) => fetchTrack(trackId, secrets.get(trackId)),
    streamsUrl: (trackId) =>
      `${API}/tracks/${urn('tracks', trackId)}/streams${secretQuery(secrets.get(trackId))}`,
    origin,
    now,
    preference: options.streamPreference ?? (() => 'aac'),
  });

  return assembleProvider({
    name: 'official',
    resolve,
    lookupTrack,
    secrets,
    streamOf: getStream,
    related: (trackId, cap) => pages.related(trackId, cap),
  });
}
