// The simulator's catalogue, generated from a seed: users, tracks with special roles, and sets.
// Every track has its own tone, so a test can tell by frequency which one is playing.

export type Role =
  | 'secret'
  | 'geo-blocked'
  | 'preview-only'
  | 'drm-only'
  | 'hls-only'
  | 'no-artwork'
  | 'removed'
  | 'aac-only-official';

export type Policy = 'ALLOW' | 'MONETIZE' | 'SNIP' | 'BLOCK';

export interface SimUser {
  id: number;
  urn: string;
  username: string;
  permalink: string;
  fullName: string;
  city: string | null;
  countryCode: string | null;
  /** Avatar image id (`avatars-<id>-large.jpg`). */
  avatarId: string;
  colour: readonly [number, number, number];
  createdAt: string;
}

/** Which streams a track has on each API. */
export interface SimMedia {
  progressiveMp3: boolean;
  hlsMp3: boolean;
  hlsAac: boolean;
  /** Encrypted HLS transcodings (listed, never served: 404 `{}`). */
  drm: boolean;
  /** An `abr` playlist transcoding (listed, answers 404 `{}`). */
  abr: boolean;
  /** 30-second previews only (Go+). */
  previewOnly: boolean;
  /** MP3 URLs on the official API's /streams (absent for AAC-only tracks). */
  officialMp3: boolean;
}

export interface SimTrack {
  id: number;
  urn: string;
  title: string;
  user: SimUser;
  /** The last path segment of the permalink. */
  slug: string;
  durationMs: number;
  /** Tone frequency in Hz. */
  frequency: number;
  /** Stream id: names the media files on the CDN hosts (12 characters). */
  sid: string;
  /** The transcoding uuid in api-v2 media URLs. */
  uuid: string;
  /** Artwork image id, or null: the user's avatar stands in. */
  artworkId: string | null;
  colour: readonly [number, number, number];
  role: Role | null;
  /** `s-…` token of a private track, else null. */
  secretToken: string | null;
  policy: Policy;
  monetizationModel: string;
  genre: string;
  createdAt: string;
  media: SimMedia;
}

export interface SimPlaylist {
  id: number;
  urn: string;
  title: string;
  slug: string;
  user: SimUser;
  tracks: SimTrack[];
  artworkId: string | null;
  colour: readonly [number, number, number];
  createdAt: string;
}

export interface Catalogue {
  seed: number;
  users: SimUser[];
  /** Every track, including those only found through a set. */
  tracks: SimTrack[];
  playlists: SimPlaylist[];
}

export const DEFAULT_SEED = 20_261_129;

/** mulberry32: a small, fast, seedable PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function isoDate(rand: () => number): string {
  const start = Date.UTC(2012, 0, 1);
  const end = Date.UTC(2025, 11, 31);
  return new Date(start + Math.floor(rand() * (end - start))).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ORDINARY: SimMedia = {
  progressiveMp3: true,
  hlsMp3: true,
  hlsAac: true,
  drm: false,
  abr: false,
  previewOnly: false,
  officialMp3: true,
};

interface TrackSpec {
  title: string;
  user: number;
  seconds: number;
  role?: Role;
  genre?: string;
  /** Extra transcodings an ordinary modern track lists. */
  drm?: boolean;
  abr?: boolean;
}

