// HTTP for the resolver: only HTTPS to SoundCloud's hosts (or the loopback CLOUDCUE_SC_ORIGIN), redirects
// checked hop by hop, one concurrency limit for every request where playback goes first, pauses shared by all
// requests (a 429 pauses its host, a bot check its route), retries with backoff for network errors and 5xx,
// deadlines and size caps on every answer, and bot checks reported.
import { AsyncLocalStorage } from 'node:async_hooks';
import { BOT_CHECK_COOKIE, createCookieJar, HOME_PAGE, isGuarded, type CookieStore } from './browser';
import { isChallenge, setCookiesOf } from './challenge';
import { fail, SoundCloudError, statusError } from './errors';
import { exchange, redirected, type Exchanged } from './exchange';
import type { Http, HttpRequestInit, HttpResponse, JsonResponse } from './http-types';
import { toWireUrl } from './hosts';
import { createLimiter, type Lane } from './limiter';
import { createPauses } from './pauses';
import { askedWaitMs, exhaustedForMs, retryAfterMs } from './rate-signals';

export { SoundCloudError, fail, statusError } from './errors';
export { BROWSER_USER_AGENT } from './browser';
export { retryAfterMs } from './rate-signals';
export type { Pause } from './pauses';
export type { Lane } from './limiter';
export type { Http, HttpRequestInit, HttpResponse, JsonResponse } from './http-types';

export interface HttpOptions {
  /** CLOUDCUE_SC_ORIGIN, or null for the real service. */
  origin: string | null;
  /** The fetch to use: Node's (the default), or Chromium's network stack in the app. */
  fetch?: typeof fetch;
  /** 'node' (default): dress Node's fetch as Chrome. 'chromium': the fetch is Chromium's own. */
  identity?: 'node' | 'chromium';
  /** Cookies by real host. Default for 'node': a jar in memory; for 'chromium': none (the session keeps them). */
  cookies?: CookieStore | null;
  /** Until the response headers arrive. */
  connectTimeoutMs?: number;
  /**
   * Until the response headers arrive, for playback's lane (stream grants): a listener is waiting, and a
   * request that hangs is given up and made again sooner.
   */
  playbackConnectTimeoutMs?: number;
  /** For the whole exchange, from the request to the body's last byte. */
  totalTimeoutMs?: number;
  /** Requests in flight at once, across everything that shares this client. */
  concurrency?: number;
  retries?: number;
  /** Backoff after network errors, 5xx and 429s naming no wait: base × 2^attempt, at most max, × [0.5, 1). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A bot check pauses its route for base × 2^strike × [1, 2), at most max. */
  challengeBaseMs?: number;
  challengeMaxMs?: number;
  /** How long a request may spend waiting out 429 pauses before it fails RATE_LIMITED (see withinMs). */
  waitBoundMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Runs a function later (to report the end of a pause); returns a cancel function. */
  schedule?: (ms: number, run: () => void) => () => void;
}

const MAX_REDIRECTS = 5;
const RETRYABLE = new Set([500, 502, 503, 504]);
/**
 * Metadata may wait minutes for SoundCloud's limit to pass: the queue fills in late rather than failing.
 * (A stream grant is bound far tighter by the service, so that playback is told within seconds.)
 */
export const DEFAULT_WAIT_BOUND_MS = 5 * 60_000;
/**
 * A grant's first byte: SoundCloud answers one in well under a second; a request still without headers after
 * this long is hung (a dropped packet, an overloaded edge), and another is likelier to answer than it is.
 */
export const PLAYBACK_CONNECT_TIMEOUT_MS = 4_000;
/** A failed home-page visit is not repeated for this long. */
const VISIT_INTERVAL_MS = 60_000;

/** An answer, and what it means for the pauses. */
interface Classified extends Exchanged {
  verdict: 'challenge' | 'rate-limited' | 'answer';
}

