// HTTP for the resolver: only HTTPS to SoundCloud's hosts (or the loopback CLOUDCUE_SC_ORIGIN), redirects
// checked hop by hop, connect and total timeouts, retries with backoff and jitter that honour Retry-After,
// one concurrency limit shared by all resolution, and bot-check pages recognised instead of parsed.
import pLimit, { type LimitFunction } from 'p-limit';
import { appError, type AppError, type ErrorCode } from '../../shared/errors';
import { toWireUrl } from './hosts';

/** A failure the user can be told about: one of the shared error codes, and the HTTP status if any. */
export class SoundCloudError extends Error {
  readonly code: ErrorCode;
  readonly status: number | null;
  constructor(error: AppError, status: number | null = null) {
    super(error.message);
    this.code = error.code;
    this.status = status;
  }
  toAppError(): AppError {
    return { code: this.code, message: this.message };
  }
}

export function fail(code: ErrorCode, message?: string, status: number | null = null): never {
  throw new SoundCloudError(appError(code, message), status);
}

export interface HttpRequestInit {
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Follow redirects (each hop checked like the first URL). Default true. */
  followRedirects?: boolean;
  /** Retries after a network error, a 429 or a 5xx. Default: the client's setting (0 for POST). */
  retries?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The URL finally answered, in its real `https://host/...` form. */
  url: string;
  text: string;
}

export interface JsonResponse {
  status: number;
  body: unknown;
  /** The response's Date header, for clock-skew correction. */
  date: string | null;
  url: string;
}

export interface Http {
  /**
   * One request. Any status comes back as it is, except that network failures, 429s and 5xx are retried
   * and, when retries run out, thrown (NETWORK, RATE_LIMITED, SERVER); a bot-check page is thrown at once.
   */
  request(url: string, init?: HttpRequestInit): Promise<HttpResponse>;
  /** A request whose answer must be 2xx JSON; other statuses are thrown as their error codes. */
  getJson(url: string, init?: HttpRequestInit): Promise<JsonResponse>;
}

