// api-v2's lists beyond a profile's uploads: likes, reposts, albums, sets, spotlight, popular tracks; a
// track's related tracks, albums and sets; and the system playlists /resolve names for stations and charts.
import type { ServerResponse } from 'node:http';
import {
  isPublic,
  playlistById,
  resolvePermalink,
  trackById,
  type SimPlaylist,
  type SimTrack,
} from '../catalogue';
import {
  relatedOf,
  setsWithTrack,
  stationOf,
  systemPlaylistTracks,
  topTracksOf,
  type ListItem,
} from '../catalogue-lists';
import { json, type SimContext, type SimRequest } from '../context';
import {
  API_V2,
  FULL_SET_TRACKS,
  miniUserJson,
  playlistJson,
  trackJson,
  trackStubJson,
  userJson,
} from './v2-json';

type Json = Record<string, unknown>;

const DEFAULT_PAGE = 10;
const MAX_PAGE = 200;
const LIST_DATE = '2025-06-01T12:00:00Z';

/** One page of `items` at a numeric offset, with next_href while more remain (linked_partitioning kept). */
function sendPage(req: SimRequest, res: ServerResponse, path: string, items: readonly Json[]): void {
  const offset = Math.max(0, Math.floor(Number(req.query.get('offset') ?? 0)) || 0);
  const asked = Math.floor(Number(req.query.get('limit') ?? DEFAULT_PAGE));
  const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_PAGE) : DEFAULT_PAGE;
  let nextHref: string | null = null;
  if (offset + limit < items.length) {
    const query = new URLSearchParams({ offset: String(offset + limit), limit: String(limit) });
    if (req.query.has('linked_partitioning')) query.set('linked_partitioning', '1');
    nextHref = `${API_V2}${path}?${query.toString()}`;
  }
  json(res, 200, { collection: items.slice(offset, offset + limit), next_href: nextHref, query_urn: null });
}

function listJson(ctx: SimContext, item: ListItem): Json {
  return item.kind === 'track'
    ? trackJson(ctx.catalogue, item.track, { fullUser: false, nowMs: ctx.now() })
    : playlistJson(ctx.catalogue, item.playlist, ctx.now());
}

const tracksJson = (ctx: SimContext, tracks: readonly SimTrack[]): Json[] =>
  tracks.map((t) => trackJson(ctx.catalogue, t, { fullUser: false, nowMs: ctx.now() }));
const setsJson = (ctx: SimContext, sets: readonly SimPlaylist[]): Json[] =>
  sets.map((p) => playlistJson(ctx.catalogue, p, ctx.now()));

/**
 * `/users/<id>/<list>`, `/stream/users/<id>/reposts` and `/tracks/<id>/<list>`; false when the path is none
 * of them (the caller answers 404).
 */
export function listPage(req: SimRequest, res: ServerResponse, ctx: SimContext, path: string): boolean {
  const { catalogue } = ctx;
  const userMatch = /^\/(?:stream\/)?users\/(?:soundcloud:users:)?(\d+)\/(\w+)$/.exec(path);
  const user = userMatch && catalogue.users.find((u) => u.id === Number(userMatch[1]));
  if (userMatch !== null && user != null) {
    const reposts = path.startsWith('/stream/');
    const list = userMatch[2];
    let items: Json[] | null = null;
    if (reposts && list === 'reposts') {
      items = (catalogue.lists.reposts.get(user.id) ?? []).map((item) => ({
        type: item.kind === 'track' ? 'track-repost' : 'playlist-repost',
        created_at: LIST_DATE,
        user: miniUserJson(user),
        [item.kind]: listJson(ctx, item),
      }));
    } else if (!reposts && list === 'likes') {
      items = (catalogue.lists.likes.get(user.id) ?? []).map((item) => ({
        created_at: LIST_DATE,
        kind: 'like',
        [item.kind]: listJson(ctx, item),
      }));
    } else if (!reposts && list === 'spotlight') {
      items = (catalogue.lists.spotlight.get(user.id) ?? []).map((item) => listJson(ctx, item));
    } else if (!reposts && list === 'toptracks') {
      items = tracksJson(ctx, topTracksOf(catalogue, user));
    } else if (!reposts && (list === 'albums' || list === 'playlists_without_albums')) {
      const own = catalogue.playlists.filter((p) => p.user.id === user.id && p.secretToken === null);
      items = setsJson(
        ctx,
        own.filter((p) => catalogue.lists.albums.has(p.id) === (list === 'albums')),
      );
    }
    if (items === null) return false;
    sendPage(req, res, path, items);
    return true;
  }
  const trackMatch =
    /^\/tracks\/(?:soundcloud:tracks:)?(\d+)\/(related|albums|playlists_without_albums)$/.exec(path);
  const track = trackMatch && trackById(catalogue, Number(trackMatch[1]));
  if (trackMatch === null) return false;
  if (track == null || !isPublic(track)) {
    json(res, 404, {});
    return true;
  }
  const list = trackMatch[2];
  const items =
    list === 'related'
      ? tracksJson(ctx, relatedOf(catalogue, track))
      : setsJson(ctx, setsWithTrack(catalogue, track, list === 'albums'));
  sendPage(req, res, path, items);
  return true;
}

