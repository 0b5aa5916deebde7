// The official API (generation 2): OAuth tokens on secure.soundcloud.com and the OAuth-guarded api.soundcloud.com.
import { shortLinks } from './web';
import {
  permalinkOf,
  playlistPermalinkOf,
  resolvePermalink,
  tracksOfUser,
  userPermalinkOf,
  type Resolved,
  type SimPlaylist,
  type SimTrack,
  type SimUser,
} from '../catalogue';
import {
  json,
  officialErrorBody,
  randomToken,
  type Handler,
  type SimContext,
  type SimRequest,
} from '../context';
import {
  artworkUrl,
  avatarUrl,
  hlsAacPlaylistUrl,
  hlsMp3PlaylistUrl,
  progressiveMp3Url,
  waveformUrl,
} from '../urls';
import type { ServerResponse } from 'node:http';

const API = 'https://api.soundcloud.com';

// ---------------------------------------------------------------------------------------------------
// OAuth: secure.soundcloud.com/oauth/token
// ---------------------------------------------------------------------------------------------------

/** Tokens issued per simulator, so a future control endpoint can report them without a log scan. */
const issued = new WeakMap<SimContext, number>();

export function tokensIssued(ctx: SimContext): number {
  return issued.get(ctx) ?? 0;
}

/** An RFC 6749 §5.2 error answer. */
function oauthError(
  res: ServerResponse,
  status: 400 | 401,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): void {
  json(res, status, { error, error_description: description }, { 'cache-control': 'no-store', ...headers });
}

interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** Sent in an Authorization header: a refusal then carries WWW-Authenticate (RFC 6749 §5.2). */
  viaHeader: boolean;
}

/** `Basic base64(id:secret)`, each part form-urlencoded first (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): ClientCredentials | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    const part = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
    return {
      clientId: part(decoded.slice(0, colon)),
      clientSecret: part(decoded.slice(colon + 1)),
      viaHeader: true,
    };
  } catch {
    return null;
  }
}

function clientCredentials(req: SimRequest, form: URLSearchParams): ClientCredentials | null {
  const basic = basicCredentials(req.headers.authorization);
  if (basic !== null) return basic;
  const clientId = form.get('client_id');
  const clientSecret = form.get('client_secret');
  return clientId === null || clientSecret === null ? null : { clientId, clientSecret, viaHeader: false };
}

/** Forgets expired access tokens, so a long-running simulator does not grow without bound. */
function pruneTokens(ctx: SimContext): void {
  const now = ctx.now();
  for (const [token, expiry] of ctx.accessTokens) if (expiry <= now) ctx.accessTokens.delete(token);
}

function issueTokens(res: ServerResponse, ctx: SimContext): void {
  pruneTokens(ctx);
  const ttl = ctx.settings.tokenTtlSeconds;
  const accessToken = randomToken(32);
  const refreshToken = randomToken(32);
  ctx.accessTokens.set(accessToken, ctx.now() + ttl * 1000);
  ctx.refreshTokens.add(refreshToken);
  issued.set(ctx, tokensIssued(ctx) + 1);
  json(
    res,
    200,
    {
      access_token: accessToken,
      expires_in: ttl,
      refresh_token: refreshToken,
      token_type: 'bearer',
      scope: '',
    },
    { 'cache-control': 'no-store', pragma: 'no-cache' },
  );
}

/** Checks the grant itself; answers the refusal and returns false when it does not hold. */
function grantHolds(res: ServerResponse, ctx: SimContext, form: URLSearchParams): boolean {
  const grantType = form.get('grant_type');
  if (grantType === 'client_credentials') return true;
  if (grantType !== 'refresh_token') {
    oauthError(res, 400, 'unsupported_grant_type', `The authorization grant type is not supported.`);
    return false;
  }
  const refreshToken = form.get('refresh_token');
  if (refreshToken === null || refreshToken === '') {
    oauthError(res, 400, 'invalid_request', 'The request is missing the refresh_token parameter.');
    return false;
  }
  // Single use: deleting it now makes a second attempt with the same token fail.
  if (!ctx.refreshTokens.delete(refreshToken)) {
    oauthError(res, 400, 'invalid_grant', 'The provided refresh token is invalid, expired or revoked.');
    return false;
  }
  return true;
}

