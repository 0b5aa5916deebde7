// api-v2 for the links beyond permalinks: API URLs and embeds by id, a profile's tabs (likes, reposts,
// albums, sets, spotlight, popular tracks), a track's tabs (related tracks, albums, sets), stations and charts.
import type { Track } from '../../shared/ipc';
import type { LinkTarget } from '../../shared/link-targets';
import type { TrackTab, UserTab } from '../../shared/link-forms';
import { EMPTY_LIST_MESSAGE, failedSet, parse, type Answer } from './answers';
import { fail, SoundCloudError } from './http';
import { collectPages } from './paging';
import type { ResolvedTrack } from './provider';
import { pageFetcher, type V2Lists } from './v2-lists';
import { listedPlaylistSchema, resolvedKindSchema, trackIdSchema, userSchema } from './v2-schemas';
import { API_V2, withParams } from './v2-tracks';

/** Items asked for per page of a list. */
const PAGE_SIZE = 50;

/** Where api-v2 lists each profile tab (reposts live under /stream). */
const USER_TAB_PATHS: Record<UserTab, (id: number) => string> = {
  likes: (id) => `/users/${id}/likes`,
  reposts: (id) => `/stream/users/${id}/reposts`,
  albums: (id) => `/users/${id}/albums`,
  sets: (id) => `/users/${id}/playlists_without_albums`,
  spotlight: (id) => `/users/${id}/spotlight`,
  'popular-tracks': (id) => `/users/${id}/toptracks`,
};

const TRACK_TAB_PATHS: Record<TrackTab, (id: number) => string> = {
  recommended: (id) => `/tracks/${id}/related`,
  albums: (id) => `/tracks/${id}/albums`,
  sets: (id) => `/tracks/${id}/playlists_without_albums`,
};

export interface V2PagesOptions {
  /** An api-v2 call with the client_id; with `link`, a 404 says which kind of page is missing. */
  apiJson: (build: (clientId: string) => string, link?: string) => Promise<Answer>;
  /** What /resolve answers for a URL (a 404 says which kind of page is missing). */
  resolveBody: (url: string) => Promise<unknown>;
  listItem: (item: unknown) => ResolvedTrack;
  lists: V2Lists;
  /** One track by id through /tracks/<id>, with its secret token when it is private. */
  trackById: (id: number, secretToken: string | null) => Promise<Track>;
}

/** Likes and reposts wrap their items (`{track}` or `{playlist}`); spotlight and the other lists do not. */
function unwrap(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const record = raw as Record<string, unknown>;
  return record.track ?? record.playlist ?? raw;
}

export interface V2Pages {
  /** Every target but a plain page; `userCap` is the per-profile cap of Settings. */
  resolveTarget(target: LinkTarget, userCap: number, link: string): Promise<ResolvedTrack[]>;
  /** Up to `cap` of a track's related tracks. */
  related(trackId: number, cap: number): Promise<ResolvedTrack[]>;
}

export function createV2Pages(options: V2PagesOptions): V2Pages {
  const { apiJson, resolveBody, listItem, lists } = options;

  /** A set met in a list, with its tracks: those it carries, or (when it left them out) its own. */
  async function expandSet(raw: unknown): Promise<ResolvedTrack[]> {
    const set = parse(listedPlaylistSchema, raw);
    try {
      if (set.tracks && (set.track_count == null || set.tracks.length === set.track_count))
        return await lists.resolvePlaylist(raw);
      const url = new URL(`${API_V2}/playlists/${set.id}`);
      const answer = await apiJson((clientId) =>
        withParams(url, { client_id: clientId, secret_token: set.secret_token }),
      );
      return await lists.resolvePlaylist(answer.body);
    } catch (error) {
      // The list's other items still arrive; this set says why it could not be read, in its place.
      if (!(error instanceof SoundCloudError)) throw error;
      return [failedSet(set, error.toAppError())];
    }
  }

  /** A list's items up to `cap` tracks, page after page, its sets expanded in place. */
  async function collectList(path: string, cap: number): Promise<ResolvedTrack[]> {
    const items = await collectPages({
      first: `${API_V2}${path}?limit=${PAGE_SIZE}&linked_partitioning=1`,
      fetchPage: pageFetcher(apiJson),
      item: unwrap,
      cap,
      pageSize: PAGE_SIZE,
    });
    const result: ResolvedTrack[] = [];
    for (const item of items) {
      if (result.length >= cap) break;
      const isSet = listedPlaylistSchema.safeParse(item).success;
      result.push(...(isSet ? await expandSet(item) : [listItem(item)]));
    }
    return result.slice(0, cap);
  }

  /** The tracks a station or chart plays: /resolve names it a `system-playlist`. */
  async function systemPlaylist(url: string): Promise<ResolvedTrack[]> {
    const body = await resolveBody(url);
    if (parse(resolvedKindSchema, body).kind !== 'system-playlist')
      fail('NOT_FOUND', 'SoundCloud has no such station or playlist.');
    return lists.resolveSystemPlaylist(body);
  }

  async function resolveAny(target: LinkTarget, userCap: number, link: string): Promise<ResolvedTrack[]> {
    const cap = Math.max(1, Math.floor(userCap));
    switch (target.type) {
      case 'id': {
        const { collection, id, secretToken } = target;
        if (collection === 'tracks') return [{ ok: true, track: await options.trackById(id, secretToken) }];
        if (collection === 'users') return lists.resolveUser({ id }, cap);
        const url = new URL(`${API_V2}/playlists/${id}`);
        const answer = await apiJson(
          (clientId) => withParams(url, { client_id: clientId, secret_token: secretToken }),
          link,
        );
        return lists.resolvePlaylist(answer.body);
      }
      case 'user-tab': {
        const user = parse(userSchema, await resolveBody(target.profile));
        return collectList(USER_TAB_PATHS[target.tab](user.id), cap);
      }
      case 'track-tab': {
        const track = parse(trackIdSchema, await resolveBody(target.track));
        return collectList(TRACK_TAB_PATHS[target.tab](track.id), cap);
      }
      case 'station':
      case 'system-playlist':
        return systemPlaylist(link);
      case 'page':
        return fail('INVALID_LINK', 'Cloudcue cannot play this kind of SoundCloud page.');
    }
  }

  /** A list with nothing in it says so, rather than leave the queue without a trace of the link. */
  async function resolveTarget(target: LinkTarget, userCap: number, link: string): Promise<ResolvedTrack[]> {
    const entries = await resolveAny(target, userCap, link);
    if (entries.length === 0) fail('NOT_FOUND', EMPTY_LIST_MESSAGE);
    return entries;
  }

  return {
    resolveTarget,
    related: (trackId, cap) => collectList(TRACK_TAB_PATHS.recommended(trackId), Math.max(1, cap)),
  };
}
