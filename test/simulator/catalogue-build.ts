// Builds the catalogue from a seed: the same seed gives the same ids, tokens and dates. Items added in
// later versions are drawn after the earlier ones, so the earlier ids stay stable.
import type { Catalogue, Policy, SimPlaylist, SimTrack, SimUser } from './catalogue';
import {
  BULK_USER,
  FEATURED,
  LATER,
  mediaFor,
  QUIET_ROOM_USER,
  quietRoomRole,
  SECRET_SET,
  USERS,
  type TrackSpec,
  type UserSpec,
} from './catalogue-specs';
import { shortDescription } from './catalogue-descriptions';
import { buildLists } from './catalogue-lists';
import { addLongTracks } from './catalogue-long';
import { seededRandom } from './random';

export const DEFAULT_SEED = 20_261_129;

/** How many tracks the large set holds: more than two pages of stubs, to force batching. */
export const LARGE_SET_SIZE = 125;

/** How many tracks Quiet Room has uploaded (most of them private or removed). */
export const QUIET_ROOM_UPLOADS = 120;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const isoOf = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function isoDate(rand: () => number): string {
  const start = Date.UTC(2012, 0, 1);
  const end = Date.UTC(2025, 11, 31);
  return isoOf(start + Math.floor(rand() * (end - start)));
}

const DAY_MS = 86_400_000;

/**
 * The catalogue for a seed. `extraTracks` adds that many short tracks by one more user (for
 * benchmarks that need hundreds of distinct links); they are in no set.
 */
