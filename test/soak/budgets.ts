// The retry budgets Cloudcue promises, checked against the simulator's request log: attempts per logical
// request, quiet inside a Retry-After or a bot check's pause, and stream grants per track per minute.
import { routeOf } from '../../electron/soundcloud/pauses';
import type { RequestRecord } from '../simulator/routes/control';

/** What the budgets read of the simulator's request log: its RequestRecord, without the headers. */
export type LoggedRequest = Omit<RequestRecord, 'headers'>;

export interface Budgets {
  /** Attempts at one URL, one after another, that main's HTTP client may make: 1 + its retries (http.ts). */
  mainAttempts: number;
  /** The same for the window's media requests (hls.js's fragment loads: 1 + errorRetry's maxNumRetry). */
  mediaAttempts: number;
  /** A failed attempt followed by another at the same URL within this long belongs to the same request. */
  chainGapMs: number;
  /** The Retry-After every `429-retry-after` fault names, in seconds. */
  retryAfterSeconds: number;
  /** The shortest pause a bot check sets on its route (pauses.ts: challengeBaseMs × [1, 2)). */
  challengePauseMs: number;
  /** Stream grants one track may be answered within a minute (grants.ts' BUDGET). */
  grantsPerMinute: number;
  /** Requests that left before the pause's answer came back may arrive this late. */
  inFlightMs: number;
}

export interface RouteFigures {
  route: string;
  requests: number;
  /** Answers replaced by an injected fault. */
  faults: number;
  /** Attempts that failed (5xx, reset, no answer; and 4xx at a media URL). */
  failed: number;
  /** The most attempts one request made, and its budget. */
  longestChain: number;
  chainBudget: number;
  /** Requests that arrived inside a Retry-After window of their host, or a bot check's pause of their route. */
  insidePause: number;
}

export interface BudgetReport {
  routes: RouteFigures[];
  /** The most grants answered for one track within a minute. */
  grantsPerMinute: number;
  violations: string[];
}

/** The hosts Chromium fetches media from (hls.js and the audio element), not main. */
const MEDIA_HOST = /(^|\.)(sndcdn\.com|media-streaming\.soundcloud\.cloud)$/;
const MAIN_MEDIA_EXCEPTIONS = new Set([
  'api.sndcdn.com',
  'a-v2.sndcdn.com',
  'wave.sndcdn.com',
  'i1.sndcdn.com',
]);
const CHALLENGES = new Set(['challenge', 'challenge-json', 'cloudfront-block', 'waf-202']);
const GRANT_PATH = /^\/media\/soundcloud:tracks:(\d+)\//;

export function isMediaHost(host: string): boolean {
  return MEDIA_HOST.test(host) && !MAIN_MEDIA_EXCEPTIONS.has(host);
}

/** Hosts whose paths are routes to main (the APIs and the pages); any other host counts as one route. */
const ROUTED_HOST = /(^|\.)soundcloud\.com$|^api\.sndcdn\.com$/;

/** The route a request counts under: main's own notion of a route (ids as `*`), or its host as a whole. */
export function routeKey(request: Pick<LoggedRequest, 'host' | 'path'>): string {
  if (isMediaHost(request.host)) return `${request.host} (media)`;
  if (!ROUTED_HOST.test(request.host)) return `${request.host}/*`;
  return routeOf(new URL(`https://${request.host}${request.path}`));
}

/**
 * A failed attempt: a 5xx, a connection closed without an answer, or none at all; at a media URL also a 4xx
 * (an expired signature), since asking the same URL again cannot get past it either.
 */
function failed(request: LoggedRequest): boolean {
  if (request.status === null || request.status === 0 || request.status >= 500) return true;
  return isMediaHost(request.host) && request.status >= 400;
}

const RESEND_MS = 250;

/** The longest run of attempts at one URL where each follows a failed one, per route. */
function chains(log: readonly LoggedRequest[], gapMs: number): Map<string, number> {
  const last = new Map<string, { at: number; failed: boolean; reset: boolean; length: number }>();
  const longest = new Map<string, number>();
  for (const request of log) {
    const url = `${request.method} ${request.host}${request.path}?${request.query}`;
    const before = last.get(url);
    const follows = before !== undefined && before.failed && request.time - before.at <= gapMs;
    // A socket reset at once answered by the same request again is the network stack sending it anew on a
    // fresh connection (Chromium does so for a kept-alive socket that died), not another attempt.
    const resent = follows && before.reset && request.time - before.at <= RESEND_MS;
    const length = follows ? before.length + (resent ? 0 : 1) : 1;
    last.set(url, { at: request.time, failed: failed(request), reset: request.status === 0, length });
    const route = routeKey(request);
    longest.set(route, Math.max(longest.get(route) ?? 0, length));
  }
  return longest;
}