const oauthToken: Handler = async (req, res, ctx) => {
  if (req.path !== '/oauth/token') {
    json(res, 404, officialErrorBody(404, 'Not Found'));
    return;
  }
  if (req.method !== 'POST') {
    json(res, 405, officialErrorBody(405, 'Method Not Allowed'), { allow: 'POST' });
    return;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    oauthError(res, 400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded.');
    return;
  }
  const form = new URLSearchParams(await req.body());
  if (!form.get('grant_type')) {
    oauthError(res, 400, 'invalid_request', 'The request is missing the grant_type parameter.');
    return;
  }
  const client = clientCredentials(req, form);
  const app = ctx.officialApp;
  if (client?.clientId !== app.clientId || client.clientSecret !== app.clientSecret) {
    const challenge: Record<string, string> = client?.viaHeader
      ? { 'www-authenticate': 'Basic realm="SoundCloud"' }
      : {};
    oauthError(res, 401, 'invalid_client', 'Client authentication failed.', challenge);
    return;
  }
  if (grantHolds(res, ctx, form)) issueTokens(res, ctx);
};

// ---------------------------------------------------------------------------------------------------
// The JSON the official API answers with
// ---------------------------------------------------------------------------------------------------

export type Access = 'playable' | 'preview' | 'blocked';

/**
 * What the official API lets an app do with a track: a Go+ track is a preview; a BLOCK policy, or a track
 * whose only streams are DRM, is blocked, because an app cannot play any of them.
 */
export function accessOf(track: SimTrack): Access {
  if (track.policy === 'BLOCK') return 'blocked';
  if (track.media.previewOnly) return 'preview';
  return track.media.hlsAac || track.media.officialMp3 ? 'playable' : 'blocked';
}

/** The v1-era date form the official API still uses: `2019/05/01 12:00:00 +0000`. */
function officialDate(iso: string): string {
  return iso.replace('T', ' ').replace('Z', ' +0000').replace(/-/g, '/');
}

function apiUri(kind: 'tracks' | 'playlists' | 'users', urn: string): string {
  return `${API}/${kind}/${encodeURIComponent(urn)}`;
}

export function officialUser(user: SimUser): Record<string, unknown> {
  return {
    kind: 'user',
    id: user.id,
    urn: user.urn,
    username: user.username,
    permalink: user.permalink,
    permalink_url: userPermalinkOf(user),
    uri: apiUri('users', user.urn),
    avatar_url: avatarUrl(user),
    full_name: user.fullName,
    city: user.city,
    country: user.countryCode,
    created_at: officialDate(user.createdAt),
  };
}

/** A count that looks organic but is the same on every run. */
function count(id: number, modulo: number): number {
  return (id * 7919) % modulo;
}

export function officialTrack(track: SimTrack): Record<string, unknown> {
  const access = accessOf(track);
  const secret = track.secretToken;
  return {
    kind: 'track',
    id: track.id,
    urn: track.urn,
    title: track.title,
    description: '',
    duration: track.durationMs,
    genre: track.genre,
    tag_list: '',
    created_at: officialDate(track.createdAt),
    permalink: track.slug,
    permalink_url: permalinkOf(track),
    uri: apiUri('tracks', track.urn),
    secret_uri: secret === null ? null : `${apiUri('tracks', track.urn)}?secret_token=${secret}`,
    artwork_url: artworkUrl(track),
    waveform_url: waveformUrl(track),
    stream_url: `${API}/tracks/${track.urn}/stream`,
    streamable: access !== 'blocked',
    access,
    policy: track.policy,
    sharing: secret === null ? 'public' : 'private',
    secret_token: secret,
    downloadable: false,
    download_url: null,
    embeddable_by: 'all',
    license: 'all-rights-reserved',
    label_name: null,
    isrc: null,
    bpm: null,
    available_country_codes: null,
    playback_count: count(track.id, 250_000),
    favoritings_count: count(track.id, 4_000),
    reposts_count: count(track.id, 600),
    comment_count: count(track.id, 90),
    commentable: true,
    user_favorite: false,
    user: officialUser(track.user),
  };
}

function playlistDuration(playlist: SimPlaylist): number {
  return playlist.tracks.reduce((sum, t) => sum + t.durationMs, 0);
}

export function officialPlaylist(playlist: SimPlaylist, tracks: SimTrack[] | null): Record<string, unknown> {
  const body: Record<string, unknown> = {
    kind: 'playlist',
    id: playlist.id,
    urn: playlist.urn,
    title: playlist.title,
    description: '',
    permalink: playlist.slug,
    permalink_url: playlistPermalinkOf(playlist),
    uri: apiUri('playlists', playlist.urn),
    tracks_uri: `${apiUri('playlists', playlist.urn)}/tracks`,
    artwork_url: artworkUrl(playlist),
    created_at: officialDate(playlist.createdAt),
    duration: playlistDuration(playlist),
    track_count: playlist.tracks.length,
    playlist_type: 'playlist',
    sharing: 'public',
    embeddable_by: 'all',
    user: officialUser(playlist.user),
  };
  if (tracks !== null) body['tracks'] = tracks.map(officialTrack);
  return body;
}

// ---------------------------------------------------------------------------------------------------
// Looking things up
// ---------------------------------------------------------------------------------------------------

type RefKind = 'tracks' | 'playlists' | 'users';

/** A path segment naming an item: a bare id, or its `soundcloud:<kind>:<n>` urn (maybe URL-encoded). */
function idOf(segment: string | undefined, kind: RefKind): number | null {
  let ref: string;
  try {
    ref = decodeURIComponent(segment ?? '');
  } catch {
    return null;
  }
  const match = new RegExp(`^(?:soundcloud:${kind}:)?(\\d+)$`).exec(ref);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** A track the API shows this request: not removed, and a secret one only with its token. */
function visible(track: SimTrack, secretToken: string | null): boolean {
  if (track.role === 'removed') return false;
  return track.secretToken === null || track.secretToken === secretToken;
}

function findTrack(
  ctx: SimContext,
  segment: string | undefined,
  secretToken: string | null,
): SimTrack | null {
  const id = idOf(segment, 'tracks');
  const track = ctx.catalogue.tracks.find((t) => t.id === id);
  return track !== undefined && visible(track, secretToken) ? track : null;
}

function findPlaylist(ctx: SimContext, segment: string | undefined): SimPlaylist | null {
  const id = idOf(segment, 'playlists');
  return ctx.catalogue.playlists.find((p) => p.id === id) ?? null;
}

function findUser(ctx: SimContext, segment: string | undefined): SimUser | null {
  const id = idOf(segment, 'users');
  return ctx.catalogue.users.find((u) => u.id === id) ?? null;
}

/** Tracks of a set a listener may see: private and removed ones drop out, the count stays. */
function publicTracks(playlist: SimPlaylist): SimTrack[] {
  return playlist.tracks.filter((t) => visible(t, null));
}

// ---------------------------------------------------------------------------------------------------
// Streams
// ---------------------------------------------------------------------------------------------------

interface StreamKind {
  /** The field of the /streams answer. */
  field: string;
  /** The last segment of its API URL: /tracks/<urn>/streams/<uuid>/<path>. */
  path: string;
  available(track: SimTrack): boolean;
  /** The signed CDN URL a request for the API URL redirects to. */
  target(ctx: SimContext, track: SimTrack): string;
}

const full = (track: SimTrack): boolean => accessOf(track) === 'playable';

const STREAM_KINDS: readonly StreamKind[] = [
  {
    field: 'hls_aac_160_url',
    path: 'hls-aac',
    available: (t) => full(t) && t.media.hlsAac,
    target: hlsAacPlaylistUrl,
  },
  {
    field: 'http_mp3_128_url',
    path: 'progressive',
    // MP3 URLs exist on the official API only for tracks that kept them (media.officialMp3).
    available: (t) => full(t) && t.media.officialMp3 && t.media.progressiveMp3,
    target: (ctx, t) => progressiveMp3Url(ctx, t),
  },
  {
    field: 'hls_mp3_128_url',
    path: 'hls',
    available: (t) => full(t) && t.media.officialMp3 && t.media.hlsMp3,
    target: (ctx, t) => hlsMp3PlaylistUrl(ctx, t),
  },
  {
    field: 'preview_mp3_128_url',
    path: 'preview',
    available: (t) => accessOf(t) === 'preview',
    target: (ctx, t) => progressiveMp3Url(ctx, t, { preview: true }),
  },
];

/** The API URL of one stream; a secret track's carries its token, so following it needs nothing else. */
function streamApiUrl(track: SimTrack, kind: StreamKind): string {
  const secret = track.secretToken === null ? '' : `?secret_token=${track.secretToken}`;
  return `${API}/tracks/${track.urn}/streams/${track.uuid}/${kind.path}${secret}`;
}

/** `{}` when nothing is playable (blocked, DRM-only): an app must cope with any field being absent. */
export function streamsBody(track: SimTrack): Record<string, string> {
  const body: Record<string, string> = {};
  for (const kind of STREAM_KINDS) if (kind.available(track)) body[kind.field] = streamApiUrl(track, kind);
  return body;
}

function redirect(res: ServerResponse, location: string): void {
  json(res, 302, { status: '302 - Found', location }, { location });
}

// ---------------------------------------------------------------------------------------------------
// Paging (linked_partitioning)
// ---------------------------------------------------------------------------------------------------

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

function limitOf(query: URLSearchParams): number {
  const limit = Number(query.get('limit') ?? DEFAULT_LIMIT);
  return Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_LIMIT) : DEFAULT_LIMIT;
}

/** Cursors are opaque to clients (they must follow next_href), so the offset is wrapped, not bare. */
function cursorFor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function offsetOf(cursor: string | null): number | null {
  if (cursor === null) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? null : Number(match[1]);
}

function linked(query: URLSearchParams): boolean {
  const value = query.get('linked_partitioning');
  return value === 'true' || value === '1';
}

/** One page of `items`: `{collection, next_href}` with linked_partitioning, else a bare array. */
function sendPage(req: SimRequest, res: ServerResponse, items: SimTrack[], pathOnApi: string): void {
  const offset = offsetOf(req.query.get('cursor'));
  if (offset === null) {
    json(res, 400, officialErrorBody(400, 'Bad Request', 'invalid cursor'));
    return;
  }
  const limit = limitOf(req.query);
  const collection = items.slice(offset, offset + limit).map(officialTrack);
  if (!linked(req.query)) {
    json(res, 200, collection);
    return;
  }
  const next = new URLSearchParams(req.query);
  next.set('limit', String(limit));
  next.set('cursor', cursorFor(offset + limit));
  const nextHref = offset + limit < items.length ? `${API}${pathOnApi}?${next.toString()}` : null;
  json(res, 200, { collection, next_href: nextHref });
}

// ---------------------------------------------------------------------------------------------------
// api.soundcloud.com
// ---------------------------------------------------------------------------------------------------

/** `Authorization: OAuth <token>` with a live token; an expired one is forgotten on sight. */
function authorised(req: SimRequest, ctx: SimContext): boolean {
  const match = /^OAuth\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const token = match?.[1];
  if (token === undefined) return false;
  const expiry = ctx.accessTokens.get(token);
  if (expiry === undefined) return false;
  if (expiry > ctx.now()) return true;
  ctx.accessTokens.delete(token);
  return false;
}

function notFound(res: ServerResponse): void {
  json(res, 404, officialErrorBody(404, 'Not Found'));
}

function resolvedLocation(found: Resolved): string {
  if (found.kind === 'user') return `${API}/users/${found.user.id}`;
  if (found.kind === 'playlist') return `${API}/playlists/${found.playlist.id}`;
  const secret = found.track.secretToken === null ? '' : `?secret_token=${found.track.secretToken}`;
  return `${API}/tracks/${found.track.id}${secret}`;
}

/** The permalink an on.soundcloud.com short link leads to; other URLs unchanged. */
function expandShortLink(ctx: SimContext, url: string | null): string | null {
  if (url === null) return null;
  const match = /^(?:https?:\/\/)?on\.soundcloud\.com\/([A-Za-z0-9]+)\/?(?:[?#].*)?$/i.exec(url.trim());
  if (match?.[1] === undefined) return url;
  return shortLinks(ctx.catalogue).get(match[1]) ?? null;
}

/** /resolve?url= — soundcloud.com permalinks, and on.soundcloud.com short links as the docs say. */
const resolve: Handler = (req, res, ctx) => {
  const found = resolvePermalink(ctx.catalogue, expandShortLink(ctx, req.query.get('url')));
  if (found === null) notFound(res);
  else redirect(res, resolvedLocation(found));
};

/** /tracks?urns=a,b or ?ids=a,b — the visible ones, in catalogue order (the real order is unspecified). */
const multiGet: Handler = (req, res, ctx) => {
  const list = req.query.get('urns') ?? req.query.get('ids');
  if (list === null) {
    json(res, 400, officialErrorBody(400, 'Bad Request', 'urns or ids is required'));
    return;
  }
  const wanted = new Set(list.split(',').map((ref) => idOf(ref.trim(), 'tracks')));
  const tracks = ctx.catalogue.tracks.filter((t) => wanted.has(t.id) && visible(t, null));
  const body = tracks.map(officialTrack);
  json(res, 200, linked(req.query) ? { collection: body, next_href: null } : body);
};

/** /tracks/<ref>[/streams[/<uuid>/<kind>]|/stream]. */
const tracks: Handler = (req, res, ctx) => {
  const [, ref, sub, uuid, kindPath, ...rest] = segments(req);
  const track = findTrack(ctx, ref, req.query.get('secret_token'));
  if (track === null || rest.length > 0) {
    notFound(res);
    return;
  }
  if (sub === undefined) json(res, 200, officialTrack(track));
  else if (sub === 'streams' && uuid === undefined) json(res, 200, streamsBody(track));
  else if (sub === 'streams') streamRedirect(res, ctx, track, uuid, kindPath);
  else if (sub === 'stream' && uuid === undefined) legacyStream(res, ctx, track);
  else notFound(res);
};

/** An API stream URL → 302 to a freshly signed CDN URL. */
function streamRedirect(
  res: ServerResponse,
  ctx: SimContext,
  track: SimTrack,
  uuid: string | undefined,
  kindPath: string | undefined,
): void {
  const kind = STREAM_KINDS.find((k) => k.path === kindPath);
  if (uuid !== track.uuid || kind === undefined || !kind.available(track)) notFound(res);
  else redirect(res, kind.target(ctx, track));
}

/** The deprecated stream_url: since January 2026 a 30-second preview for whatever may be heard. */
function legacyStream(res: ServerResponse, ctx: SimContext, track: SimTrack): void {
  if (accessOf(track) === 'blocked') notFound(res);
  else redirect(res, progressiveMp3Url(ctx, track, { preview: true }));
}

/** /playlists/<ref>[?show_tracks=false] and /playlists/<ref>/tracks. */
const playlists: Handler = (req, res, ctx) => {
  const [, ref, sub, ...rest] = segments(req);
  const playlist = findPlaylist(ctx, ref);
  if (playlist === null || rest.length > 0) notFound(res);
  else if (sub === undefined) {
    // show_tracks defaults to true, as in the API reference.
    const showTracks = req.query.get('show_tracks') !== 'false';
    json(res, 200, officialPlaylist(playlist, showTracks ? publicTracks(playlist) : null));
  } else if (sub === 'tracks')
    sendPage(req, res, publicTracks(playlist), `/playlists/${playlist.urn}/tracks`);
  else notFound(res);
};

/** /users/<ref> and /users/<ref>/tracks. */
const users: Handler = (req, res, ctx) => {
  const [, ref, sub, ...rest] = segments(req);
  const user = findUser(ctx, ref);
  if (user === null || rest.length > 0) notFound(res);
  else if (sub === undefined) json(res, 200, officialUser(user));
  else if (sub === 'tracks')
    sendPage(req, res, tracksOfUser(ctx.catalogue, user), `/users/${user.urn}/tracks`);
  else notFound(res);
};

function segments(req: SimRequest): string[] {
  return req.path.split('/').filter((s) => s !== '');
}

const api: Handler = (req, res, ctx) => {
  if (!authorised(req, ctx)) {
    json(res, 401, officialErrorBody(401, 'Unauthorized'));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    json(res, 405, officialErrorBody(405, 'Method Not Allowed'), { allow: 'GET, HEAD' });
    return;
  }
  const parts = segments(req);
  const [top] = parts;
  if (req.path === '/resolve') return resolve(req, res, ctx);
  if (top === 'tracks' && parts.length === 1) return multiGet(req, res, ctx);
  if (top === 'tracks') return tracks(req, res, ctx);
  if (top === 'playlists') return playlists(req, res, ctx);
  if (top === 'users') return users(req, res, ctx);
  notFound(res);
};

export const routes: Record<string, Handler> = {
  'secure.soundcloud.com': oauthToken,
  'api.soundcloud.com': api,
};