export function buildCatalogue(seed: number = DEFAULT_SEED, extraTracks = 0): Catalogue {
  const rand = seededRandom(seed);
  const token = (length: number): string =>
    Array.from({ length }, () => ALNUM[Math.floor(rand() * ALNUM.length)]).join('');
  const hex = (length: number): string =>
    Array.from({ length }, () => Math.floor(rand() * 16).toString(16)).join('');
  const colour = (): [number, number, number] => [
    40 + Math.floor(rand() * 190),
    40 + Math.floor(rand() * 190),
    40 + Math.floor(rand() * 190),
  ];

  const makeUser = (u: UserSpec, index: number): SimUser => {
    const id = 7001 + index * 37 + Math.floor(rand() * 30);
    return {
      id,
      urn: `soundcloud:users:${id}`,
      username: u.username,
      permalink: u.permalink,
      fullName: u.fullName,
      city: u.city,
      countryCode: u.country,
      avatarId: `000${id}-${token(6).toLowerCase()}`,
      colour: colour(),
      createdAt: isoDate(rand),
    };
  };
  const users: SimUser[] = (extraTracks > 0 ? [...USERS, BULK_USER] : USERS).map(makeUser);
  const userAt = (index: number): SimUser => {
    const user = users[index];
    if (user === undefined) throw new Error(`no user ${index}`);
    return user;
  };

  let nextId = 310_001 + Math.floor(rand() * 1000);
  // Frequencies 220–880 Hz, spaced so no two tracks share a tone.
  let tone = 0;
  const frequency = (): number => 220 + ((tone++ * 37) % 661);

  const policyOf = (spec: TrackSpec): Policy => {
    if (spec.role === 'geo-blocked') return 'BLOCK';
    if (spec.role === 'preview-only') return 'SNIP';
    if (spec.role === 'label') return 'MONETIZE';
    return rand() < 0.5 ? 'ALLOW' : 'MONETIZE';
  };
  const monetizationOf = (spec: TrackSpec): string => {
    if (spec.role === 'preview-only') return 'SUB_HIGH_TIER';
    if (spec.role === 'label') return 'AD_SUPPORTED';
    return rand() < 0.5 ? 'NOT_APPLICABLE' : 'BLACKBOX';
  };

  const makeTrack = (spec: TrackSpec, owner?: SimUser, createdAt?: string): SimTrack => {
    const id = nextId;
    nextId += 1 + Math.floor(rand() * 50);
    const role = spec.role ?? null;
    const media = mediaFor(spec);
    return {
      id,
      urn: `soundcloud:tracks:${id}`,
      title: spec.title,
      user: owner ?? userAt(spec.user),
      slug: slugify(spec.title),
      durationMs: spec.seconds * 1000 + (spec.seconds > 10 ? Math.floor(rand() * 900) : 0),
      frequency: frequency(),
      sid: token(12),
      uuid: `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(rand() * 4)]}${hex(3)}-${hex(12)}`,
      artworkId: role === 'no-artwork' ? null : `000${id}-${token(6).toLowerCase()}`,
      colour: colour(),
      role,
      secretToken: role === 'secret' ? `s-${token(11)}` : null,
      policy: policyOf(spec),
      monetizationModel: monetizationOf(spec),
      genre: spec.genre ?? 'Electronic',
      createdAt: createdAt ?? isoDate(rand),
      description: shortDescription(id),
      // Opus on three tracks in four, mp3_standard on every third: both vary by upload in reality.
      media: {
        ...media,
        hlsOpus: media.hlsOpus && id % 4 !== 3,
        mp3Standard: media.hlsMp3 && !media.label && !media.disguisedPreview && id % 3 === 0,
      },
    };
  };

  const featured = FEATURED.map((spec) => makeTrack(spec));
  const archive = Array.from({ length: LARGE_SET_SIZE }, (_, i) =>
    makeTrack({
      title: `Archive Tape ${String(i + 1).padStart(3, '0')}`,
      user: 4,
      seconds: 5 + (i % 16),
      genre: 'Archive',
    }),
  );
  const byTitle = (title: string): SimTrack => {
    const track = featured.find((t) => t.title === title);
    if (track === undefined) throw new Error(`no featured track ${title}`);
    return track;
  };

  const playlist = (title: string, user: SimUser, tracks: SimTrack[], artwork: boolean): SimPlaylist => {
    const id = 1_200_001 + Math.floor(rand() * 900_000);
    return {
      id,
      urn: `soundcloud:playlists:${id}`,
      title,
      slug: slugify(title),
      user,
      tracks,
      artworkId: artwork ? `000${id}-${token(6).toLowerCase()}` : null,
      colour: colour(),
      createdAt: isoDate(rand),
      secretToken: null,
    };
  };

  const playlists = [
    playlist(
      'Harbour Evenings',
      userAt(1),
      [byTitle('Harbour Lights'), byTitle('Low Tide'), byTitle('Slow Current')],
      true,
    ),
    playlist('Complete Tape Archive', userAt(4), archive, false),
  ];

  // --- Added later: new roles, the secret set, Quiet Room ---------------------------------------------
  const later = LATER.map((spec) => makeTrack(spec));
  const reel = SECRET_SET.tracks.map((t) =>
    makeTrack({
      title: t.title,
      user: SECRET_SET.user,
      seconds: t.seconds,
      genre: 'Demo',
      ...('private' in t ? { role: 'secret' as const } : {}),
    }),
  );
  const secretSet = playlist(SECRET_SET.title, userAt(SECRET_SET.user), reel, true);
  playlists.push({ ...secretSet, secretToken: `s-${token(11)}` });

  const quietRoom = makeUser(QUIET_ROOM_USER, 6);
  users.push(quietRoom);
  const newest = Date.UTC(2025, 10, 20, 18, 0, 0);
  const quiet = Array.from({ length: QUIET_ROOM_UPLOADS }, (_, i) => {
    const role = quietRoomRole(i);
    const spec: TrackSpec = {
      title: `Room Tone ${String(QUIET_ROOM_UPLOADS - i).padStart(3, '0')}`,
      user: 0,
      seconds: 5 + (i % 16),
      genre: 'Ambient',
      ...(role === null ? {} : { role }),
    };
    // Dated two days apart, newest first, so the upload order is the index order.
    return makeTrack(spec, quietRoom, isoOf(newest - i * 2 * DAY_MS));
  });

  const bulk = Array.from({ length: extraTracks }, (_, i) =>
    makeTrack({
      title: `Bulk Upload ${i + 1}`,
      user: USERS.length,
      seconds: 5 + (i % 10),
      genre: 'Field Recording',
    }),
  );

  const catalogue: Catalogue = {
    seed,
    users,
    tracks: [...featured, ...archive, ...later, ...reel, ...quiet, ...bulk],
    playlists,
    lists: { albums: new Set(), likes: new Map(), reposts: new Map(), spotlight: new Map() },
  };
  // Added later still, from a generator of their own: the draws above stay as they were.
  const listRand = seededRandom(seed ^ 0x5eed_115);
  const listToken = (length: number): string =>
    Array.from({ length }, () => ALNUM[Math.floor(listRand() * ALNUM.length)]).join('');
  catalogue.lists = buildLists(catalogue, listRand, listToken);
  addLongTracks(catalogue);
  return catalogue;
}