// The featured tracks: 5 s to 10 min, across four users, with one of each special role.
const FEATURED: TrackSpec[] = [
  { title: 'Lantern Hum', user: 0, seconds: 24, genre: 'Ambient' },
  { title: 'Harbour Lights', user: 1, seconds: 36, genre: 'Electronic' },
  { title: 'Slow Current', user: 1, seconds: 58, genre: 'Ambient', drm: true },
  { title: 'Short Bell', user: 2, seconds: 5, genre: 'Experimental' },
  { title: 'Paper Boats', user: 2, seconds: 12, genre: 'Folk' },
  { title: 'Night Train', user: 3, seconds: 75, genre: 'Techno', abr: true },
  { title: 'Copper Wire', user: 0, seconds: 95, genre: 'Electronic', drm: true },
  { title: 'Glass Garden', user: 3, seconds: 120, genre: 'House' },
  { title: 'Low Tide', user: 1, seconds: 150, genre: 'Ambient' },
  { title: 'Morning Static', user: 0, seconds: 180, genre: 'Lo-fi', abr: true },
  { title: 'Field Notes', user: 2, seconds: 210, genre: 'Folk' },
  { title: 'Long Drive', user: 3, seconds: 240, genre: 'Synthwave', drm: true },
  { title: 'Signal Fire', user: 0, seconds: 300, genre: 'Drone' },
  { title: 'Deep Water', user: 1, seconds: 420, genre: 'Ambient' },
  { title: 'The Long Hour', user: 3, seconds: 600, genre: 'Drone' },
  { title: 'Unlisted Demo', user: 2, seconds: 40, role: 'secret', genre: 'Demo' },
  { title: 'Border Song', user: 3, seconds: 60, role: 'geo-blocked', genre: 'Pop' },
  { title: 'Chart Single', user: 0, seconds: 200, role: 'preview-only', genre: 'Dance' },
  { title: 'Locked Vault', user: 1, seconds: 90, role: 'drm-only', genre: 'Pop' },
  { title: 'Stream Only', user: 2, seconds: 45, role: 'hls-only', genre: 'Electronic' },
  { title: 'Blank Canvas', user: 3, seconds: 30, role: 'no-artwork', genre: 'Ambient' },
  { title: 'Gone Away', user: 0, seconds: 50, role: 'removed', genre: 'Rock' },
  { title: 'Modern Mix', user: 1, seconds: 60, role: 'aac-only-official', genre: 'House' },
];

const USERS = [
  {
    username: 'Night Owl Radio',
    permalink: 'night-owl-radio',
    fullName: 'Ada Marsh',
    city: 'Leeds',
    country: 'GB',
  },
  { username: 'Tideline', permalink: 'tideline', fullName: 'Tomas Reyes', city: 'Lisbon', country: 'PT' },
  { username: 'paperkite', permalink: 'paperkite', fullName: '', city: null, country: null },
  {
    username: 'Vesper Lane',
    permalink: 'vesper-lane',
    fullName: 'Vesper Lane',
    city: 'Toronto',
    country: 'CA',
  },
  {
    username: 'Tape Archive',
    permalink: 'tape-archive',
    fullName: 'Tape Archive',
    city: 'Berlin',
    country: 'DE',
  },
] as const;

const BULK_USER = {
  username: 'Bulk Uploads',
  permalink: 'bulk-uploads',
  fullName: '',
  city: null,
  country: null,
} as const;

/** How many tracks the large set holds: more than two pages of stubs, to force batching. */
export const LARGE_SET_SIZE = 125;

function mediaFor(spec: TrackSpec): SimMedia {
  switch (spec.role) {
    case 'geo-blocked':
      return { ...ORDINARY, progressiveMp3: false, hlsMp3: false, hlsAac: false, officialMp3: false };
    case 'preview-only':
      return { ...ORDINARY, hlsAac: false, previewOnly: true, officialMp3: false };
    case 'drm-only':
      return {
        ...ORDINARY,
        progressiveMp3: false,
        hlsMp3: false,
        hlsAac: false,
        drm: true,
        officialMp3: false,
      };
    case 'hls-only':
      return { ...ORDINARY, progressiveMp3: false };
    case 'aac-only-official':
      return { ...ORDINARY, officialMp3: false };
    default:
      return { ...ORDINARY, drm: spec.drm ?? false, abr: spec.abr ?? false };
  }
}

/**
 * The catalogue for a seed. `extraTracks` adds that many short tracks by one more user (for
 * benchmarks that need hundreds of distinct links); they are in no set.
 */
