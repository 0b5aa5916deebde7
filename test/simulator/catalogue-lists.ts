// The lists around the catalogue: albums, and each user's likes, reposts and spotlight (added after the
// rest with a PRNG of their own, so no earlier id moves), and the related, popular, station and system
// playlist tracks derived from ids alone.
import type { Catalogue, SimPlaylist, SimTrack, SimUser } from './catalogue';
import { isLongForm } from './catalogue-long';
import { isPublic, tracksOfUser } from './catalogue-queries';

/** One entry of a likes, reposts or spotlight list: a track, or a set (which the client expands). */
export type ListItem = { kind: 'track'; track: SimTrack } | { kind: 'playlist'; playlist: SimPlaylist };

export interface CatalogueLists {
  /** Ids of the sets that are albums. */
  albums: ReadonlySet<number>;
  likes: ReadonlyMap<number, readonly ListItem[]>;
  reposts: ReadonlyMap<number, readonly ListItem[]>;
  spotlight: ReadonlyMap<number, readonly ListItem[]>;
}

/** How many related tracks every track has. */
export const RELATED_COUNT = 8;
/** How many tracks a station plays (its seed track first). */
export const STATION_SIZE = 10;
/** The system playlists `/discover/sets/<name>` knows besides each user's `weekly::<user>`. */
export const CHARTS = ['charts-top:all-music', 'charts-trending:all-music'] as const;

/** A stable order for `id` under `salt`, unrelated to the ids' own order. */
function mix(id: number, salt: number): number {
  return Math.imul(id ^ salt, 2_654_435_761) >>> 0;
}

const track = (t: SimTrack): ListItem => ({ kind: 'track', track: t });
const set = (p: SimPlaylist): ListItem => ({ kind: 'playlist', playlist: p });

/**
 * Tracks anyone may list that are playable somewhere: the pool related tracks and charts are drawn from.
 * Long-form tracks stay out, so the lists are what they were before they came and never hold an hour-long mix.
 */
function pool(catalogue: Catalogue): SimTrack[] {
  return catalogue.tracks.filter((t) => isPublic(t) && t.role !== 'processing' && !isLongForm(t));
}

/**
 * Albums for the first four users (their first three public tracks), and lists for them: each likes three
 * tracks of others and a set, reposts two tracks and a set, and spotlights a track of their own and their album.
 */
export function buildLists(
  catalogue: Catalogue,
  rand: () => number,
  token: (length: number) => string,
): CatalogueLists {
  const users = catalogue.users.slice(0, 4);
  const taken = new Set(catalogue.playlists.map((p) => p.id));
  const albumOf = new Map<number, SimPlaylist>();
  for (const user of users) {
    let id = 1_200_001 + Math.floor(rand() * 900_000);
    while (taken.has(id)) id += 1;
    taken.add(id);
    const title = `${user.username} Selected`;
    const album: SimPlaylist = {
      id,
      urn: `soundcloud:playlists:${id}`,
      title,
      slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      user,
      tracks: tracksOfUser(catalogue, user).slice(0, 3),
      artworkId: `000${id}-${token(6).toLowerCase()}`,
      colour: [90, 90, 160],
      createdAt: '2024-05-01T12:00:00Z',
      secretToken: null,
    };
    catalogue.playlists.push(album);
    albumOf.set(user.id, album);
  }
  const publicSets = catalogue.playlists.filter((p) => p.secretToken === null);
  const others = (user: SimUser, count: number, salt: number): ListItem[] =>
    pool(catalogue)
      .filter((t) => t.user.id !== user.id)
      .sort((a, b) => mix(a.id, salt + user.id) - mix(b.id, salt + user.id))
      .slice(0, count)
      .map(track);
  const someSet = (user: SimUser): SimPlaylist | undefined =>
    publicSets.filter((p) => p.user.id !== user.id)[Math.floor(rand() * 3)];
  const likes = new Map<number, ListItem[]>();
  const reposts = new Map<number, ListItem[]>();
  const spotlight = new Map<number, ListItem[]>();
  for (const user of users) {
    const liked = someSet(user);
    const reposted = someSet(user);
    const album = albumOf.get(user.id);
    likes.set(user.id, [...others(user, 3, 1), ...(liked ? [set(liked)] : [])]);
    reposts.set(user.id, [...others(user, 2, 2), ...(reposted ? [set(reposted)] : [])]);
    const own = tracksOfUser(catalogue, user).at(-1);
    spotlight.set(user.id, [...(own ? [track(own)] : []), ...(album ? [set(album)] : [])]);
  }
  return { albums: new Set([...albumOf.values()].map((a) => a.id)), likes, reposts, spotlight };
}

/** A track's related tracks: RELATED_COUNT public tracks of anyone, the same every time. */
export function relatedOf(catalogue: Catalogue, of: SimTrack): SimTrack[] {
  return pool(catalogue)
    .filter((t) => t.id !== of.id)
    .sort((a, b) => mix(a.id, of.id) - mix(b.id, of.id))
    .slice(0, RELATED_COUNT);
}

/** A user's most played public tracks, most played first (play counts derive from the id, as in the JSON). */
export function topTracksOf(catalogue: Catalogue, user: SimUser): SimTrack[] {
  return tracksOfUser(catalogue, user).sort((a, b) => mix(b.id, 3) - mix(a.id, 3));
}

/** The sets (albums, or the others) a public track is in. */
export function setsWithTrack(catalogue: Catalogue, of: SimTrack, albums: boolean): SimPlaylist[] {
  return catalogue.playlists.filter(
    (p) => p.secretToken === null && catalogue.lists.albums.has(p.id) === albums && p.tracks.includes(of),
  );
}

/** A track's station: the track, then its related tracks; an artist's: their top tracks, then related ones. */
export function stationOf(catalogue: Catalogue, seed: SimTrack | SimUser): SimTrack[] {
  const start = 'slug' in seed ? [seed] : topTracksOf(catalogue, seed).slice(0, 3);
  const first = start[0];
  const more = first === undefined ? [] : relatedOf(catalogue, first);
  return [...new Set([...start, ...more])].slice(0, STATION_SIZE);
}

/** A system playlist by name (`charts-top:all-music`, `weekly::<user>`), or null when there is none. */
export function systemPlaylistTracks(catalogue: Catalogue, name: string): SimTrack[] | null {
  const salt = [...name].reduce((sum, c) => Math.imul(sum, 31) + c.charCodeAt(0), 7);
  const chart = (count: number): SimTrack[] =>
    pool(catalogue)
      .sort((a, b) => mix(a.id, salt) - mix(b.id, salt))
      .slice(0, count);
  if ((CHARTS as readonly string[]).includes(name)) return chart(20);
  const weekly = /^weekly::([a-z0-9_-]+)$/.exec(name);
  if (weekly !== null && catalogue.users.some((u) => u.permalink === weekly[1])) return chart(12);
  return null;
}