/** A station or chart as api-v2 gives it: `system-playlist`, full tracks first, then stubs like a set. */
function systemPlaylistJson(ctx: SimContext, name: string, title: string, tracks: SimTrack[]): Json {
  const urn = `soundcloud:system-playlists:${name}`;
  const station = name.includes('-stations:');
  return {
    artwork_url: null,
    calculated_artwork_url: null,
    description: null,
    id: urn,
    urn,
    kind: 'system-playlist',
    last_updated: LIST_DATE,
    permalink: name,
    permalink_url: `https://soundcloud.com/discover/sets/${name}`,
    playlist_type: station ? 'STATION' : 'PLAYLIST',
    short_title: title,
    title,
    is_public: true,
    tracks: tracks.map((t, index) =>
      index < FULL_SET_TRACKS
        ? trackJson(ctx.catalogue, t, { fullUser: false, nowMs: ctx.now() })
        : trackStubJson(t),
    ),
    user: null,
  };
}

/**
 * What /resolve answers for a URL that is not a permalink: an API URL (by its id, a secret one with its
 * token), a station, or a system playlist. Null when the URL is none of them.
 */
export function resolveOther(ctx: SimContext, raw: string): Json | null {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return null;
  }
  const { catalogue } = ctx;
  const host = url.hostname.toLowerCase().replace(/^(www|m)\./, '');
  const path = decodeURIComponent(url.pathname).replace(/\/$/, '');
  const secret = url.searchParams.get('secret_token');
  if (host === 'api.soundcloud.com' || host === 'api-v2.soundcloud.com') {
    const [, kind, id] = /^\/(tracks|playlists|users)\/(?:soundcloud:\w+:)?(\d+)$/.exec(path) ?? [];
    if (kind === 'tracks') {
      const track = trackById(catalogue, Number(id));
      const visible = track && track.role !== 'removed' && (track.secretToken ?? secret) === secret;
      return visible ? trackJson(catalogue, track, { fullUser: true, nowMs: ctx.now() }) : null;
    }
    if (kind === 'playlists') {
      const playlist = playlistById(catalogue, Number(id));
      const visible = playlist && (playlist.secretToken ?? secret) === secret;
      return visible ? playlistJson(catalogue, playlist, ctx.now()) : null;
    }
    const user = kind === 'users' ? catalogue.users.find((u) => u.id === Number(id)) : undefined;
    return user === undefined ? null : userJson(catalogue, user);
  }
  if (host !== 'soundcloud.com') return null;
  const station = /^\/stations\/(track|artist)\/([\w-]+(?:\/[\w-]+)?)$/.exec(path.toLowerCase());
  if (station?.[1] !== undefined && station[2] !== undefined) {
    const seed = resolvePermalink(catalogue, `https://soundcloud.com/${station[2]}`);
    if (station[1] === 'track' && seed?.kind === 'track' && isPublic(seed.track)) {
      const name = `track-stations:${seed.track.id}`;
      return systemPlaylistJson(ctx, name, `Based on ${seed.track.title}`, stationOf(catalogue, seed.track));
    }
    if (station[1] === 'artist' && seed?.kind === 'user') {
      const name = `artist-stations:${seed.user.id}`;
      return systemPlaylistJson(ctx, name, `Based on ${seed.user.username}`, stationOf(catalogue, seed.user));
    }
    return null;
  }
  const system = /^\/discover\/sets\/([^/]+)$/.exec(path);
  const tracks = system?.[1] === undefined ? null : systemPlaylistTracks(catalogue, system[1]);
  return system?.[1] === undefined || tracks === null
    ? null
    : systemPlaylistJson(ctx, system[1], system[1], tracks);
}