export interface HttpOptions {
  /** CLOUDCUE_SC_ORIGIN, or null for the real service. */
  origin: string | null;
  /** Until the response headers arrive. */
  connectTimeoutMs?: number;
  /** For the whole request, body included. */
  totalTimeoutMs?: number;
  /** Requests in flight at once, across everything that shares this client. */
  concurrency?: number;
  retries?: number;
  /** Backoff: base × 2^attempt, at most max, times a jitter in [0.5, 1). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A Retry-After longer than this is not waited out: the request fails as RATE_LIMITED. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

const MAX_REDIRECTS = 5;
const RETRYABLE = new Set([429, 500, 502, 503, 504]);
/** SoundCloud's web pages refuse clients that do not look like a browser. */
export const BROWSER_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

const CHALLENGE = /captcha|challenge|verify (that )?you are (a )?human|are you a robot|access denied/i;

/** True for an HTML bot-check page where an API answer was expected. */
function isChallenge(status: number, headers: Headers, text: string): boolean {
  const html = (headers.get('content-type') ?? '').includes('text/html');
  return html && (status === 403 || status === 429 || status === 503) && CHALLENGE.test(text);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  // An HTTP date names a weekday and month; without letters, Date.parse reads values such as "1.5" or
  // "-5" as dates in some past year, and the wait would silently become 0.
  if (!/[a-z]/i.test(value)) return null;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

export function statusError(status: number): never {
  if (status === 404 || status === 410) fail('NOT_FOUND', undefined, status);
  if (status === 401 || status === 403) fail('UNAUTHORIZED', undefined, status);
  if (status === 429) fail('RATE_LIMITED', undefined, status);
  if (status >= 500) fail('SERVER', `SoundCloud answered ${status}. Try again later.`, status);
  fail('SERVER', `SoundCloud answered ${status}.`, status);
}

/**
 * Settles like `promise`, or rejects as soon as `signal` aborts: a fetch (or body read) that does not
 * honour its signal must still not hold a request, and its concurrency slot, forever.
 */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

/** Header names in lower case, so a caller's `Accept` replaces the default instead of joining it. */
function lowerCaseHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value;
  return result;
}

/** The request to make after a redirect from `from` to `to`. */
function redirected(init: HttpRequestInit, status: number, from: string, to: string): HttpRequestInit {
  let next = init;
  // As browsers do: a POST answered 301, 302 or 303 is followed with a GET, without the body.
  if (init.method === 'POST' && (status === 301 || status === 302 || status === 303)) {
    const { body: _body, ...rest } = init;
    next = { ...rest, method: 'GET' };
  }
  // Credentials belong to the host they were meant for; fetch drops them across origins for the same reason
  // (and a signed CDN URL may refuse a request that carries a second kind of authorisation).
  if (new URL(from).host !== new URL(to).host && next.headers !== undefined) {
    const { authorization: _authorization, cookie: _cookie, ...headers } = lowerCaseHeaders(next.headers);
    next = { ...next, headers };
  }
  return next;
}

export function createHttp(options: HttpOptions): Http {
  const doFetch = options.fetch ?? fetch;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 30_000;
  const defaultRetries = options.retries ?? 3;
  const backoffBaseMs = options.backoffBaseMs ?? 1_000;
  const backoffMaxMs = options.backoffMaxMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const limit: LimitFunction = pLimit(options.concurrency ?? 6);

  /** One exchange on the wire, holding a concurrency slot only while it talks to the server. */
  function exchange(wire: string, init: HttpRequestInit): Promise<{ response: Response; text: string }> {
    return limit(async () => {
      const connect = new AbortController();
      const timer = setTimeout(() => connect.abort(), connectTimeoutMs);
      const signal = AbortSignal.any([connect.signal, AbortSignal.timeout(totalTimeoutMs)]);
      try {
        const response = await abortable(
          doFetch(wire, {
            method: init.method ?? 'GET',
            redirect: 'manual',
            headers: { accept: 'application/json, text/plain, */*', ...lowerCaseHeaders(init.headers) },
            ...(init.body === undefined ? {} : { body: init.body }),
            signal,
          }),
          signal,
        );
        clearTimeout(timer);
        if (init.method === 'HEAD') {
          // An unread body would keep the connection busy until garbage collection.
          await response.body?.cancel().catch(() => undefined);
          return { response, text: '' };
        }
        const text = await abortable(response.text(), signal);
        return { response, text };
      } catch (error) {
        const timedOut = signal.aborted;
        fail('NETWORK', timedOut ? 'SoundCloud did not answer in time.' : undefined);
        throw error;
      } finally {
        clearTimeout(timer);
      }
    });
  }

  function backoff(attempt: number, response: Response | null): number {
    const asked = response === null ? null : retryAfterMs(response.headers.get('retry-after'), now());
    if (asked !== null) return asked;
    const exponential = Math.min(backoffMaxMs, backoffBaseMs * 2 ** attempt);
    return exponential * (0.5 + random() / 2);
  }

  /** One URL, retried as allowed; redirects are not followed here. */
  async function once(url: string, init: HttpRequestInit): Promise<{ response: Response; text: string }> {
    // Every URL, including one a response points to, is checked before a socket opens.
    const wire = toWireUrl(url, options.origin);
    if (wire === null) fail('SERVER', 'SoundCloud pointed to an address Cloudcue does not trust.');
    const retries = init.retries ?? (init.method === 'POST' ? 0 : defaultRetries);
    for (let attempt = 0; ; attempt++) {
      let answer: { response: Response; text: string } | null = null;
      let failure: unknown = null;
      try {
        answer = await exchange(wire, init);
      } catch (error) {
        failure = error;
      }
      if (answer !== null && isChallenge(answer.response.status, answer.response.headers, answer.text)) {
        // A bot check is not waited out or retried in a loop: the user is told, and can try later.
        fail(
          'UNAUTHORIZED',
          'SoundCloud refused the request (it asked for a human check). Try again later.',
          answer.response.status,
        );
      }
      const retryable = answer === null || RETRYABLE.has(answer.response.status);
      if (!retryable && answer !== null) return answer;
      const wait = backoff(attempt, answer?.response ?? null);
      if (attempt >= retries || wait > maxRetryAfterMs) {
        if (answer === null) throw failure;
        return answer;
      }
      await sleep(wait);
    }
  }

  async function request(url: string, firstInit: HttpRequestInit = {}): Promise<HttpResponse> {
    let target = url;
    let init = firstInit;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const { response, text } = await once(target, init);
      const location = response.headers.get('location');
      const redirect = response.status >= 300 && response.status < 400 && location !== null;
      if (!redirect || init.followRedirects === false) {
        if (response.status === 429) fail('RATE_LIMITED', undefined, 429);
        if (response.status >= 500) statusError(response.status);
        return { status: response.status, headers: response.headers, url: target, text };
      }
      let next: string;
      try {
        next = new URL(location, target).href;
      } catch {
        fail('SERVER', 'SoundCloud pointed to an address Cloudcue does not trust.');
      }
      init = redirected(init, response.status, target, next);
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

  return { request, getJson };
}
