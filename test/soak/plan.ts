// What the soak does to the app: a fault on every route it uses, what it pastes, and when each event comes.
import type { CatalogueEntry } from '../simulator/routes/control';
import type { FaultKind, FaultSpec } from '../simulator/faults';

/** Seconds each injected Retry-After names. */
export const RETRY_AFTER_SECONDS = 4;

/** A rule of the table: a route (glob), a fault kind, and the fraction of the route's requests it answers. */
type Rule = readonly [route: string, kind: FaultKind, fraction: number];

/** The rules as the simulator takes them; a 429 with Retry-After names RETRY_AFTER_SECONDS, as the budgets expect. */
const specs = (rules: readonly Rule[]): FaultSpec[] =>
  rules.map(([route, kind, fraction]) =>
    kind === '429-retry-after'
      ? { route, kind, fraction, retryAfter: RETRY_AFTER_SECONDS }
      : { route, kind, fraction },
  );

/**
 * A fraction of every route's requests fails, each route with the faults SoundCloud shows there: rate limits,
 * 5xx, resets, hangs, cut JSON; bot checks on the routes DataDome guards, the home page and /resolve. Rules are
 * tried in order, so a route's fractions add up.
 */
export const FAULTS: readonly FaultSpec[] = specs([
  ['api-v2.soundcloud.com/resolve', '429-retry-after', 0.01],
  ['api-v2.soundcloud.com/resolve', '500', 0.03],
  ['api-v2.soundcloud.com/resolve', 'reset', 0.02],
  ['api-v2.soundcloud.com/resolve', 'truncated-json', 0.01],
  ['api-v2.soundcloud.com/resolve', 'hang', 0.003],
  // Not guarded by DataDome today, but the route the app uses most: where a bot check's pause shows.
  ['api-v2.soundcloud.com/resolve', 'challenge-json', 0.003],
  ['api-v2.soundcloud.com/resolve', '429', 0.005],
  ['api-v2.soundcloud.com/tracks', 'challenge-json', 0.01],
  ['api-v2.soundcloud.com/tracks', '503', 0.03],
  ['api-v2.soundcloud.com/tracks/*', '503', 0.03],
  ['api-v2.soundcloud.com/tracks/*', 'truncated-json', 0.01],
  ['api-v2.soundcloud.com/playlists*', 'waf-202', 0.02],
  ['api-v2.soundcloud.com/media/*', '500', 0.04],
  ['api-v2.soundcloud.com/media/*', 'reset', 0.03],
  ['api-v2.soundcloud.com/media/*', '429-retry-after', 0.01],
  ['api-v2.soundcloud.com/media/*', 'truncated-json', 0.02],
  ['api-v2.soundcloud.com/media/*', 'hang', 0.005],
  ['soundcloud.com/*', '503', 0.1],
  ['soundcloud.com/*', 'challenge', 0.03],
  ['a-v2.sndcdn.com/*', 'reset', 0.05],
  ['cf-hls-media.sndcdn.com/*', '503', 0.02],
  ['cf-hls-media.sndcdn.com/*', 'reset', 0.02],
  ['cf-hls-media.sndcdn.com/*', 'hang', 0.002],
  ['playback.media-streaming.soundcloud.cloud/*', '503', 0.02],
  ['playback.media-streaming.soundcloud.cloud/*', 'reset', 0.02],
  ['cf-media.sndcdn.com/*', '503', 0.02],
  ['cf-media.sndcdn.com/*', 'reset', 0.02],
  ['wave.sndcdn.com/*', '500', 0.1],
  ['i1.sndcdn.com/*', 'reset', 0.1],
]);

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
