// One HTTP exchange on the wire: the request's headers (a browser's, and the cookies of its real host),
// connect and total deadlines that hold even against a fetch that ignores its signal, and the body read
// under a size cap.
import { answerKind, ANSWER_CAPS, readCapped } from './body';
import { fail, SoundCloudError } from './errors';
import { browserHeaders, type CookieStore } from './browser';

export interface ExchangeInit {
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface Exchanged {
  response: Response;
  text: string;
}

export interface ExchangeOptions {
  fetch: typeof fetch;
  /**
   * 'node': Node's fetch, dressed as Chrome (headers, a cookie jar). 'chromium': Electron's network stack,
   * whose own User-Agent, client hints and cookies are sent instead of ours.
   */
  identity: 'node' | 'chromium';
  cookies: CookieStore | null;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
}

/** Header names in lower case, so a caller's `Accept` replaces the default instead of joining it. */
export function lowerCaseHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value;
  return result;
}

/**
 * Settles like `promise`, or rejects as soon as `signal` aborts: a fetch that does not honour its signal must
 * still not hold a request, and its concurrency slot, forever.
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

/** The headers of a request to `real` (its https form), in the order they override one another. */
async function headersFor(
  real: URL,
  init: ExchangeInit,
  options: ExchangeOptions,
): Promise<Record<string, string>> {
  const caller = lowerCaseHeaders(init.headers);
  const accept = { accept: 'application/json, text/plain, */*' };
  let headers: Record<string, string>;
  if (options.identity === 'chromium') {
    // Chromium's User-Agent matches its TLS fingerprint and client hints; a claimed one would not.
    const { 'user-agent': _userAgent, ...rest } = caller;
    headers = { ...accept, ...rest };
  } else {
    headers = { ...accept, ...browserHeaders(real), ...caller };
  }
  const cookie = caller.cookie === undefined ? await options.cookies?.header(real.href) : null;
  if (cookie) headers.cookie = cookie;
  return headers;
}

/**
 * Sends one request to `wire` (what is dialled) for `real` (what it stands for) and reads the answer (null: not
 * sent, as `limits.mayStillSend` said no), within `limits`: the connect timeout (or the lane's tighter one)
 * until the headers, the total one (or the caller's tighter deadline) until the last byte of the body, and
 * the size cap of its kind of answer. Both deadlines are timers the exchange owns and clears: an
 * AbortSignal.timeout nothing holds on to may be collected before it fires, and a server that trickles its
 * body would then hold a slot of the shared limit for ever.
 */
export async function exchange(
  wire: string,
  real: URL,
  init: ExchangeInit,
  options: ExchangeOptions,
  limits: { totalMs?: number; connectMs?: number; maxBytes?: number; mayStillSend?: () => boolean } = {},
): Promise<Exchanged | null> {
  const headers = await headersFor(real, init, options);
  // Asked again once the headers are ready, just before the request leaves: an answer read meanwhile (a bot
  // check that paused the route) must stop a request that would go out into its pause.
  if (limits.mayStillSend?.() === false) return null;
  const deadline = new AbortController();
  const expire = (): void => deadline.abort(new Error('deadline'));
  const totalMs = Math.max(0, Math.min(options.totalTimeoutMs, limits.totalMs ?? Infinity));
  const connectMs = Math.min(options.connectTimeoutMs, limits.connectMs ?? Infinity, totalMs);
  const connectTimer = setTimeout(expire, connectMs);
  const totalTimer = setTimeout(expire, totalMs);
  const signal = deadline.signal;
  try {
    const response = await abortable(
      options.fetch(wire, {
        method: init.method ?? 'GET',
        redirect: 'manual',
        headers,
        ...(init.body === undefined ? {} : { body: init.body }),
        signal,
      }),
      signal,
    );
    clearTimeout(connectTimer);
    if (init.method === 'HEAD') {
      // An unread body would keep the connection busy until garbage collection.
      await response.body?.cancel().catch(() => undefined);
      return { response, text: '' };
    }
    const text = await readCapped(response, limits.maxBytes ?? ANSWER_CAPS[answerKind(real)], signal);
    return { response, text };
  } catch (error) {
    // An answer too large is the server's fault, not the network's: it is not retried.
    if (error instanceof SoundCloudError) throw error;
    return fail('NETWORK', signal.aborted ? 'SoundCloud did not answer in time.' : undefined);
  } finally {
    clearTimeout(connectTimer);
    clearTimeout(totalTimer);
    // Whatever is still streaming in (a body given up on) is cut off with the request.
    if (!signal.aborted) deadline.abort(new Error('done'));
  }
}

/** The request to make after a redirect from `from` to `to`. */
export function redirected<T extends ExchangeInit>(init: T, status: number, from: string, to: string): T {
  let next = init;
  // As browsers do: a POST answered 301, 302 or 303 is followed with a GET, without the body.
  if (init.method === 'POST' && (status === 301 || status === 302 || status === 303)) {
    const { body: _body, ...rest } = init;
    // The same init without its body: T's other fields are kept as they were.
    next = { ...rest, method: 'GET' } as T;
  }
  // Credentials belong to the host they were meant for; fetch drops them across origins for the same reason
  // (and a signed CDN URL may refuse a request that carries a second kind of authorisation).
  if (new URL(from).host !== new URL(to).host && next.headers !== undefined) {
    const { authorization: _authorization, cookie: _cookie, ...headers } = lowerCaseHeaders(next.headers);
    next = { ...next, headers };
  }
  return next;
}