export function createHttp(options: HttpOptions): Http {
  const identity = options.identity ?? 'node';
  const cookies =
    options.cookies === undefined ? (identity === 'node' ? createCookieJar() : null) : options.cookies;
  const exchangeOptions = {
    fetch: options.fetch ?? fetch,
    identity,
    cookies,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    totalTimeoutMs: options.totalTimeoutMs ?? 30_000,
  };
  const playbackConnectMs = options.playbackConnectTimeoutMs ?? PLAYBACK_CONNECT_TIMEOUT_MS;
  const defaultRetries = options.retries ?? 3;
  const backoffBaseMs = options.backoffBaseMs ?? 1_000;
  const backoffMaxMs = options.backoffMaxMs ?? 30_000;
  const waitBoundMs = options.waitBoundMs ?? DEFAULT_WAIT_BOUND_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const limiter = createLimiter(options.concurrency ?? 6);
  const pauses = createPauses({
    now,
    sleep,
    random,
    backoffBaseMs,
    backoffMaxMs,
    challengeBaseMs: options.challengeBaseMs ?? 30_000,
    challengeMaxMs: options.challengeMaxMs ?? 15 * 60_000,
    ...(options.schedule === undefined ? {} : { schedule: options.schedule }),
  });
  /** The deadline (epoch ms) and lane of the work under way, set by withinMs. */
  const bounds = new AsyncLocalStorage<{ deadline: number; lane: Lane }>();
  let visiting: Promise<void> | null = null;
  let lastVisit = -Infinity;

  /**
   * Before a guarded api-v2 route, a browser would have the bot check's cookie from a visit to soundcloud.com:
   * without one, the home page is visited once (however many requests want it at the same time).
   */
  async function ensureBotCookie(real: URL): Promise<void> {
    if (cookies === null || !isGuarded(real)) return;
    if (await cookies.has(BOT_CHECK_COOKIE, real.href)) return;
    if (visiting === null && now() - lastVisit >= VISIT_INTERVAL_MS) {
      lastVisit = now();
      visiting = request(HOME_PAGE, { retries: 0 })
        .then(() => undefined)
        // Without the cookie the request is still made: the bot check, if any, is reported then.
        .catch(() => undefined)
        .finally(() => (visiting = null));
    }
    if (visiting !== null) await visiting;
  }

  /**
   * One exchange in a slot of the shared limit, or null when a pause began while it waited for the slot. A
   * 429 or a bot check pauses its host or route before the slot is given up, so that no request queued
   * behind it goes out into a pause already known.
   */
  function inTurn(wire: string, real: URL, init: HttpRequestInit): Promise<Classified | null> {
    // Work bound by withinMs (a stream grant) cuts an exchange at its deadline; the default wait bound,
    // minutes long and meant for pauses, leaves each exchange its own.
    const bound = bounds.getStore()?.deadline;
    const lane = bounds.getStore()?.lane ?? 'metadata';
    return limiter.run(lane, async () => {
      // A slot is freed by an answer whose reader then works on it (parses it, tells the window) before the
      // loop reads the next socket: a 429 already received waited behind that work while each freed slot sent
      // another request into its pause. One turn of the loop first, so what has arrived is read before sending.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (pauses.isPaused(real)) return null;
      const late = init.urlAtSend?.();
      if (late === null) return null;
      const sentAt = now();
      const answer = await exchange(late === undefined ? wire : wireOf(late), real, init, exchangeOptions, {
        ...(bound === undefined ? {} : { totalMs: bound - sentAt }),
        ...(lane === 'playback' ? { connectMs: playbackConnectMs } : {}),
        ...(init.maxBytes === undefined ? {} : { maxBytes: init.maxBytes }),
        mayStillSend: () => !pauses.isPaused(real),
      });
      if (answer === null) return null;
      const { response, text } = answer;
      init.onStatus?.(response.status);
      if (isChallenge(response.status, response.headers, text)) {
        pauses.challenged(real, sentAt);
        return { ...answer, verdict: 'challenge' };
      }
      if (response.status === 429) {
        pauses.rateLimited(real, sentAt, askedWaitMs(response.headers, text, now()));
        return { ...answer, verdict: 'rate-limited' };
      }
      const exhausted = exhaustedForMs(response.headers, now());
      if (exhausted !== null) pauses.exhausted(real, exhausted);
      if (!RETRYABLE.has(response.status)) pauses.succeeded(real);
      return { ...answer, verdict: 'answer' };
    });
  }

  function backoff(attempt: number, response: Response | null): number {
    const asked = response === null ? null : retryAfterMs(response.headers.get('retry-after'), now());
    if (asked !== null) return asked;
    const exponential = Math.min(backoffMaxMs, backoffBaseMs * 2 ** attempt);
    return exponential * (0.5 + random() / 2);
  }

  /** Every URL, including one a response points to, is checked before a socket opens. */
  function wireOf(url: string): string {
    const wire = toWireUrl(url, options.origin);
    return wire ?? fail('SERVER', 'SoundCloud pointed to an address Cloudcue does not trust.');
  }

  /** One URL, retried as allowed; redirects are not followed here. */
  async function once(url: string, init: HttpRequestInit, deadline: number): Promise<Exchanged> {
    const wire = wireOf(url);
    const real = new URL(url);
    const retries = init.retries ?? (init.method === 'POST' ? 0 : defaultRetries);
    for (let attempt = 0; ;) {
      await pauses.wait(real, deadline);
      await ensureBotCookie(real);
      await init.ready?.();
      let answer: Classified | null = null;
      let failure: unknown = null;
      try {
        answer = await inTurn(wire, real, init);
        if (answer === null) continue;
      } catch (error) {
        // Only the network's failures may pass on another try; an answer too large would come back as large.
        if (error instanceof SoundCloudError && error.code !== 'NETWORK') throw error;
        failure = error;
      }
      if (answer?.verdict === 'challenge') {
        // The cookie a challenge hands out marks this client as flagged until a captcha is solved, which
        // Cloudcue cannot do: it is dropped, so that a later visit to soundcloud.com gets a fresh one. The
        // request is not made again: asked again at once, a bot check only grows stricter.
        await cookies?.forget(BOT_CHECK_COOKIE, real.href);
        fail('CHALLENGED', undefined, answer.response.status);
      }
      if (answer !== null) await cookies?.keep(real.href, setCookiesOf(answer.response.headers));
      if (answer?.verdict === 'rate-limited') {
        // A POST is sent again only when its caller allows it (a token request must not be repeated).
        if (init.method !== 'POST' || retries > 0) continue;
        fail('RATE_LIMITED', undefined, 429);
      }
      if (answer !== null && !RETRYABLE.has(answer.response.status)) return answer;
      const wait = backoff(attempt, answer?.response ?? null);
      if (attempt >= retries || now() + wait > deadline) {
        if (answer === null) throw failure;
        return answer;
      }
      attempt += 1;
      await sleep(wait);
    }
  }

  async function request(url: string, firstInit: HttpRequestInit = {}): Promise<HttpResponse> {
    const deadline = bounds.getStore()?.deadline ?? now() + waitBoundMs;
    let target = url;
    let init = firstInit;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const { response, text } = await once(target, init, deadline);
      const location = response.headers.get('location');
      const redirect = response.status >= 300 && response.status < 400 && location !== null;
      if (!redirect || init.followRedirects === false) {
        if (response.status >= 500) statusError(response.status);
        return { status: response.status, headers: response.headers, url: target, text };
      }
      let next: string;
      try {
        next = new URL(location, target).href;
      } catch {
        fail('SERVER', 'SoundCloud pointed to an address Cloudcue does not trust.');
      }
      // The next hop is the URL the answer names, as it is.
      const { urlAtSend: _urlAtSend, ready: _ready, onStatus: _onStatus, ...plain } = init;
      init = redirected(plain, response.status, target, next);
      target = next;
    }
    fail('SERVER', 'SoundCloud redirected too many times.');
  }

  async function getJson(url: string, init: HttpRequestInit = {}): Promise<JsonResponse> {
    const response = await request(url, init);
    if (response.status < 200 || response.status >= 300) statusError(response.status);
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      fail('SERVER', 'SoundCloud answered with something that is not JSON.', response.status);
    }
    return { status: response.status, body, date: response.headers.get('date'), url: response.url };
  }

  return {
    request,
    getJson,
    withinMs(ms, work, lane) {
      // Nested bounds keep the tighter deadline, and playback's lane once any of them asked for it.
      const outer = bounds.getStore();
      const deadline = Math.min(outer?.deadline ?? Infinity, now() + ms);
      return bounds.run({ deadline, lane: lane ?? outer?.lane ?? 'metadata' }, work);
    },
    pause: () => pauses.current(),
    onPause: (listener) => pauses.subscribe(listener),
  };
}
