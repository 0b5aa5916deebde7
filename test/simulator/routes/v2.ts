// The web API v2 (api-v2.soundcloud.com, and api-widget.soundcloud.com which answers alike): resolve,
// tracks, sets, users' tracks, and the /media transcoding endpoints that hand out signed media URLs.
// DataDome stands in front of api-v2's guarded paths (botcheck.ts); the stream calls count against a quota.
//
// Error bodies, where SoundCloud's own are not on record:
// - a missing or stale client_id: 401 with `{"errors":[{"error_message":"401 - Unauthorized"}]}`;
// - a transcoding call with a `track_authorization` that is not the one issued for that track (or without
//   one, for a private track or when it is required): 403, same shape;
// - bad parameters (more than 50 ids, a garbled paging cursor): 400, same shape;
// - anything not found, removed, private without its token, or an unservable transcoding: 404 `{}`,
//   the empty object api-v2 is recorded answering for DRM-only transcodings, used for every 404 here.
import type { ServerResponse } from 'node:http';
import type { SimPlaylist, SimTrack } from '../catalogue';
import { isPublic, playlistById, resolvePermalink, trackById } from '../catalogue';
import { botChallenged } from '../botcheck';
import { errorsBody, json, randomToken, type Handler, type SimContext, type SimRequest } from '../context';
import { playlistJson, trackJson, userJson } from './v2-json';
import { userTracks } from './v2-lists';
import { media, MEDIA_PATH, visibleTrack } from './v2-media';
import { listPage, resolveOther } from './v2-pages';

export { DEFAULT_PAGE, MAX_PAGE } from './v2-lists';

/** /tracks?ids= takes at most this many ids; more answer 400 (as api-v2 has since 2020). */
export const MAX_IDS = 50;

const API_V2_HOST = 'api-v2.soundcloud.com';

function notFound(res: ServerResponse): void {
  json(res, 404, {});
}

function fullTrack(ctx: SimContext, track: SimTrack): Record<string, unknown> {
  return trackJson(ctx.catalogue, track, { fullUser: true, nowMs: ctx.now() });
}

const resolve: Handler = (req, res, ctx) => {
  const found = resolvePermalink(ctx.catalogue, req.query.get('url'));
  const other = found === null ? resolveOther(ctx, req.query.get('url') ?? '') : null;
  if (other !== null) json(res, 200, other);
  else if (found === null) notFound(res);
  else if (found.kind === 'track') json(res, 200, fullTrack(ctx, found.track));
  else if (found.kind === 'playlist') json(res, 200, playlistJson(ctx.catalogue, found.playlist, ctx.now()));
  else json(res, 200, userJson(ctx.catalogue, found.user));
};

/** A stable order unrelated to the request's, as the real multi-get answers in its own order. */
function scrambled(id: number): number {
  return Math.imul(id, 2_654_435_761) >>> 0;
}

/** The secret set named by `playlistId` and `playlistSecretToken`, when both match one. */
function secretSetOf(req: SimRequest, ctx: SimContext): SimPlaylist | null {
  const playlist = playlistById(ctx.catalogue, Number(req.query.get('playlistId')));
  const token = req.query.get('playlistSecretToken');
  return playlist?.secretToken != null && playlist.secretToken === token ? playlist : null;
}

/**
 * /tracks?ids=: public tracks only, unless the request names a secret set with its token, which lets the
 * set's own private tracks through (as the web player fills a secret set's stubs).
 */
const tracksByIds: Handler = (req, res, ctx) => {
  const raw = (req.query.get('ids') ?? '').split(',').filter((s) => s.trim() !== '');
  if (raw.length > MAX_IDS || raw.some((s) => !/^\d+$/.test(s.trim()))) {
    json(res, 400, errorsBody(400, 'Bad Request'));
    return;
  }
  const secretSet = secretSetOf(req, ctx);
  const shown = (t: SimTrack): boolean =>
    isPublic(t) || (t.role !== 'removed' && secretSet?.tracks.includes(t) === true);
  const ids = [...new Set(raw.map((s) => Number(s.trim())))];
  const tracks = ids
    .map((id) => trackById(ctx.catalogue, id))
    .filter((t): t is SimTrack => t !== undefined && shown(t))
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

/** /playlists/<id>; a secret set only with its `secret_token`. */
const onePlaylist = (req: SimRequest, res: ServerResponse, ctx: SimContext, id: number): void => {
  const playlist = playlistById(ctx.catalogue, id);
  if (playlist === undefined) notFound(res);
  else if (playlist.secretToken !== null && playlist.secretToken !== req.query.get('secret_token'))
    notFound(res);
  else json(res, 200, playlistJson(ctx.catalogue, playlist, ctx.now()));
};

/** Paths arrive as sent; a client may percent-encode the colons of a urn (`/tracks/soundcloud%3Atracks%3A1`). */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function route(req: SimRequest, res: ServerResponse, ctx: SimContext, path: string): void {
  const mediaMatch = MEDIA_PATH.exec(path);
  const [, collection, rawId, sub] =
    /^\/(tracks|playlists|users)\/(?:soundcloud:\w+:)?(\d+)(?:\/(tracks))?$/.exec(path) ?? [];
  const id = Number(rawId);
  const user = collection === 'users' ? ctx.catalogue.users.find((u) => u.id === id) : undefined;
  if (path === '/resolve') resolve(req, res, ctx);
  else if (path === '/tracks') tracksByIds(req, res, ctx);
  else if (mediaMatch !== null) media(req, res, ctx, mediaMatch);
  else if (collection === 'tracks' && sub === undefined) oneTrack(req, res, ctx, id);
  else if (collection === 'playlists' && sub === undefined) onePlaylist(req, res, ctx, id);
  else if (user !== undefined && sub === undefined) json(res, 200, userJson(ctx.catalogue, user));
  else if (user !== undefined && sub === 'tracks') userTracks(req, res, ctx, user);
  else if (!listPage(req, res, ctx, path)) notFound(res);
}

/** Bot check first (DataDome answers at the edge), then the client_id, then the route. */
function answer(req: SimRequest, res: ServerResponse, ctx: SimContext): void {
  const path = decodedPath(req.path).replace(/(.)\/$/, '$1');
  if (req.host === API_V2_HOST && botChallenged(req, res, ctx, path)) return;
  if (req.query.get('client_id') !== ctx.clientId) {
    json(res, 401, errorsBody(401, 'Unauthorized'));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    json(res, 405, errorsBody(405, 'Method Not Allowed'));
    return;
  }
  route(req, res, ctx, path);
}

const apiV2: Handler = (req, res, ctx) => {
  answer(req, res, ctx);
  if (req.host !== API_V2_HOST) return;
  // Rotation mid-session: the request that reaches the count is still answered with the old id.
  ctx.v2Requests += 1;
  const every = ctx.settings.rotateClientIdEvery;
  if (every !== null && ctx.v2Requests % every === 0) ctx.clientId = randomToken(32);
};

export const routes: Record<string, Handler> = {
  'api-v2.soundcloud.com': apiV2,
  'api-widget.soundcloud.com': apiV2,
};
