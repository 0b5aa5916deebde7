// Stream grants as the service hands them out: reused while fresh, one request per track at a time, asked in
// playback's lane under a tight bound, and spent from a budget per track, so that a player stuck asking
// again and again for one track's stream (a link that looks expired the moment it arrives) cannot flood SoundCloud.
import { appError } from '../../shared/errors';
import type { StreamGrant } from '../../shared/ipc';
import { createGrantCache, createInflight, LRUCache } from './cache';
import { SoundCloudError } from './errors';
import { withRepeatBudget } from './repeat-budget';
import type { Http } from './http';

export interface GrantsOptions {
  http: Http;
  /** Asks the provider in use for a grant. */
  fetchGrant: (trackId: number, secretToken: string | null) => Promise<StreamGrant>;
  /** The format Settings prefer now: grants cached for another are not handed out. */
  preference: () => string;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The bound on one grant, its wait for a slot, pauses and retries included. */
  waitMs: number;
}

export interface GrantRequest {
  /** The grant in hand failed: ask SoundCloud again (within the track's budget). */
  fresh?: boolean;
  secretToken?: string;
}

/** Grants asked of SoundCloud for one track within WINDOW_MS: the first FREE go at once. */
const WINDOW_MS = 60_000;
const FREE = 2;
/**
 * Then each waits BASE × 2^k after the one before, at most MAX. Past BUDGET in the window, one waits for the
 * oldest to leave the window when that is at most MAX away (a track playing on URLs that keep dying is not
 * given up for a few seconds), else none is asked.
 */
const BASE_MS = 1_000;
const MAX_MS = 8_000;
const BUDGET = 6;
/**
 * A grant asked once the track's last one has served half its life, and at least this long, renews a URL that
 * worked rather than asking again in vain: it waits no backoff. Short-lived URLs (a few seconds) need one at
 * every seek or restart, and a backoff on those stood playback still for 1, 2, then 4 s.
 */
const SERVED_MS = 2_000;
/**
 * A renewal is still spent from the budget, so that no path asks more than BUDGET grants of one track a
 * minute, unless its URLs live under this long: renewed at half their life, those need more than BUDGET a
 * minute to play at all (SoundCloud's live for minutes; a renewal of those every 30 s or more fits the budget).
 */
const SHORT_LIFE_MS = (2 * WINDOW_MS) / BUDGET;

export function createGrants(options: GrantsOptions): {
  get(trackId: number, request?: GrantRequest): Promise<StreamGrant>;
} {
  const { http, now } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const cache = createGrantCache({ now });
  let cachedFor = options.preference();
  const granting = createInflight<number, StreamGrant>();
  /** When each of a track's recent grants was asked of SoundCloud. */
  const history = new LRUCache<number, number[]>({ max: 1_000 });
  /**
   * When each track's last grant will have served half its life (and SERVED_MS): asked after, a renewal; and
   * whether that grant was short-lived (SHORT_LIFE_MS), so that its renewal is outside the budget.
   */
  const servedAt = new LRUCache<number, { at: number; short: boolean }>({ max: 1_000 });

  /**
   * A request an ask repeats on its own (a grant's body cut short, a whole stream asked after a preview): another
   * grant at SoundCloud's end, so spent from the track's budget, and not made once that is spent.
   */
  function spendRepeat(trackId: number): boolean {
    const asked = (history.get(trackId) ?? []).filter((at) => now() - at < WINDOW_MS);
    if (asked.length >= BUDGET) return false;
    history.set(trackId, [...asked, now()]);
    return true;
  }

  /** How long the next request for `trackId` must wait, or null when the track's budget is spent. */
  function delayFor(trackId: number, renewal: boolean): number | null {
    const asked = (history.get(trackId) ?? []).filter((at) => now() - at < WINDOW_MS);
    history.set(trackId, asked);
    const count = asked.length;
    if (count >= BUDGET) {
      const wait = (asked[count - BUDGET] ?? 0) + WINDOW_MS - now();
      return wait <= MAX_MS ? wait : null;
    }
    if (count < FREE || renewal) return 0;
    const step = Math.min(MAX_MS, BASE_MS * 2 ** (count - FREE));
    return Math.max(0, (asked.at(-1) ?? 0) + step - now());
  }

  async function ask(trackId: number, secretToken: string | null): Promise<StreamGrant> {
    const served = servedAt.get(trackId);
    const renewal = served !== undefined && now() >= served.at;
    const unbudgeted = renewal && served.short;
    const delay = unbudgeted ? 0 : delayFor(trackId, renewal);
    if (delay === null) throw new SoundCloudError(appError('EXPIRED'));
    if (delay > 0) await sleep(delay);
    const askedAt = now();
    if (!unbudgeted) history.set(trackId, [...(history.get(trackId) ?? []), askedAt]);
    servedAt.delete(trackId);
    let grant: StreamGrant;
    try {
      grant = await http.withinMs(
        options.waitMs,
        () =>
          withRepeatBudget(
            () => spendRepeat(trackId),
            () => options.fetchGrant(trackId, secretToken),
          ),
        'playback',
      );
    } finally {
      // Counted from when the request was done with: one held in a queue reaches SoundCloud late, and the
      // window must hold at SoundCloud's end too.
      const done = now();
      if (!unbudgeted)
        history.set(
          trackId,
          (history.get(trackId) ?? []).map((at) => (at === askedAt ? done : at)),
        );
    }
    const halfLife = (grant.expiresAt - now()) / 2;
    if (halfLife >= SERVED_MS)
      servedAt.set(trackId, { at: now() + halfLife, short: 2 * halfLife < SHORT_LIFE_MS });
    cache.set(trackId, grant);
    return grant;
  }

  return {
    get(trackId, request = {}) {
      if (options.preference() !== cachedFor) {
        // A grant is for one format: none of another is handed out.
        cache.clear();
        cachedFor = options.preference();
      }
      if (request.fresh === true) cache.delete(trackId);
      const cached = cache.get(trackId);
      if (cached !== undefined) return Promise.resolve(cached);
      return granting(trackId, () => ask(trackId, request.secretToken ?? null));
    },
  };
}
