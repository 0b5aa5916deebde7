// The simulator's own catalogue: a few users and tracks with distinct tones.

export interface SimUser {
  id: number;
  username: string;
  permalink: string;
}

export interface SimTrack {
  id: number;
  title: string;
  user: SimUser;
  /** The last path segment of the permalink. */
  slug: string;
  durationMs: number;
  frequency: number;
  /** The stream id that names media files on the CDN hosts. */
  sid: string;
  /** Artwork id, or null when the track has none (the user's avatar stands in). */
  artwork: string | null;
  colour: readonly [number, number, number];
}

const nightOwl: SimUser = { id: 7001, username: 'Night Owl Radio', permalink: 'night-owl-radio' };
const tideLine: SimUser = { id: 7002, username: 'Tideline', permalink: 'tideline' };

export const TRACKS: readonly SimTrack[] = [
  {
    id: 310001,
    title: 'Lantern Hum',
    user: nightOwl,
    slug: 'lantern-hum',
    durationMs: 24_000,
    frequency: 440,
    sid: 'LnTrnHm0aB1c',
    artwork: '000310001-q1w2e3',
    colour: [222, 140, 60],
  },
  {
    id: 310002,
    title: 'Harbour Lights',
    user: tideLine,
    slug: 'harbour-lights',
    durationMs: 36_000,
    frequency: 554,
    sid: 'HrbrLgt2cD3e',
    artwork: '000310002-r4t5y6',
    colour: [60, 120, 200],
  },
  {
    id: 310003,
    title: 'Slow Current',
    user: tideLine,
    slug: 'slow-current',
    durationMs: 58_000,
    frequency: 330,
    sid: 'SlwCrnt4eF5g',
    artwork: null,
    colour: [90, 170, 120],
  },
];

export const USERS: readonly SimUser[] = [nightOwl, tideLine];

export function permalinkOf(track: SimTrack): string {
  return `https://soundcloud.com/${track.user.permalink}/${track.slug}`;
}
