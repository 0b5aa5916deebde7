// The official API (generation 2): the OAuth-guarded api.soundcloud.com. Tokens come from oauth.ts, the
// JSON shapes from official-json.ts, stream URLs from official-streams.ts, pages from official-paging.ts.
import type { ServerResponse } from 'node:http';
import {
  isPublic,
  resolvePermalink,
  uploadsOfUser,
  type Resolved,
  type SimPlaylist,
  type SimTrack,
} from '../catalogue';
import { json, officialErrorBody, type Handler, type SimContext, type SimRequest } from '../context';
import { sendOfficialRateLimit, takeSlot } from '../quota';
import { API, officialPlaylist, officialTrack, officialUser } from './official-json';
import { linked, sendPage, sendPlaylistPage, type ListSource } from './official-paging';
import { relatedOf } from '../catalogue-lists';
import { legacyStream, redirect, streamRedirect, streamsBody } from './official-streams';
import { routes as oauthRoutes } from './oauth';
import { shortLinks } from './web';

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

/** A secret track or set the API shows only with its token; the rest to everyone. */
function unlocked(item: SimTrack | SimPlaylist, secretToken: string | null): boolean {
  return item.secretToken === null || item.secretToken === secretToken;
}

/** A track the API shows this request: not removed, and a secret one only with its token. */
function visible(track: SimTrack, secretToken: string | null): boolean {
  return track.role !== 'removed' && unlocked(track, secretToken);
}

/** The entry of `list` a path segment names (by id or urn), when `shown` lets this request see it; else null. */
function findRef<T extends { id: number }>(
  list: readonly T[],
  segment: string | undefined,
  kind: RefKind,
  shown: (item: T) => boolean = () => true,
): T | null {
  const id = idOf(segment, kind);
  const found = list.find((item) => item.id === id);
  return found !== undefined && shown(found) ? found : null;
}

/**
 * Tracks of a set a listener may see: removed ones drop out, and private ones too unless the set itself is
 * secret (reached with its token, it shows its own private tracks); the count stays.
 */
function setSource(playlist: SimPlaylist): ListSource {
  const secretSet = playlist.secretToken !== null;
  return {
    items: playlist.tracks,
    visible: (t) => t.role !== 'removed' && (secretSet || t.secretToken === null),
  };
}

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
  const item = found.kind === 'playlist' ? found.playlist : found.track;
  const secret = item.secretToken === null ? '' : `?secret_token=${item.secretToken}`;
  return `${API}/${found.kind === 'playlist' ? 'playlists' : 'tracks'}/${item.id}${secret}`;
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

/** /tracks/<ref>[/streams[/<uuid>/<kind>]|/stream]; the stream calls count against the daily quota. */
const tracks: Handler = (req, res, ctx) => {
  const [, ref, sub, uuid, kindPath, ...rest] = segments(req);
  const quota = ctx.settings.officialQuota;
  const waitMs = sub === 'streams' ? takeSlot(ctx.streamTimes.official, quota, ctx.now()) : null;
  if (waitMs !== null && quota !== null) {
    sendOfficialRateLimit(res, ctx, quota, waitMs);
    return;
  }
  const token = req.query.get('secret_token');
  const track = findRef(ctx.catalogue.tracks, ref, 'tracks', (t) => visible(t, token));
  if (track === null || rest.length > 0) {
    notFound(res);
    return;
  }
  if (sub === undefined) json(res, 200, officialTrack(track));
  else if (sub === 'related' && uuid === undefined && isPublic(track)) {
    const source = { items: relatedOf(ctx.catalogue, track), visible: isPublic };
    sendPage(req, res, ctx, source, `/tracks/${track.urn}/related`);
  } else if (sub === 'streams' && uuid === undefined) json(res, 200, streamsBody(ctx, track));
  else if (sub === 'streams') streamRedirect(res, ctx, track, uuid, kindPath);
  else if (sub === 'stream' && uuid === undefined) legacyStream(res, ctx, track);
  else notFound(res);
};

/** /playlists/<ref>[?show_tracks=false] and /playlists/<ref>/tracks. */
const playlists: Handler = (req, res, ctx) => {
  const [, ref, sub, ...rest] = segments(req);
  const token = req.query.get('secret_token');
  const playlist = findRef(ctx.catalogue.playlists, ref, 'playlists', (p) => unlocked(p, token));
  if (playlist === null || rest.length > 0) notFound(res);
  else if (sub === undefined) {
    // show_tracks defaults to true, as in the API reference.
    const showTracks = req.query.get('show_tracks') !== 'false';
    const source = setSource(playlist);
    json(res, 200, officialPlaylist(playlist, showTracks ? source.items.filter(source.visible) : null));
  } else if (sub === 'tracks')
    sendPage(req, res, ctx, setSource(playlist), `/playlists/${playlist.urn}/tracks`);
  else notFound(res);
};

/** /users/<ref>, its /tracks and /playlists, and the tracks and sets it liked (/likes/tracks, /likes/playlists). */
const users: Handler = (req, res, ctx) => {
  const [, ref, sub, third, ...rest] = segments(req);
  const user = findRef(ctx.catalogue.users, ref, 'users');
  const { albums, likes } = ctx.catalogue.lists;
  const liked = likes.get(user?.id ?? 0) ?? [];
  if (user === null || rest.length > 0 || (third !== undefined && sub !== 'likes')) notFound(res);
  else if (sub === undefined) json(res, 200, officialUser(user));
  else if (sub === 'tracks') {
    const source = { items: uploadsOfUser(ctx.catalogue, user), visible: isPublic };
    sendPage(req, res, ctx, source, `/users/${user.urn}/tracks`);
  } else if (sub === 'playlists') {
    const own = ctx.catalogue.playlists.filter((p) => p.user.id === user.id && p.secretToken === null);
    sendPlaylistPage(req, res, own, albums, `/users/${user.urn}/playlists`);
  } else if (sub === 'likes' && third === 'tracks') {
    const items = liked.flatMap((item) => (item.kind === 'track' ? [item.track] : []));
    sendPage(req, res, ctx, { items, visible: isPublic }, `/users/${user.urn}/likes/tracks`);
  } else if (sub === 'likes' && third === 'playlists') {
    const sets = liked.flatMap((item) => (item.kind === 'playlist' ? [item.playlist] : []));
    sendPlaylistPage(req, res, sets, albums, `/users/${user.urn}/likes/playlists`);
  } else notFound(res);
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
  ...oauthRoutes,
  'api.soundcloud.com': api,
};
