// The web API v2 (api-v2.soundcloud.com, and api-widget.soundcloud.com which answers alike): resolve,
// tracks, sets, users' tracks, and the /media transcoding endpoints that hand out signed media URLs.
//
// Error bodies, where SoundCloud's own are not on record:
// - a missing or stale client_id: 401 with `{"errors":[{"error_message":"401 - Unauthorized"}]}`;
// - a transcoding call without a valid `track_authorization` for that track: 403, same shape (the
//   client_id is fine, the play is not authorised; a client that re-discovers its client_id on any
//   401/403, as the real clients do, still recovers);
// - bad parameters (more than 50 ids, a garbled paging cursor): 400, same shape;
// - anything not found, removed, private without its token, or an unservable transcoding: 404 `{}`,
//   the empty object api-v2 is recorded answering for DRM-only transcodings, used for every 404 here.
import type { ServerResponse } from 'node:http';
import { resolvePermalink, trackById, tracksOfUser, type SimTrack, type SimUser } from '../catalogue';
import { errorsBody, json, type Handler, type SimContext, type SimRequest } from '../context';
import { signedMediaUrl } from '../urls';
import {
  API_V2,
  checkTrackAuthorization,
  isPublic,
  playlistJson,
  trackJson,
  transcodingsOf,
  userJson,
} from './v2-json';

/** /tracks?ids= takes at most this many ids; more answer 400 (as api-v2 has since 2020). */
export const MAX_IDS = 50;
export const DEFAULT_PAGE = 10;
export const MAX_PAGE = 200;

function notFound(res: ServerResponse): void {
  json(res, 404, {});
}

function badRequest(res: ServerResponse): void {
  json(res, 400, errorsBody(400, 'Bad Request'));
}

/** A track this request may see: not removed, and a private one only with its token. */
function visibleTrack(track: SimTrack | undefined, req: SimRequest): track is SimTrack {
  if (track === undefined || track.role === 'removed') return false;
  return track.secretToken === null || track.secretToken === req.query.get('secret_token');
}

function fullTrack(ctx: SimContext, track: SimTrack): Record<string, unknown> {
  return trackJson(ctx.catalogue, track, { fullUser: true, nowMs: ctx.now() });
}

const resolve: Handler = (req, res, ctx) => {
  const found = resolvePermalink(ctx.catalogue, req.query.get('url'));
  if (found === null) notFound(res);
  else if (found.kind === 'track') json(res, 200, fullTrack(ctx, found.track));
  else if (found.kind === 'playlist') json(res, 200, playlistJson(ctx.catalogue, found.playlist, ctx.now()));
  else json(res, 200, userJson(ctx.catalogue, found.user));
};

/** A stable order unrelated to the request's, as the real multi-get answers in its own order. */
function scrambled(id: number): number {
  return Math.imul(id, 2_654_435_761) >>> 0;
}

const tracksByIds: Handler = (req, res, ctx) => {
  const raw = (req.query.get('ids') ?? '').split(',').filter((s) => s.trim() !== '');
  if (raw.length > MAX_IDS || raw.some((s) => !/^\d+$/.test(s.trim()))) {
    badRequest(res);
    return;
  }
  const ids = [...new Set(raw.map((s) => Number(s.trim())))];
  const tracks = ids
    .map((id) => trackById(ctx.catalogue, id))
    .filter((t): t is SimTrack => t !== undefined && isPublic(t))
    .sort((a, b) => scrambled(a.id) - scrambled(b.id));
  const nowMs = ctx.now();
  json(
    res,
    200,
    tracks.map((t) => trackJson(ctx.catalogue, t, { fullUser: false, nowMs })),
  );
};

const oneTrack = (req: SimRequest, res: ServerResponse, ctx: SimContext, id: number): void => {
  const track = trackById(ctx.catalogue, id);
  if (visibleTrack(track, req)) json(res, 200, fullTrack(ctx, track));
  else notFound(res);
};

const onePlaylist = (res: ServerResponse, ctx: SimContext, id: number): void => {
  const playlist = ctx.catalogue.playlists.find((p) => p.id === id);
  if (playlist === undefined) notFound(res);
  else json(res, 200, playlistJson(ctx.catalogue, playlist, ctx.now()));
};

/** The paging cursor api-v2 puts in `offset=`: the last item's date, its kind, and its zero-padded id. */
function cursorOf(track: SimTrack): string {
  return `${track.createdAt.replace(/Z$/, '.000Z')},tracks,${String(track.id).padStart(11, '0')}`;
}

