// The official API for the links beyond permalinks: API URLs and embeds by id, a profile's likes, sets and
// albums, a track's related tracks and its station; what it has no endpoint for is refused with the reason.
import { z } from 'zod';
import type { Track } from '../../shared/ipc';
import type { LinkTarget } from '../../shared/link-targets';
import { EMPTY_LIST_MESSAGE, failedSet, listEntry, parse, type Answer } from './answers';
import { fail, SoundCloudError } from './http';
import { API, trackSchema, type ApiTrack } from './official-schemas';
import { collectPages } from './paging';
import type { ResolvedTrack } from './provider';

/** Items asked for per page. */
const PAGE_SIZE = 50;
const EVERY_ACCESS = 'playable,preview,blocked';

/** The reason a link is refused by this provider: the endpoint it needs is api-v2's alone. */
export function noEndpoint(what: string): string {
  return `SoundCloud's official API has no ${what}: choose the Web API in Settings to play this link.`;
}

const listedSetSchema = z.object({
  id: z.number().int().positive(),
  title: z.string().nullish(),
  playlist_type: z.string().nullish(),
  secret_token: z.string().nullish(),
});
type ListedSet = z.infer<typeof listedSetSchema>;

export type RefKind = 'tracks' | 'playlists' | 'users';

export interface OfficialPagesOptions {
  getJson: (url: string) => Promise<Answer>;
  /** What a permalink names, by /resolve. */
  resolveId: (permalink: string) => Promise<{ kind: RefKind; id: number }>;
  trackById: (id: number, secretToken: string | null) => Promise<Track>;
  /** A set's or profile's tracks, page after page, up to `cap`. */
  collect: (
    ref: { kind: RefKind; id: number; secretToken: string | null },
    cap: number,
  ) => Promise<ResolvedTrack[]>;
  toTrack: (raw: ApiTrack) => Track;
}

export interface OfficialPages {
  /** Every target but a plain page; `userCap` is the per-profile cap of Settings. */
  resolveTarget(target: LinkTarget, userCap: number): Promise<ResolvedTrack[]>;
  /** Up to `cap` of a track's related tracks. */
  related(trackId: number, cap: number): Promise<ResolvedTrack[]>;
}

export function createOfficialPages(options: OfficialPagesOptions): OfficialPages {
  const { getJson, resolveId, collect, toTrack } = options;

  /** Every item of a list (up to `cap`), page after page. */
  function listOf<T>(path: string, item: (raw: unknown) => T, cap: number, access = false): Promise<T[]> {
    const query = new URLSearchParams({ linked_partitioning: 'true', limit: String(PAGE_SIZE) });
    if (access) query.set('access', EVERY_ACCESS);
    return collectPages({
      first: `${API}${path}?${query.toString()}`,
      fetchPage: async (url) => (await getJson(url)).body,
      item,
      cap,
      pageSize: PAGE_SIZE,
    });
  }

  const trackList = (path: string, cap: number): Promise<ResolvedTrack[]> =>
    listOf(path, (raw) => listEntry(raw, trackSchema, toTrack), cap, true);

  /** Sets, each expanded in order (one that fails says why in its place), up to `cap` tracks in all. */
  async function expandSets(sets: readonly ListedSet[], cap: number): Promise<ResolvedTrack[]> {
    const result: ResolvedTrack[] = [];
    for (const set of sets) {
      if (result.length >= cap) break;
      try {
        const ref = { kind: 'playlists' as const, id: set.id, secretToken: set.secret_token ?? null };
        result.push(...(await collect(ref, cap - result.length)));
      } catch (error) {
        if (!(error instanceof SoundCloudError)) throw error;
        result.push(failedSet(set, error.toAppError()));
      }
    }
    return result.slice(0, cap);
  }

  const setList = (path: string): Promise<ListedSet[]> =>
    listOf(path, (raw) => parse(listedSetSchema, raw), Number.POSITIVE_INFINITY);

  async function userTab(
    target: Extract<LinkTarget, { type: 'user-tab' }>,
    cap: number,
  ): Promise<ResolvedTrack[]> {
    const { id } = await resolveId(target.profile);
    const urn = `soundcloud:users:${id}`;
    switch (target.tab) {
      case 'likes': {
        // The API lists liked tracks and liked sets apart: the tracks come first.
        const tracks = await trackList(`/users/${urn}/likes/tracks`, cap);
        if (tracks.length >= cap) return tracks;
        const sets = await setList(`/users/${urn}/likes/playlists`);
        return [...tracks, ...(await expandSets(sets, cap - tracks.length))];
      }
      case 'albums':
      case 'sets': {
        const albums = target.tab === 'albums';
        const sets = (await setList(`/users/${urn}/playlists`)).filter(
          (set) => (set.playlist_type === 'album') === albums,
        );
        return expandSets(sets, cap);
      }
      case 'reposts':
        return fail('INVALID_LINK', noEndpoint("list of a profile's reposts"));
      case 'spotlight':
        return fail('INVALID_LINK', noEndpoint("profile's spotlight"));
      case 'popular-tracks':
        return fail('INVALID_LINK', noEndpoint("list of a profile's popular tracks"));
    }
  }

  async function resolveAny(target: LinkTarget, userCap: number): Promise<ResolvedTrack[]> {
    const cap = Math.max(1, Math.floor(userCap));
    switch (target.type) {
      case 'id': {
        const { collection, id, secretToken } = target;
        if (collection === 'tracks') return [{ ok: true, track: await options.trackById(id, secretToken) }];
        const kind = collection;
        return collect({ kind, id, secretToken }, kind === 'users' ? cap : Number.POSITIVE_INFINITY);
      }
      case 'user-tab':
        return userTab(target, cap);
      case 'track-tab': {
        if (target.tab !== 'recommended')
          return fail('INVALID_LINK', noEndpoint('list of the sets a track is in'));
        const { id } = await resolveId(target.track);
        return trackList(`/tracks/soundcloud:tracks:${id}/related`, cap);
      }
      case 'station': {
        if (target.seed === 'artist') return fail('INVALID_LINK', noEndpoint("artist's station"));
        // A track's station plays the track, then its related tracks.
        const { id } = await resolveId(target.of);
        const related = await trackList(`/tracks/soundcloud:tracks:${id}/related`, Number.POSITIVE_INFINITY);
        return [{ ok: true, track: await options.trackById(id, null) }, ...related];
      }
      case 'system-playlist':
        return fail('INVALID_LINK', noEndpoint('charts or system playlists'));
      case 'page':
        return fail('INVALID_LINK', 'Cloudcue cannot play this kind of SoundCloud page.');
    }
  }

  /** A list with nothing in it says so, rather than leave the queue without a trace of the link. */
  async function resolveTarget(target: LinkTarget, userCap: number): Promise<ResolvedTrack[]> {
    const entries = await resolveAny(target, userCap);
    if (entries.length === 0) fail('NOT_FOUND', EMPTY_LIST_MESSAGE);
    return entries;
  }

  return {
    resolveTarget,
    related: (trackId, cap) => trackList(`/tracks/soundcloud:tracks:${trackId}/related`, Math.max(1, cap)),
  };
}
