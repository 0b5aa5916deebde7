// Covers electron/soundcloud/http.ts: URL checks, redirects, retries and backoff, timeouts, the concurrency
// limit, bot-check pages and status mapping, with an injected fetch, and each simulator fault kind end to end.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_USER_AGENT,
  createHttp,
  retryAfterMs,
  type HttpOptions,
} from '../../electron/soundcloud/http';
import type { ErrorCode } from '../../shared/errors';
import { permalinkOf } from '../simulator/catalogue';
import { startSimulator, type Simulator } from '../simulator/server';
import { failure } from '../helpers/errors';

interface FetchCall {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
}

type Answer = Response | Error | 'never';

/**
 * A fetch that answers from `answers` in order (an Error rejects, 'never' never settles) and records what
 * it was asked. An Error standing for a network failure is thrown as fetch does: a TypeError.
 */
function fakeFetch(answers: (Answer | (() => Answer))[]): { fetch: typeof fetch; calls: FetchCall[] } {
  const calls: FetchCall[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    calls.push({
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : null,
    });
    const next = answers[calls.length - 1];
    const answer = typeof next === 'function' ? next() : next;
    if (answer === undefined) return Promise.reject(new Error(`unexpected fetch #${calls.length}`));
    if (answer === 'never') return new Promise<Response>(() => undefined);
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve(answer);
  };
  return { fetch: fetchFn, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const redirect = (location: string, status = 302): Response =>
  new Response(null, { status, headers: { location } });

const netError = (): Error => new TypeError('fetch failed');

/** Options with a recorded, instant sleep and a fixed jitter, so backoff is visible and costs no time. */
function instant(
  fetchFn: typeof fetch,
  extra: Partial<HttpOptions> = {},
): { options: HttpOptions; sleeps: number[] } {
  const sleeps: number[] = [];
  const options: HttpOptions = {
    origin: null,
    fetch: fetchFn,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    now: () => Date.parse('2026-02-01T12:00:00Z'),
    ...extra,
  };
  return { options, sleeps };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('createHttp: which URLs may be fetched', () => {
  it('returns the parsed body, status, Date header and URL', async () => {
    const date = 'Tue, 14 Nov 2023 22:13:20 GMT';
    const fake = fakeFetch([json({ a: 1 }, 200, { date })]);
    const http = createHttp(instant(fake.fetch).options);
    await expect(http.getJson('https://api-v2.soundcloud.com/x')).resolves.toEqual({
      status: 200,
      body: { a: 1 },
      date,
      url: 'https://api-v2.soundcloud.com/x',
    });
    expect(fake.calls.map((c) => c.url)).toEqual(['https://api-v2.soundcloud.com/x']);
  });

  it('rewrites every URL as ORIGIN/<host>/<path>?<query> when an origin is set', async () => {
    const fake = fakeFetch([json({})]);
    const http = createHttp(instant(fake.fetch, { origin: 'http://127.0.0.1:9' }).options);
    const response = await http.getJson('https://api-v2.soundcloud.com/resolve?url=x&client_id=c');
    expect(fake.calls.map((c) => c.url)).toEqual([
      'http://127.0.0.1:9/api-v2.soundcloud.com/resolve?url=x&client_id=c',
    ]);
    // Callers see the real URL, never the loopback one.
    expect(response.url).toBe('https://api-v2.soundcloud.com/resolve?url=x&client_id=c');
  });

  it.each([
    'https://example.com/x',
    'http://api-v2.soundcloud.com/x',
    'https://soundcloud.com.evil.com/x',
    'https://api-v2.soundcloud.com:8443/x',
    'https://user:pw@api-v2.soundcloud.com/x',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s before fetching anything', async (url) => {
    const fake = fakeFetch([json({})]);
    const http = createHttp(instant(fake.fetch).options);
    const error = await failure(http.request(url));
    expect(error.code).toBe('SERVER');
    expect(error.message).toMatch(/does not trust/);
    expect(fake.calls).toEqual([]);
  });

  it('sends a JSON Accept header by default, and a caller header replaces it whatever its case', async () => {
    const fake = fakeFetch([json({}), json({})]);
    const http = createHttp(instant(fake.fetch).options);
    await http.request('https://api-v2.soundcloud.com/x');
    await http.request('https://soundcloud.com/', { headers: { Accept: 'text/html' } });
    expect(fake.calls[0]?.headers.get('accept')).toContain('application/json');
    expect(fake.calls[1]?.headers.get('accept')).toBe('text/html');
  });

  it('asks fetch not to follow redirects itself', async () => {
    const seen: RequestInit[] = [];
    const http = createHttp({
      origin: null,
      fetch: (_input, init) => {
        if (init !== undefined) seen.push(init);
        return Promise.resolve(json({}));
      },
    });
    await http.request('https://api-v2.soundcloud.com/x');
    expect(seen.map((i) => i.redirect)).toEqual(['manual']);
  });
});

describe('createHttp: redirects', () => {
  it('follows a redirect to another SoundCloud host through the origin and returns the final URL', async () => {
    const fake = fakeFetch([redirect('https://api.soundcloud.com/tracks/1?client_id=c'), json({ id: 1 })]);
    const http = createHttp(instant(fake.fetch, { origin: 'http://127.0.0.1:9' }).options);
    const response = await http.getJson('https://api.sndcdn.com/resolve?url=x');
    expect(response.body).toEqual({ id: 1 });
    expect(response.url).toBe('https://api.soundcloud.com/tracks/1?client_id=c');
    expect(fake.calls.map((c) => c.url)).toEqual([
      'http://127.0.0.1:9/api.sndcdn.com/resolve?url=x',
      'http://127.0.0.1:9/api.soundcloud.com/tracks/1?client_id=c',
    ]);
  });

  it('resolves a relative Location against the real URL, not the loopback one', async () => {
    const fake = fakeFetch([redirect('/night-owl/lantern', 301), json({})]);
    const http = createHttp(instant(fake.fetch, { origin: 'http://127.0.0.1:9' }).options);
    const response = await http.request('https://m.soundcloud.com/x');
    expect(response.url).toBe('https://m.soundcloud.com/night-owl/lantern');
    expect(fake.calls[1]?.url).toBe('http://127.0.0.1:9/m.soundcloud.com/night-owl/lantern');
  });

  it.each([
    'https://evil.example/tracks/1',
    'https://soundcloud.com.evil.com/tracks/1',
    'http://api.soundcloud.com/tracks/1',
    'https://api.soundcloud.com:8443/tracks/1',
    'https://user@api.soundcloud.com/tracks/1',
    'http://169.254.169.254/latest/meta-data/',
    'file:///etc/passwd',
    'http://[::1',
  ])('refuses a redirect to %s before fetching it', async (location) => {
    const fake = fakeFetch([redirect(location), json({ leaked: true })]);
    const http = createHttp(instant(fake.fetch).options);
    const error = await failure(http.getJson('https://api.sndcdn.com/resolve?url=x'));
    expect(error.code).toBe('SERVER');
    expect(error.message).toMatch(/does not trust/);
    expect(fake.calls.map((c) => c.url)).toEqual(['https://api.sndcdn.com/resolve?url=x']);
  });

  it('gives up after five redirects', async () => {
    const loop = (): Response => redirect('https://api.sndcdn.com/again');
    const fake = fakeFetch(Array.from({ length: 10 }, () => loop));
    const http = createHttp(instant(fake.fetch).options);
    const error = await failure(http.getJson('https://api.sndcdn.com/start'));
    expect(error.code).toBe('SERVER');
    expect(error.message).toMatch(/too many/);
    expect(fake.calls).toHaveLength(6);
  });

  it('returns the 3xx itself with followRedirects: false', async () => {
    const fake = fakeFetch([redirect('https://soundcloud.com/a/one?si=x')]);
    const http = createHttp(instant(fake.fetch).options);
    const response = await http.request('https://on.soundcloud.com/abc', { followRedirects: false });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://soundcloud.com/a/one?si=x');
    expect(response.url).toBe('https://on.soundcloud.com/abc');
    expect(fake.calls).toHaveLength(1);
  });

  it('does not check a Location it does not follow', async () => {
    const fake = fakeFetch([redirect('https://evil.example/')]);
    const http = createHttp(instant(fake.fetch).options);
    const response = await http.request('https://on.soundcloud.com/abc', { followRedirects: false });
    expect(response.headers.get('location')).toBe('https://evil.example/');
  });

  it('keeps credentials on the same host and drops them when a redirect leaves it', async () => {
    const fake = fakeFetch([
      redirect('https://api.soundcloud.com/tracks/2'),
      redirect('https://cf-media.sndcdn.com/a.mp3'),
      new Response('audio'),
    ]);
    const http = createHttp(instant(fake.fetch).options);
    await http.request('https://api.soundcloud.com/tracks/1', {
      headers: { Authorization: 'OAuth secret', 'user-agent': 'x' },
    });
    expect(fake.calls.map((c) => c.headers.get('authorization'))).toEqual([
      'OAuth secret',
      'OAuth secret',
      null,
    ]);
    expect(fake.calls[2]?.headers.get('user-agent')).toBe('x');
  });

  it('follows a POST answered 303 with a GET without the body', async () => {
    const fake = fakeFetch([redirect('https://secure.soundcloud.com/done', 303), json({ ok: true })]);
    const http = createHttp(instant(fake.fetch).options);
    await http.request('https://secure.soundcloud.com/oauth/token', { method: 'POST', body: 'a=b' });
    expect(fake.calls.map((c) => [c.method, c.body])).toEqual([
      ['POST', 'a=b'],
      ['GET', null],
    ]);
  });
});

describe('createHttp: retries and backoff', () => {
  it('retries network errors with exponential backoff and jitter', async () => {
    const fake = fakeFetch([netError(), netError(), netError(), json({ ok: true })]);
    const { options, sleeps } = instant(fake.fetch, { backoffBaseMs: 100 });
    const http = createHttp(options);
    await expect(http.getJson('https://api-v2.soundcloud.com/x')).resolves.toMatchObject({ status: 200 });
    // base × 2^attempt × (0.5 + random / 2), with random fixed at 0.5.
    expect(sleeps).toEqual([75, 150, 300]);
    expect(fake.calls).toHaveLength(4);
  });

  it('draws the jitter between half and all of the exponential step, and caps the step', async () => {
    const draws = [0, 0.999, 0, 0.999];
    const fake = fakeFetch([netError(), netError(), netError(), netError(), json({})]);
    const { options, sleeps } = instant(fake.fetch, {
      backoffBaseMs: 1_000,
      backoffMaxMs: 3_000,
      retries: 4,
      random: () => draws.shift() ?? 0,
    });
    await createHttp(options).request('https://api-v2.soundcloud.com/x');
    expect(sleeps[0]).toBe(500);
    expect(sleeps[1]).toBeCloseTo(1_999, 0);
    expect(sleeps[2]).toBe(1_500);
    expect(sleeps[3]).toBeCloseTo(2_998.5, 0);
  });

  it.each([429, 500, 502, 503, 504])('retries a %i and returns the answer that follows', async (status) => {
    const fake = fakeFetch([json({ error: 'x' }, status), json({ ok: true })]);
    const { options, sleeps } = instant(fake.fetch, { backoffBaseMs: 10 });
    const response = await createHttp(options).getJson('https://api-v2.soundcloud.com/x');
    expect(response.body).toEqual({ ok: true });
    expect(sleeps).toEqual([7.5]);
  });

  it.each<[string, () => Answer, ErrorCode]>([
    ['429', () => json({ error: 'Rate Limit Exceeded' }, 429), 'RATE_LIMITED'],
    ['500', () => json({ error: 'x' }, 500), 'SERVER'],
    [
      '503',
      () => new Response('<h1>503</h1>', { status: 503, headers: { 'content-type': 'text/html' } }),
      'SERVER',
    ],
    ['network error', netError, 'NETWORK'],
  ])('gives up after the retries on a lasting %s with %s', async (_label, answer, code) => {
    const fake = fakeFetch([answer, answer, answer]);
    const { options, sleeps } = instant(fake.fetch, { retries: 2, backoffBaseMs: 10 });
    const error = await failure(createHttp(options).request('https://api-v2.soundcloud.com/x'));
    expect(error.code).toBe(code);
    expect(fake.calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('honours Retry-After in seconds', async () => {
    const fake = fakeFetch([json({}, 429, { 'retry-after': '2' }), json({ ok: true })]);
    const { options, sleeps } = instant(fake.fetch);
    await createHttp(options).getJson('https://api-v2.soundcloud.com/x');
    expect(sleeps).toEqual([2_000]);
  });

  it('honours Retry-After as an HTTP date, against the injected clock', async () => {
    const now = Date.parse('2026-02-01T12:00:00Z');
    const later = new Date(now + 5_000).toUTCString();
    const fake = fakeFetch([json({}, 503, { 'retry-after': later }), json({ ok: true })]);
    const { options, sleeps } = instant(fake.fetch, { now: () => now });
    await createHttp(options).getJson('https://api-v2.soundcloud.com/x');
    expect(sleeps).toEqual([5_000]);
  });

  it('gives up at once with RATE_LIMITED when Retry-After is longer than maxRetryAfterMs', async () => {
    const fake = fakeFetch([json({}, 429, { 'retry-after': '120' }), json({ ok: true })]);
    const { options, sleeps } = instant(fake.fetch, { maxRetryAfterMs: 60_000 });
    const error = await failure(createHttp(options).getJson('https://api-v2.soundcloud.com/x'));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(sleeps).toEqual([]);
    expect(fake.calls).toHaveLength(1);
  });

  it('falls back to exponential backoff when Retry-After is not a number or a date', async () => {
    const fake = fakeFetch([json({}, 429, { 'retry-after': '1.5' }), json({ ok: true })]);
    const { options, sleeps } = instant(fake.fetch, { backoffBaseMs: 100 });
    await createHttp(options).getJson('https://api-v2.soundcloud.com/x');
    expect(sleeps).toEqual([75]);
  });

  it('does not retry a POST unless asked to', async () => {
    const once = fakeFetch([json({}, 503), json({ ok: true })]);
    const error = await failure(
      createHttp(instant(once.fetch).options).request('https://secure.soundcloud.com/oauth/token', {
        method: 'POST',
        body: 'grant_type=client_credentials',
      }),
    );
    expect(error.code).toBe('SERVER');
    expect(once.calls).toHaveLength(1);

    const twice = fakeFetch([json({}, 503), json({ ok: true })]);
    const response = await createHttp(instant(twice.fetch).options).request(
      'https://secure.soundcloud.com/oauth/token',
      { method: 'POST', body: 'grant_type=client_credentials', retries: 1 },
    );
    expect(response.status).toBe(200);
    expect(twice.calls.map((c) => c.body)).toEqual([
      'grant_type=client_credentials',
      'grant_type=client_credentials',
    ]);
  });

  it('lets one request ask for fewer retries than the client default', async () => {
    const fake = fakeFetch([netError(), json({ ok: true })]);
    const error = await failure(
      createHttp(instant(fake.fetch).options).request('https://api-v2.soundcloud.com/x', { retries: 0 }),
    );
    expect(error.code).toBe('NETWORK');
    expect(fake.calls).toHaveLength(1);
  });

  it('does not retry other statuses, and returns them from request() as they are', async () => {
    const fake = fakeFetch([json({ errors: [] }, 404)]);
    const { options, sleeps } = instant(fake.fetch);
    const response = await createHttp(options).request('https://api-v2.soundcloud.com/x');
    expect(response.status).toBe(404);
    expect(sleeps).toEqual([]);
  });
});

describe('createHttp: timeouts', () => {
  it('gives up on a fetch that never answers after connectTimeoutMs, with NETWORK', async () => {
    // This fetch honours its abort signal, as the real one does.
    const honouring: typeof fetch = (_input, init) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const http = createHttp({ origin: null, fetch: honouring, connectTimeoutMs: 30, retries: 0 });
    const started = Date.now();
    const error = await failure(http.request('https://api-v2.soundcloud.com/x'));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('gives up even when fetch ignores its abort signal', async () => {
    const fake = fakeFetch(['never']);
    const http = createHttp({ origin: null, fetch: fake.fetch, connectTimeoutMs: 30, retries: 0 });
    const error = await failure(http.request('https://api-v2.soundcloud.com/x'));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/did not answer in time/);
  });

  it('gives up on a body that never ends after totalTimeoutMs', async () => {
    const endless = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"partial":'));
      },
    });
    const fake = fakeFetch([new Response(endless, { headers: { 'content-type': 'application/json' } })]);
    const http = createHttp({
      origin: null,
      fetch: fake.fetch,
      connectTimeoutMs: 1_000,
      totalTimeoutMs: 60,
      retries: 0,
    });
    const error = await failure(http.getJson('https://api-v2.soundcloud.com/x'));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/did not answer in time/);
  });

  it('retries a request that timed out', async () => {
    const fake = fakeFetch(['never', json({ ok: true })]);
    const { options, sleeps } = instant(fake.fetch, { connectTimeoutMs: 20, backoffBaseMs: 10 });
    const response = await createHttp(options).getJson('https://api-v2.soundcloud.com/x');
    expect(response.body).toEqual({ ok: true });
    expect(sleeps).toHaveLength(1);
  });
});

describe('createHttp: the concurrency limit', () => {
  it('keeps at most N fetches in flight, and runs them all', async () => {
    let inFlight = 0;
    let most = 0;
    const gates: { resolve: (value: Response) => void }[] = [];
    const fetchFn: typeof fetch = () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      const gate = deferred<Response>();
      gates.push(gate);
      return gate.promise.then((response) => {
        inFlight -= 1;
        return response;
      });
    };
    const http = createHttp({ origin: null, fetch: fetchFn, concurrency: 3 });
    const all = Promise.all(
      Array.from({ length: 10 }, (_, i) => http.getJson(`https://api-v2.soundcloud.com/tracks/${i}`)),
    );
    // Release the gates one by one as they appear, so queued requests get their turn.
    for (let released = 0; released < 10; released++) {
      await waitFor(() => gates.length > released);
      expect(inFlight).toBeLessThanOrEqual(3);
      gates[released]?.resolve(json({ n: released }));
    }
    const answers = await all;
    expect(answers).toHaveLength(10);
    expect(most).toBe(3);
  });

  it('frees the slot while a retry waits, so other requests go ahead', async () => {
    const order: string[] = [];
    const wait = deferred<undefined>();
    const fetchFn: typeof fetch = (input) => {
      const url = String(input);
      order.push(url);
      if (url.endsWith('/a') && order.filter((u) => u.endsWith('/a')).length === 1) {
        return Promise.resolve(json({}, 503));
      }
      return Promise.resolve(json({ url }));
    };
    const http = createHttp({
      origin: null,
      fetch: fetchFn,
      concurrency: 1,
      sleep: () => wait.promise,
      random: () => 0.5,
    });
    const a = http.getJson('https://api-v2.soundcloud.com/a');
    await waitFor(() => order.length === 1);
    const b = await http.getJson('https://api-v2.soundcloud.com/b');
    expect(b.body).toEqual({ url: 'https://api-v2.soundcloud.com/b' });
    wait.resolve(undefined);
    await a;
    expect(order.map((u) => u.slice(-1))).toEqual(['a', 'b', 'a']);
  });
});

/** Polls until `condition` holds (the fake fetch is reached through promise chains and p-limit). */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  if (!condition()) throw new Error('condition never held');
}

describe('createHttp: bot checks and status mapping', () => {
  const challengePage = (status: number): Response =>
    new Response(
      '<html><head><title>Verify you are human</title></head><body>Please verify you are a human</body></html>',
      { status, headers: { 'content-type': 'text/html; charset=utf-8' } },
    );

  it.each([403, 429, 503])(
    'reports a %i challenge page as UNAUTHORIZED "refused", without retrying',
    async (status) => {
      const fake = fakeFetch([challengePage(status), json({ ok: true })]);
      const { options, sleeps } = instant(fake.fetch);
      const error = await failure(createHttp(options).request('https://api-v2.soundcloud.com/x'));
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.message).toMatch(/refused/);
      expect(error.status).toBe(status);
      expect(fake.calls).toHaveLength(1);
      expect(sleeps).toEqual([]);
    },
  );

  it('returns an ordinary 403 from request(), which is not a challenge', async () => {
    const fake = fakeFetch([json({ errors: [{ error_message: '403 - Forbidden' }] }, 403)]);
    const response = await createHttp(instant(fake.fetch).options).request('https://api-v2.soundcloud.com/x');
    expect(response.status).toBe(403);
  });

  it.each<[number, ErrorCode]>([
    [400, 'SERVER'],
    [401, 'UNAUTHORIZED'],
    [403, 'UNAUTHORIZED'],
    [404, 'NOT_FOUND'],
    [410, 'NOT_FOUND'],
    [429, 'RATE_LIMITED'],
    [500, 'SERVER'],
    [503, 'SERVER'],
  ])('getJson maps HTTP %i to %s and keeps the status', async (status, code) => {
    const answer = json({ errors: [{ error_message: `${status}` }] }, status);
    const fake = fakeFetch([answer, answer.clone(), answer.clone(), answer.clone()]);
    const error = await failure(
      createHttp(instant(fake.fetch).options).getJson('https://api-v2.soundcloud.com/x'),
    );
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });

  it('getJson maps a 2xx that is not JSON to SERVER', async () => {
    const fake = fakeFetch([new Response('<html></html>', { status: 200 })]);
    const error = await failure(
      createHttp(instant(fake.fetch).options).getJson('https://api-v2.soundcloud.com/x'),
    );
    expect(error.code).toBe('SERVER');
    expect(error.message).toMatch(/not JSON/);
  });

  it('reads no body for HEAD', async () => {
    const fake = fakeFetch([new Response('body', { status: 200 })]);
    const response = await createHttp(instant(fake.fetch).options).request(
      'https://api-v2.soundcloud.com/x',
      {
        method: 'HEAD',
      },
    );
    expect(response.text).toBe('');
    expect(fake.calls[0]?.method).toBe('HEAD');
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-02-01T12:00:00Z');

  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs(' 7 ', now)).toBe(7_000);
    expect(retryAfterMs('Sun, 01 Feb 2026 12:00:30 GMT', now)).toBe(30_000);
    // A date already past means "now".
    expect(retryAfterMs('Sun, 01 Feb 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('gives null for anything else', () => {
    for (const value of [null, '', 'soon', '1.5', '-5', '2e3']) expect(retryAfterMs(value, now)).toBeNull();
  });
});

describe('createHttp against the simulator, one test per fault kind', () => {
  let sim: Simulator;
  let url: string;
  const ROUTE = 'api-v2.soundcloud.com/resolve';

  /** A client on the simulator with instant, recorded backoff and a short connect timeout. */
  function client(extra: Partial<HttpOptions> = {}): {
    http: ReturnType<typeof createHttp>;
    sleeps: number[];
  } {
    const sleeps: number[] = [];
    const http = createHttp({
      origin: sim.origin,
      connectTimeoutMs: 300,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      ...extra,
    });
    return { http, sleeps };
  }

  const hits = (): number => sim.requests.filter((r) => `${r.host}${r.path}` === ROUTE).length;

  beforeAll(async () => {
    sim = await startSimulator();
    const track = sim.catalogue.tracks.find((t) => t.role === null);
    if (track === undefined) throw new Error('the simulator has no ordinary track');
    url = `https://api-v2.soundcloud.com/resolve?url=${encodeURIComponent(permalinkOf(track))}&client_id=${sim.clientId}`;
  });

  afterEach(() => {
    sim.clearFaults();
    sim.requests.length = 0;
  });

  afterAll(async () => {
    await sim.close();
  });

  it('answers without faults', async () => {
    const response = await client().http.getJson(url);
    expect(response.body).toMatchObject({ kind: 'track' });
  });

  it('429: retried with backoff, then RATE_LIMITED when it lasts', async () => {
    sim.addFault({ route: ROUTE, kind: '429', count: 2 });
    const ok = client();
    await expect(ok.http.getJson(url)).resolves.toMatchObject({ status: 200 });
    expect(ok.sleeps).toHaveLength(2);

    sim.addFault({ route: ROUTE, kind: '429' });
    const error = await failure(client({ retries: 1 }).http.getJson(url));
    expect(error.code).toBe('RATE_LIMITED');
  });

  it('429-retry-after: waits what the server asks', async () => {
    sim.addFault({ route: ROUTE, kind: '429-retry-after', retryAfter: 3, count: 1 });
    const { http, sleeps } = client();
    await expect(http.getJson(url)).resolves.toMatchObject({ status: 200 });
    expect(sleeps).toEqual([3_000]);
  });

  it('500: retried, then SERVER when it lasts', async () => {
    sim.addFault({ route: ROUTE, kind: '500', count: 1 });
    await expect(client().http.getJson(url)).resolves.toMatchObject({ status: 200 });
    expect(hits()).toBe(2);

    sim.addFault({ route: ROUTE, kind: '500' });
    const error = await failure(client({ retries: 1 }).http.getJson(url));
    expect(error.code).toBe('SERVER');
    expect(error.status).toBe(500);
  });

  it('503: an HTML error page that is not a challenge is retried', async () => {
    sim.addFault({ route: ROUTE, kind: '503', count: 2 });
    const { http, sleeps } = client();
    await expect(http.getJson(url)).resolves.toMatchObject({ status: 200 });
    expect(sleeps).toHaveLength(2);
  });

  it('reset: a dropped connection is a NETWORK error, retried', async () => {
    sim.addFault({ route: ROUTE, kind: 'reset', count: 1 });
    await expect(client().http.getJson(url)).resolves.toMatchObject({ status: 200 });

    sim.addFault({ route: ROUTE, kind: 'reset', count: 1 });
    const error = await failure(client({ retries: 0 }).http.getJson(url));
    expect(error.code).toBe('NETWORK');
  });

  it('hang: gives up after the connect timeout, and a retry gets through', async () => {
    sim.addFault({ route: ROUTE, kind: 'hang', count: 1 });
    const error = await failure(client({ retries: 0, connectTimeoutMs: 100 }).http.getJson(url));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/did not answer in time/);

    sim.addFault({ route: ROUTE, kind: 'hang', count: 1 });
    await expect(client({ connectTimeoutMs: 100 }).http.getJson(url)).resolves.toMatchObject({
      status: 200,
    });
  });

  it('truncated-json: a 200 cut short is SERVER "not JSON", and not retried here', async () => {
    sim.addFault({ route: ROUTE, kind: 'truncated-json', count: 1 });
    const error = await failure(client().http.getJson(url));
    expect(error.code).toBe('SERVER');
    expect(error.message).toMatch(/not JSON/);
    expect(hits()).toBe(1);
  });

  it('challenge: UNAUTHORIZED "refused", asked once', async () => {
    sim.addFault({ route: ROUTE, kind: 'challenge', count: 5 });
    const { http, sleeps } = client();
    const error = await failure(http.getJson(url, { headers: { 'user-agent': BROWSER_USER_AGENT } }));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/refused/);
    expect(sleeps).toEqual([]);
    expect(hits()).toBe(1);
  });
});