/** Requests to a host inside a Retry-After it was given, or to a route inside a bot check's pause. */
function insidePauses(log: readonly LoggedRequest[], budgets: Budgets): Map<string, LoggedRequest[]> {
  const found = new Map<string, LoggedRequest[]>();
  const note = (request: LoggedRequest): void => {
    const route = routeKey(request);
    found.set(route, [...(found.get(route) ?? []), request]);
  };
  const quietFrom = (pause: LoggedRequest): number => pause.time + budgets.inFlightMs;
  for (const pause of log) {
    if (isMediaHost(pause.host)) continue;
    if (pause.fault === '429-retry-after') {
      const until = pause.time + budgets.retryAfterSeconds * 1000 - budgets.inFlightMs;
      for (const request of log) {
        if (request.host === pause.host && request.time > quietFrom(pause) && request.time < until)
          note(request);
      }
    } else if (pause.fault !== null && CHALLENGES.has(pause.fault)) {
      const route = routeKey(pause);
      const until = pause.time + budgets.challengePauseMs - budgets.inFlightMs;
      for (const request of log) {
        if (routeKey(request) === route && request.time > quietFrom(pause) && request.time < until)
          note(request);
      }
    }
  }
  return found;
}

/** The most answered grants of one track inside any minute. */
function worstGrantMinute(log: readonly LoggedRequest[]): number {
  const byTrack = new Map<string, number[]>();
  for (const request of log) {
    const track = GRANT_PATH.exec(request.path)?.[1];
    if (request.host !== 'api-v2.soundcloud.com' || track === undefined) continue;
    if (request.status === null || request.status < 200 || request.status >= 300) continue;
    byTrack.set(track, [...(byTrack.get(track) ?? []), request.time]);
  }
  let worst = 0;
  for (const times of byTrack.values()) {
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while ((times[end] ?? 0) - (times[start] ?? 0) >= 60_000) start += 1;
      worst = Math.max(worst, end - start + 1);
    }
  }
  return worst;
}

/** Every route's figures and every budget exceeded, from a log in arrival order. */
export function checkBudgets(unsorted: readonly LoggedRequest[], budgets: Budgets): BudgetReport {
  const log = [...unsorted].sort((a, b) => a.time - b.time);
  const longest = chains(log, budgets.chainGapMs);
  const paused = insidePauses(log, budgets);
  const routes = new Map<string, RouteFigures>();
  for (const request of log) {
    const route = routeKey(request);
    const figures = routes.get(route) ?? {
      route,
      requests: 0,
      faults: 0,
      failed: 0,
      longestChain: longest.get(route) ?? 0,
      chainBudget: isMediaHost(request.host) ? budgets.mediaAttempts : budgets.mainAttempts,
      insidePause: paused.get(route)?.length ?? 0,
    };
    figures.requests += 1;
    if (request.fault !== null) figures.faults += 1;
    if (failed(request)) figures.failed += 1;
    routes.set(route, figures);
  }
  const violations: string[] = [];
  for (const figures of routes.values()) {
    if (figures.longestChain > figures.chainBudget) {
      violations.push(
        `${figures.route}: ${figures.longestChain} attempts at one URL (budget ${figures.chainBudget})`,
      );
    }
    if (figures.insidePause > 0) {
      violations.push(`${figures.route}: ${figures.insidePause} requests inside a pause it was given`);
    }
  }
  const grantsPerMinute = worstGrantMinute(log);
  if (grantsPerMinute > budgets.grantsPerMinute) {
    violations.push(
      `stream grants: ${grantsPerMinute} for one track in a minute (budget ${budgets.grantsPerMinute})`,
    );
  }
  return {
    routes: [...routes.values()].sort((a, b) => b.requests - a.requests),
    grantsPerMinute,
    violations,
  };
}