export function buildCatalogue(seed: number = DEFAULT_SEED, extraTracks = 0): Catalogue {
  const rand = random(seed);
  const token = (length: number): string =>
    Array.from({ length }, () => ALNUM[Math.floor(rand() * ALNUM.length)]).join('');
  const hex = (length: number): string =>
    Array.from({ length }, () => Math.floor(rand() * 16).toString(16)).join('');
  const colour = (): [number, number, number] => [
    40 + Math.floor(rand() * 190),
    40 + Math.floor(rand() * 190),
    40 + Math.floor(rand() * 190),
  ];

  const userSpecs = extraTracks > 0 ? [...USERS, BULK_USER] : USERS;
  const users: SimUser[] = userSpecs.map((u, index) => {
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
  });
  const userAt = (index: number): SimUser => {
    const user = users[index];
    if (user === undefined) throw new Error(`no user ${index}`);
    return user;
  };

  let nextId = 310_001 + Math.floor(rand() * 1000);
  // Frequencies 220–880 Hz, spaced so no two tracks share a tone.
  let tone = 0;
  const frequency = (): number => 220 + ((tone++ * 37) % 661);

  const makeTrack = (spec: TrackSpec): SimTrack => {
    const id = nextId;
    nextId += 1 + Math.floor(rand() * 50);
    const role = spec.role ?? null;
    const media = mediaFor(spec);
    return {
      id,
      urn: `soundcloud:tracks:${id}`,
      title: spec.title,
      user: userAt(spec.user),
      slug: slugify(spec.title),
      durationMs: spec.seconds * 1000 + (spec.seconds > 10 ? Math.floor(rand() * 900) : 0),
      frequency: frequency(),
      sid: token(12),
      uuid: `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(rand() * 4)]}${hex(3)}-${hex(12)}`,
      artworkId: role === 'no-artwork' ? null : `000${id}-${token(6).toLowerCase()}`,
      colour: colour(),
      role,
      secretToken: role === 'secret' ? `s-${token(11)}` : null,
      policy:
        role === 'geo-blocked'
          ? 'BLOCK'
          : role === 'preview-only'
            ? 'SNIP'
            : rand() < 0.5
              ? 'ALLOW'
              : 'MONETIZE',
      monetizationModel:
        role === 'preview-only' ? 'SUB_HIGH_TIER' : rand() < 0.5 ? 'NOT_APPLICABLE' : 'BLACKBOX',
      genre: spec.genre ?? 'Electronic',
      createdAt: isoDate(rand),
      media,
    };
  };

  const featured = FEATURED.map(makeTrack);
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

  const bulk = Array.from({ length: extraTracks }, (_, i) =>
    makeTrack({
      title: `Bulk Upload ${i + 1}`,
      user: USERS.length,
      seconds: 5 + (i % 10),
      genre: 'Field Recording',
    }),
  );

  return { seed, users, tracks: [...featured, ...archive, ...bulk], playlists };
}

export function permalinkOf(track: SimTrack): string {
  const secret = track.secretToken === null ? '' : `/${track.secretToken}`;
  return `https://soundcloud.com/${track.user.permalink}/${track.slug}${secret}`;
}

export function playlistPermalinkOf(playlist: SimPlaylist): string {
  return `https://soundcloud.com/${playlist.user.permalink}/sets/${playlist.slug}`;
}

export function userPermalinkOf(user: SimUser): string {
  return `https://soundcloud.com/${user.permalink}`;
}

/** The tracks listed on a user's page: their own public tracks, newest first (removed ones gone). */
export function tracksOfUser(catalogue: Catalogue, user: SimUser): SimTrack[] {
  return catalogue.tracks
    .filter((t) => t.user.id === user.id && t.role !== 'removed' && t.secretToken === null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export type Resolved =
  | { kind: 'track'; track: SimTrack }
  | { kind: 'playlist'; playlist: SimPlaylist }
  | { kind: 'user'; user: SimUser };

/**
 * What a permalink names, as SoundCloud resolves it: scheme, `www.`/`m.`, query, fragment and a
 * trailing slash do not matter; a secret track needs its token, and a removed track is gone.
 */
export function resolvePermalink(catalogue: Catalogue, url: string | null): Resolved | null {
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase().replace(/^(www|m)\./, '');
  if (host !== 'soundcloud.com') return null;
  const parts = parsed.pathname.split('/').filter(Boolean);
  const [userName, second, third, ...rest] = parts;
  if (userName === undefined || rest.length > 0) return null;
  const user = catalogue.users.find((u) => u.permalink === userName.toLowerCase());
  if (user === undefined) return null;
  if (second === undefined) return { kind: 'user', user };
  if (second.toLowerCase() === 'sets') {
    const playlist = catalogue.playlists.find(
      (p) => p.user.id === user.id && p.slug === third?.toLowerCase(),
    );
    return playlist === undefined ? null : { kind: 'playlist', playlist };
  }
  const track = catalogue.tracks.find((t) => t.user.id === user.id && t.slug === second.toLowerCase());
  if (track === undefined || track.role === 'removed') return null;
  if (track.secretToken !== null && third !== track.secretToken) return null;
  if (track.secretToken === null && third !== undefined) return null;
  return { kind: 'track', track };
}

export function trackById(catalogue: Catalogue, id: number): SimTrack | undefined {
  return catalogue.tracks.find((t) => t.id === id);
}
