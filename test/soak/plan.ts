// What the soak does to the app: a fault on every route it uses, what it pastes, and when each event comes.
import type { CatalogueEntry } from '../simulator/routes/control';
import type { FaultSpec } from '../simulator/faults';

/** Seconds each injected Retry-After names. */
export const RETRY_AFTER_SECONDS = 4;

/**
 * A fraction of every route's requests fails, each route with the faults SoundCloud shows there: rate limits,
 * 5xx, resets, hangs, cut JSON; bot checks on the routes DataDome guards, the home page and /resolve. Rules are
 * tried in order, so a route's fractions add up.
 */
export const FAULTS: readonly FaultSpec[] = [
  {
    route: 'api-v2.soundcloud.com/resolve',
    kind: '429-retry-after',
    fraction: 0.01,
    retryAfter: RETRY_AFTER_SECONDS,
  },
  { route: 'api-v2.soundcloud.com/resolve', kind: '500', fraction: 0.03 },
  { route: 'api-v2.soundcloud.com/resolve', kind: 'reset', fraction: 0.02 },
  { route: 'api-v2.soundcloud.com/resolve', kind: 'truncated-json', fraction: 0.01 },
  { route: 'api-v2.soundcloud.com/resolve', kind: 'hang', fraction: 0.003 },
  // Not guarded by DataDome today, but the route the app uses most: where a bot check's pause shows.
  { route: 'api-v2.soundcloud.com/resolve', kind: 'challenge-json', fraction: 0.003 },
  { route: 'api-v2.soundcloud.com/resolve', kind: '429', fraction: 0.005 },
  { route: 'api-v2.soundcloud.com/tracks', kind: 'challenge-json', fraction: 0.01 },
  { route: 'api-v2.soundcloud.com/tracks', kind: '503', fraction: 0.03 },
  { route: 'api-v2.soundcloud.com/tracks/*', kind: '503', fraction: 0.03 },
  { route: 'api-v2.soundcloud.com/tracks/*', kind: 'truncated-json', fraction: 0.01 },
  { route: 'api-v2.soundcloud.com/playlists*', kind: 'waf-202', fraction: 0.02 },
  { route: 'api-v2.soundcloud.com/media/*', kind: '500', fraction: 0.04 },
  { route: 'api-v2.soundcloud.com/media/*', kind: 'reset', fraction: 0.03 },
  {
    route: 'api-v2.soundcloud.com/media/*',
    kind: '429-retry-after',
    fraction: 0.01,
    retryAfter: RETRY_AFTER_SECONDS,
  },
  { route: 'api-v2.soundcloud.com/media/*', kind: 'truncated-json', fraction: 0.02 },
  { route: 'api-v2.soundcloud.com/media/*', kind: 'hang', fraction: 0.005 },
  { route: 'soundcloud.com/*', kind: '503', fraction: 0.1 },
  { route: 'soundcloud.com/*', kind: 'challenge', fraction: 0.03 },
  { route: 'a-v2.sndcdn.com/*', kind: 'reset', fraction: 0.05 },
  { route: 'cf-hls-media.sndcdn.com/*', kind: '503', fraction: 0.02 },
  { route: 'cf-hls-media.sndcdn.com/*', kind: 'reset', fraction: 0.02 },
  { route: 'cf-hls-media.sndcdn.com/*', kind: 'hang', fraction: 0.002 },
  { route: 'playback.media-streaming.soundcloud.cloud/*', kind: '503', fraction: 0.02 },
  { route: 'playback.media-streaming.soundcloud.cloud/*', kind: 'reset', fraction: 0.02 },
  { route: 'cf-media.sndcdn.com/*', kind: '503', fraction: 0.02 },
  { route: 'cf-media.sndcdn.com/*', kind: 'reset', fraction: 0.02 },
  { route: 'wave.sndcdn.com/*', kind: '500', fraction: 0.1 },
  { route: 'i1.sndcdn.com/*', kind: 'reset', fraction: 0.1 },
];

/** Every media URL the simulator signed stops working this often. */
export const EXPIRY_EVERY_MS = 5_000;

/** When each event comes, as a share of the run (the minute 2 of 10 is 0.2). */
export const AT = {
  baseline: 0.2,
  rotateClientId: 0.3,
  paste: 0.5,
  restart: 0.7,
} as const;

export const PASTE_SIZE = 1_000;

export interface Links {
  /** What the listener starts with: the ordinary featured tracks. */
  first: string[];
  /** The big paste: the simulator's extra tracks, and one link of each special role (with its reason). */
  paste: string[];
}

/** The links of both adds, from the catalogue of a simulator started with `--extra-tracks PASTE_SIZE`. */
export function linksOf(entries: readonly CatalogueEntry[]): Links {
  const tracks = entries.filter((e) => e.kind === 'track');
  const extra = tracks.slice(-PASTE_SIZE);
  const own = tracks.slice(0, -PASTE_SIZE);
  const first = own.filter((e) => e.role === null).slice(0, 20);
  const special = [...new Map(own.filter((e) => e.role !== null).map((e) => [e.role, e])).values()];
  const paste = [...special, ...extra].slice(0, PASTE_SIZE).map((e) => e.permalink);
  if (first.length === 0 || paste.length < PASTE_SIZE) throw new Error('the catalogue is too small to soak');
  return { first: first.map((e) => e.permalink), paste };
}