/** Where a page starts: after the track the cursor names, or at a plain numeric offset; null: garbled. */
function pageStart(tracks: readonly SimTrack[], offset: string | null): number | null {
  if (offset === null || offset === '') return 0;
  if (/^\d+$/.test(offset)) return Number(offset);
  const id = Number(offset.split(',').at(-1));
  const index = tracks.findIndex((t) => t.id === id);
  return index < 0 ? null : index + 1;
}

function pageLimit(value: string | null): number {
  const limit = Number(value ?? DEFAULT_PAGE);
  if (!Number.isInteger(limit) || limit < 1) return DEFAULT_PAGE;
  return Math.min(limit, MAX_PAGE);
}

function userTracks(req: SimRequest, res: ServerResponse, ctx: SimContext, user: SimUser): void {
  const all = tracksOfUser(ctx.catalogue, user);
  const start = pageStart(all, req.query.get('offset'));
  if (start === null) {
    badRequest(res);
    return;
  }
  const limit = pageLimit(req.query.get('limit'));
  const page = all.slice(start, start + limit);
  const last = page.at(-1);
  let nextHref: string | null = null;
  if (last !== undefined && start + limit < all.length) {
    const query = new URLSearchParams({ offset: cursorOf(last), limit: String(limit) });
    if (req.query.has('linked_partitioning')) query.set('linked_partitioning', '1');
    nextHref = `${API_V2}/users/${user.id}/tracks?${query.toString()}`;
  }
  const nowMs = ctx.now();
  const collection = page.map((t) => trackJson(ctx.catalogue, t, { fullUser: false, nowMs }));
  json(res, 200, { collection, next_href: nextHref, query_urn: null });
}

const MEDIA = /^\/media\/soundcloud:tracks:(\d+)\/([0-9a-f-]{36})\/(stream|preview)\/([a-z-]+)$/;

/** /media/soundcloud:tracks:<id>/<uuid>/<stream|preview>/<protocol> → `{"url": <signed media URL>}`. */
function media(req: SimRequest, res: ServerResponse, ctx: SimContext, match: RegExpExecArray): void {
  const [, id, uuid, kind, protocol] = match;
  const track = trackById(ctx.catalogue, Number(id));
  if (!visibleTrack(track, req)) {
    notFound(res);
    return;
  }
  if (!checkTrackAuthorization(track, req.query.get('track_authorization'))) {
    json(res, 403, errorsBody(403, 'Forbidden'));
    return;
  }
  const transcoding = transcodingsOf(track).find(
    (t) => t.uuid === uuid && t.kind === kind && t.protocol === protocol,
  );
  if (transcoding?.served == null) notFound(res);
  else json(res, 200, { url: signedMediaUrl(ctx, track, transcoding.served) });
}

/** Paths arrive as sent; a client may percent-encode the colons of a urn (`/tracks/soundcloud%3Atracks%3A1`). */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function route(req: SimRequest, res: ServerResponse, ctx: SimContext): void {
  const path = decodedPath(req.path).replace(/\/$/, '');
  const mediaMatch = MEDIA.exec(path);
  const [, collection, rawId, sub] =
    /^\/(tracks|playlists|users)\/(?:soundcloud:\w+:)?(\d+)(?:\/(tracks))?$/.exec(path) ?? [];
  const id = Number(rawId);
  const user = collection === 'users' ? ctx.catalogue.users.find((u) => u.id === id) : undefined;
  if (path === '/resolve') resolve(req, res, ctx);
  else if (path === '/tracks') tracksByIds(req, res, ctx);
  else if (mediaMatch !== null) media(req, res, ctx, mediaMatch);
  else if (collection === 'tracks' && sub === undefined) oneTrack(req, res, ctx, id);
  else if (collection === 'playlists' && sub === undefined) onePlaylist(res, ctx, id);
  else if (user !== undefined && sub === undefined) json(res, 200, userJson(ctx.catalogue, user));
  else if (user !== undefined) userTracks(req, res, ctx, user);
  else notFound(res);
}

const apiV2: Handler = (req, res, ctx) => {
  if (req.query.get('client_id') !== ctx.clientId) {
    json(res, 401, errorsBody(401, 'Unauthorized'));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    json(res, 405, errorsBody(405, 'Method Not Allowed'));
    return;
  }
  route(req, res, ctx);
};

export const routes: Record<string, Handler> = {
  'api-v2.soundcloud.com': apiV2,
  'api-widget.soundcloud.com': apiV2,
};
