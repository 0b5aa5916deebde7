// Pauses shared by every request: a 429 pauses its host, a bot check pauses its route, for everyone. Requests
// wait out a host's pause (or fail RATE_LIMITED when it outlasts their bound) and fail CHALLENGED at once on
// a paused route; the app is told when a pause begins, changes and ends.
import { appError, DEFAULT_MESSAGES } from '../../shared/errors';
import { SoundCloudError } from './errors';

export interface Pause {
  code: 'RATE_LIMITED' | 'CHALLENGED';
  /** Epoch milliseconds, on this process's clock. */
  until: number;
  message: string;
}

export interface PausesOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** A 429 that names no wait: base × 2^strike, at most max, times a jitter in [0.5, 1). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A bot check: base × 2^strike times a jitter in [1, 2), at most max. */
  challengeBaseMs: number;
  challengeMaxMs: number;
  /** Runs `run` after `ms` (to report a pause's end); returns a cancel function. */
  schedule?: (ms: number, run: () => void) => () => void;
}

export interface Pauses {
  /**
   * Resolves when a request to `url` may go: at once, or once its host's pause is over. Throws CHALLENGED
   * while its route is paused, and RATE_LIMITED when the host's pause outlasts `deadline`.
   */
  wait(url: URL, deadline: number): Promise<void>;
  /** Whether a request to `url` must not be sent now (checked again when it gets its turn). */
  isPaused(url: URL): boolean;
  /** A 429 to a request sent at `sentAt`; `askedMs` is the wait it named, if any. */
  rateLimited(url: URL, sentAt: number, askedMs: number | null): void;
  /** An answer that spent its host's quota: the host waits `ms` without counting a strike. */
  exhausted(url: URL, ms: number): void;
  /** A bot check answered a request sent at `sentAt`. */
  challenged(url: URL, sentAt: number): void;
  /** An ordinary answer: the host's and the route's backoff start again from the bottom. */
  succeeded(url: URL): void;
  /** The pause to show the user: the one that ends last, or null. */
  current(): Pause | null;
  /** Told of every change of current(); returns the unsubscribe function. */
  subscribe(listener: (pause: Pause | null) => void): () => void;
}

/** A route: host and path, with ids (numbers, `soundcloud:tracks:1` URNs, UUIDs) as `*`. */
export function routeOf(url: URL): string {
  const segments = url.pathname
    .split('/')
    .map((segment) =>
      /^\d+$/.test(segment) ||
      /^soundcloud(:|%3a)[a-z-]+(:|%3a)\d+$/i.test(segment) ||
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)
        ? '*'
        : segment,
    );
  return `${url.hostname}${segments.join('/')}`;
}

interface Backoff {
  /** Until when requests wait (or are refused); 0 when not paused. */
  until: number;
  /** Consecutive 429s or challenges since the last ordinary answer. */
  strikes: number;
  /** When the current pause was set: answers to requests sent before it belong to the same burst. */
  setAt: number;
}

/** "12 s", "4 min", "3 h": how long a pause still lasts, for the status line. */
function inWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

function defaultSchedule(ms: number, run: () => void): () => void {
  const timer = setTimeout(run, ms);
  // A pending notice must not keep a CLI run alive.
  timer.unref();
  return () => clearTimeout(timer);
}

export function createPauses(options: PausesOptions): Pauses {
  const { now, sleep, random } = options;
  const schedule = options.schedule ?? defaultSchedule;
  const hosts = new Map<string, Backoff>();
  const routes = new Map<string, Backoff>();
  const listeners = new Set<(pause: Pause | null) => void>();
  let reported: Pause | null = null;
  let cancelTimer: (() => void) | null = null;

  const entry = (map: Map<string, Backoff>, key: string): Backoff => {
    let found = map.get(key);
    if (found === undefined) {
      found = { until: 0, strikes: 0, setAt: -Infinity };
      map.set(key, found);
    }
    return found;
  };

  function latest(map: Map<string, Backoff>): number {
    let until = 0;
    for (const backoff of map.values()) until = Math.max(until, backoff.until);
    return until > now() ? until : 0;
  }

  function current(): Pause | null {
    const limited = latest(hosts);
    const challenged = latest(routes);
    if (limited === 0 && challenged === 0) return null;
    if (challenged >= limited) {
      return { code: 'CHALLENGED', until: challenged, message: DEFAULT_MESSAGES.CHALLENGED };
    }
    const message = `SoundCloud asks Cloudcue to slow down; resuming in ${inWords(limited - now())}.`;
    return { code: 'RATE_LIMITED', until: limited, message };
  }

  /** Tells the listeners when the pause shown changes, and looks again when it ends. */
  function report(): void {
    const pause = current();
    const same =
      (pause === null && reported === null) ||
      (pause !== null &&
        reported !== null &&
        pause.code === reported.code &&
        Math.abs(pause.until - reported.until) < 1000);
    if (!same) {
      reported = pause;
      for (const listener of listeners) {
        // A listener that fails (a window gone) must not fail the request that changed the pause.
        try {
          listener(pause);
        } catch (error) {
          console.error('pause listener failed', error);
        }
      }
    }
    cancelTimer?.();
    cancelTimer = pause === null ? null : schedule(Math.max(0, pause.until - now()) + 1, report);
  }

  /** Extends a pause to `until`; a strike is counted unless the request belongs to the burst already seen. */
  function extend(
    backoff: Backoff,
    sentAt: number,
    strike: boolean,
    wait: (strikes: number) => number,
  ): void {
    if (strike && sentAt > backoff.setAt) backoff.strikes += 1;
    const until = now() + wait(Math.max(1, backoff.strikes));
    if (until <= backoff.until) return;
    backoff.until = until;
    backoff.setAt = now();
    report();
  }

  const routePaused = (url: URL): boolean => (routes.get(routeOf(url))?.until ?? 0) > now();
  const hostUntil = (url: URL): number => hosts.get(url.hostname)?.until ?? 0;

  return {
    async wait(url, deadline) {
      for (;;) {
        if (routePaused(url)) throw new SoundCloudError(appError('CHALLENGED'), 403);
        const until = hostUntil(url);
        if (until <= now()) return;
        // Waiting is pointless when the pause ends after the request must have given up.
        if (until > deadline) throw new SoundCloudError(appError('RATE_LIMITED'), 429);
        await sleep(until - now());
      }
    },

    isPaused: (url) => routePaused(url) || hostUntil(url) > now(),

    rateLimited(url, sentAt, askedMs) {
      extend(entry(hosts, url.hostname), sentAt, true, (strikes) => {
        // A server that asks for no wait at all is still given a moment, so that a loop cannot form.
        if (askedMs !== null) return Math.max(askedMs, 250);
        const step = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** (strikes - 1));
        return step * (0.5 + random() / 2);
      });
    },

    exhausted(url, ms) {
      extend(entry(hosts, url.hostname), now(), false, () => ms);
    },

    challenged(url, sentAt) {
      extend(entry(routes, routeOf(url)), sentAt, true, (strikes) =>
        Math.min(options.challengeMaxMs, options.challengeBaseMs * 2 ** (strikes - 1) * (1 + random())),
      );
    },

    succeeded(url) {
      const host = hosts.get(url.hostname);
      if (host !== undefined && host.until <= now()) host.strikes = 0;
      const route = routes.get(routeOf(url));
      if (route !== undefined && route.until <= now()) route.strikes = 0;
    },

    current,

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
