// Covers electron/soundcloud/http.ts and its parts (exchange, pauses, challenge, browser, rate-signals): URL
// checks, redirects, retries, timeouts, the shared limit and playback's lane in it, answers too large, 429
// pauses shared by every request, bot checks and their route pauses, status reports, browser headers and the
// cookie jar, with an injected fetch and a virtual clock; and each simulator fault kind, and its default bot
// check, end to end.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_USER_AGENT,
  createHttp,
  retryAfterMs,
  type HttpOptions,
  type Pause,
} from '../../electron/soundcloud/http';
import { routeOf } from '../../electron/soundcloud/pauses';
import { parseResetTime } from '../../electron/soundcloud/rate-signals';
import type { ErrorCode } from '../../shared/errors';
import { permalinkOf } from '../simulator/catalogue';
import { useSimulator } from '../helpers/simulator';
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

const START = Date.parse('2026-02-01T12:00:00Z');

/**
 * Options with a virtual clock that only a sleep moves, a recorded instant sleep and a fixed jitter, so
 * waits are visible and cost no time.
 */
function instant(
  fetchFn: typeof fetch,
  extra: Partial<HttpOptions> = {},
): { options: HttpOptions; sleeps: number[]; clock: { now: number } } {
  const sleeps: number[] = [];
  const clock = { now: START };
  const options: HttpOptions = {
    origin: null,
    fetch: fetchFn,
    sleep: (ms) => {
      sleeps.push(ms);
      clock.now += ms;
      return Promise.resolve();
    },
    random: () => 0.5,
    now: () => clock.now,
    schedule: () => () => undefined,
    ...extra,
  };
  return { options, sleeps, clock };
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

  it('gives up at once with RATE_LIMITED when Retry-After is longer than the wait bound', async () => {
    const fake = fakeFetch([json({}, 429, { 'retry-after': '120' }), json({ ok: true })]);
    const { options, sleeps } = instant(fake.fetch, { waitBoundMs: 60_000 });
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

  it('gives a hung request of playback’s lane (a stream grant) up sooner, metadata’s at connectTimeoutMs', async () => {
    const honouring: typeof fetch = (_input, init) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const http = createHttp({
      origin: null,
      fetch: honouring,
      connectTimeoutMs: 400,
      playbackConnectTimeoutMs: 30,
      retries: 0,
    });
    const timed = async (lane: 'playback' | 'metadata') => {
      const started = Date.now();
      const error = await failure(
        http.withinMs(5_000, () => http.request('https://api-v2.soundcloud.com/x'), lane),
      );
      expect(error.code).toBe('NETWORK');
      return Date.now() - started;
    };
    expect(await timed('playback')).toBeLessThan(300);
    expect(await timed('metadata')).toBeGreaterThanOrEqual(390);
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

describe('createHttp: playback goes first', () => {
  it("sends work in playback's lane in the first slot to free, ahead of metadata queued before it", async () => {
    const gates: { url: string; open: () => void }[] = [];
    const fetchFn: typeof fetch = (input) => {
      const url = String(input);
      return new Promise<Response>((resolve) => gates.push({ url, open: () => resolve(json({ url })) }));
    };
    const http = createHttp({ origin: null, fetch: fetchFn, concurrency: 2 });
    const paste = Array.from({ length: 20 }, (_, i) => http.getJson(`${API}/resolve?n=${i}`));
    await waitFor(() => gates.length === 2);
    const grant = http.withinMs(20_000, () => http.getJson(`${API}/media/1/stream`), 'playback');
    gates[0]?.open();
    await waitFor(() => gates.length === 3);
    expect(gates.map((g) => g.url)).toEqual([
      `${API}/resolve?n=0`,
      `${API}/resolve?n=1`,
      `${API}/media/1/stream`,
    ]);
    gates[2]?.open();
    await expect(grant).resolves.toMatchObject({ body: { url: `${API}/media/1/stream` } });
    // Metadata goes on in order, never more than two at once.
    for (let released = 1; released < 20; released++) {
      const url = `${API}/resolve?n=${released}`;
      await waitFor(() => gates.some((g) => g.url === url));
      expect(gates.filter((g) => g.url.includes('/resolve')).length).toBeLessThanOrEqual(released + 2);
      gates.find((g) => g.url === url)?.open();
    }
    expect(await Promise.all(paste)).toHaveLength(20);
  });

  it('does not ask again for an answer too large to read', async () => {
    const large = (): Response =>
      new Response('x'.repeat(2_048), { headers: { 'content-type': 'text/plain' } });
    const fake = fakeFetch([large, large, large]);
    const { options, sleeps } = instant(fake.fetch, { retries: 2 });
    const error = await failure(createHttp(options).getJson(`${API}/x`, { maxBytes: 1_024 }));
    expect(error).toMatchObject({ code: 'SERVER', message: 'SoundCloud sent an answer too large to read.' });
    expect(fake.calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

/** Polls until `condition` holds (the fake fetch is reached through promise chains and the shared limit). */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  if (!condition()) throw new Error('condition never held');
}

describe('createHttp: status mapping', () => {
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
    // A lasting 429 is waited out until the bound, kept short here.
    const error = await failure(
      createHttp(instant(fake.fetch, { waitBoundMs: 1_000 }).options).getJson(
        'https://api-v2.soundcloud.com/x',
      ),
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

// --- 429s: one pause per host, shared by every request --------------------------------------------------

const API = 'https://api-v2.soundcloud.com';

describe('createHttp: rate limits pause the host for everyone', () => {
  it.each<[string, () => Response, number]>([
    ['Retry-After in seconds', () => json({}, 429, { 'retry-after': '7' }), 7_000],
    [
      'Retry-After as a date',
      () => json({}, 429, { 'retry-after': new Date(START + 12_000).toUTCString() }),
      12_000,
    ],
    [
      "the official API's reset_time",
      () => json({ code: 429, reset_time: '2026/02/01 12:00:20 +0000', remaining_requests: 0 }, 429),
      20_000,
    ],
    ['reset_time in ISO 8601', () => json({ reset_time: '2026-02-01T12:00:09Z' }, 429), 9_000],
    ['x-ratelimit-reset in seconds', () => json({}, 429, { 'x-ratelimit-reset': '4' }), 4_000],
    [
      'x-ratelimit-reset as an epoch',
      () => json({}, 429, { 'x-ratelimit-reset': String(START / 1000 + 6) }),
      6_000,
    ],
  ])('waits what %s asks, then resumes', async (_label, answer, wait) => {
    const fake = fakeFetch([answer(), json({ ok: true })]);
    const { options, sleeps } = instant(fake.fetch);
    await expect(createHttp(options).getJson(`${API}/x`)).resolves.toMatchObject({ body: { ok: true } });
    expect(sleeps).toEqual([wait]);
    expect(fake.calls).toHaveLength(2);
  });

  it('waits out the plain-text "Please slow down." with backoff growing from 1 s to 30 s', async () => {
    const slowDown = (): Response =>
      new Response('Please slow down.', { status: 429, headers: { 'content-type': 'text/plain' } });
    const fake = fakeFetch([...Array.from({ length: 7 }, () => slowDown), json({ ok: true })]);
    const { options, sleeps } = instant(fake.fetch);
    await expect(createHttp(options).getJson(`${API}/x`)).resolves.toMatchObject({ body: { ok: true } });
    // 1 s × 2^strike, at most 30 s, times the jitter (0.75 with random fixed at 0.5).
    expect(sleeps).toEqual([750, 1_500, 3_000, 6_000, 12_000, 22_500, 22_500]);
  });

  it('fails RATE_LIMITED only once the wait would pass the bound, without another request', async () => {
    const fake = fakeFetch(Array.from({ length: 20 }, () => () => json({}, 429)));
    const { options, sleeps, clock } = instant(fake.fetch, { waitBoundMs: 10_000 });
    const error = await failure(createHttp(options).getJson(`${API}/x`));
    expect(error.code).toBe('RATE_LIMITED');
    // 750 + 1500 + 3000 ms waited; the next pause (6 s) would end past 10 s.
    expect(sleeps).toEqual([750, 1_500, 3_000]);
    expect(fake.calls).toHaveLength(4);
    expect(clock.now - START).toBeLessThanOrEqual(10_000);
  });

  it('lets work bind its requests tighter (a stream grant): a 30 s pause fails a 20 s bound at once', async () => {
    const fake = fakeFetch([json({}, 429, { 'retry-after': '30' }), json({ ok: true })]);
    const { options, sleeps } = instant(fake.fetch);
    const http = createHttp(options);
    const error = await failure(http.withinMs(20_000, () => http.getJson(`${API}/a`)));
    expect(error.code).toBe('RATE_LIMITED');
    expect(sleeps).toEqual([]);
    // Outside the bound, the same pause is waited out.
    await expect(http.getJson(`${API}/b`)).resolves.toMatchObject({ body: { ok: true } });
    expect(sleeps).toEqual([30_000]);
  });

  it('sends nothing into a known pause: 300 requests after a 429 with Retry-After 61 wait, then all go', async () => {
    const wire: string[] = [];
    const held = deferred<undefined>();
    const fetchFn: typeof fetch = async (input) => {
      const sent = wire.push(String(input));
      // Six on the wire together; the first is answered 429, the others a little later.
      if (sent <= 6) await held.promise;
      return sent === 1 ? json({}, 429, { 'retry-after': '61' }) : json({ ok: true });
    };
    const clock = { now: START };
    const woken: (() => void)[] = [];
    const http = createHttp({
      origin: null,
      fetch: fetchFn,
      now: () => clock.now,
      random: () => 0.5,
      schedule: () => () => undefined,
      sleep: (ms) =>
        new Promise<void>((resolve) =>
          woken.push(() => {
            clock.now = Math.max(clock.now, START + ms);
            resolve();
          }),
        ),
    });
    const all = Promise.all(Array.from({ length: 300 }, (_, i) => http.getJson(`${API}/tracks/${i}`)));
    await waitFor(() => wire.length === 6);
    held.resolve(undefined);
    await waitFor(() => woken.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Only the six already on the wire with the first went: the other 294 wait for the pause to end.
    expect(wire).toHaveLength(6);
    expect(http.pause()).toMatchObject({ code: 'RATE_LIMITED', until: START + 61_000 });
    // Another host is not paused.
    await expect(http.getJson('https://api.soundcloud.com/x')).resolves.toMatchObject({ status: 200 });
    while (woken.length > 0) {
      for (const wake of woken.splice(0)) wake();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await all).toHaveLength(300);
    expect(wire.filter((url) => url.startsWith(API))).toHaveLength(301);
  });

  it('pauses a host whose answer spent its quota (x-ratelimit-remaining: 0), without failing it', async () => {
    const fake = fakeFetch([
      json({ n: 1 }, 200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '15' }),
      json({ n: 2 }),
    ]);
    const { options, sleeps } = instant(fake.fetch);
    const http = createHttp(options);
    await expect(http.getJson(`${API}/a`)).resolves.toMatchObject({ body: { n: 1 } });
    await expect(http.getJson(`${API}/b`)).resolves.toMatchObject({ body: { n: 2 } });
    expect(sleeps).toEqual([15_000]);
  });

  it('counts the 429s of one burst once: requests in flight when the pause began do not lengthen it', async () => {
    const gate = deferred<undefined>();
    let calls = 0;
    const fetchFn: typeof fetch = async () => {
      calls += 1;
      if (calls <= 4) {
        await gate.promise;
        return json({}, 429);
      }
      return json({ ok: true });
    };
    const { options, sleeps } = instant(fetchFn);
    const http = createHttp(options);
    const all = Promise.all([1, 2, 3, 4].map((i) => http.getJson(`${API}/tracks/${i}`)));
    await waitFor(() => calls === 4);
    gate.resolve(undefined);
    await all;
    // One strike (750 ms), not four (750, 1500, 3000, 6000).
    expect(Math.max(...sleeps)).toBe(750);
  });

  it('does not send a POST again after a 429 unless its caller allows it, but still pauses the host', async () => {
    const fake = fakeFetch([json({}, 429, { 'retry-after': '3' }), json({ ok: true })]);
    const { options, sleeps } = instant(fake.fetch);
    const http = createHttp(options);
    const error = await failure(
      http.request('https://secure.soundcloud.com/oauth/token', { method: 'POST', body: 'a=b' }),
    );
    expect(error.code).toBe('RATE_LIMITED');
    expect(fake.calls).toHaveLength(1);
    await http.request('https://secure.soundcloud.com/other');
    expect(sleeps).toEqual([3_000]);
  });
});

describe('createHttp: status reports', () => {
  it('reports a pause when it begins and changes, and null when it ends', async () => {
    const fake = fakeFetch([
      json({}, 429, { 'retry-after': '5' }),
      json({}, 429, { 'retry-after': '20' }),
      json({ ok: true }),
    ]);
    const timers: { at: number; run: () => void }[] = [];
    const { options, clock } = instant(fake.fetch, {
      schedule: (ms, run) => {
        timers.push({ at: clock.now + ms, run });
        return () => undefined;
      },
    });
    const http = createHttp(options);
    const seen: (Pause | null)[] = [];
    http.onPause((pause) => seen.push(pause));
    await http.getJson(`${API}/x`);
    expect(seen).toEqual([
      {
        code: 'RATE_LIMITED',
        until: START + 5_000,
        message: 'SoundCloud asks Cloudcue to slow down; resuming in 5 s.',
      },
      {
        code: 'RATE_LIMITED',
        until: START + 25_000,
        message: 'SoundCloud asks Cloudcue to slow down; resuming in 20 s.',
      },
    ]);
    expect(http.pause()).toBeNull();
    // The timer set for the end of the last pause reports it over.
    const last = timers.at(-1);
    clock.now = Math.max(clock.now, last?.at ?? 0);
    last?.run();
    expect(seen.at(-1)).toBeNull();
  });

  it('reports a challenge with its own message, for as long as its route is paused', async () => {
    const fake = fakeFetch([dataDomeJson()]);
    const { options } = instant(fake.fetch, { random: () => 0 });
    const http = createHttp(options);
    const seen: (Pause | null)[] = [];
    http.onPause((pause) => seen.push(pause));
    await failure(http.request(`${API}/resolve?url=x`));
    expect(seen).toEqual([
      { code: 'CHALLENGED', until: START + 30_000, message: expect.stringMatching(/human check/) as string },
    ]);
    expect(http.pause()).toMatchObject({ code: 'CHALLENGED' });
  });
});

// --- Bot checks ---------------------------------------------------------------------------------------------

function dataDomeJson(extraHeaders: Record<string, string> = {}): Response {
  const url = 'https://geo.captcha-delivery.com/captcha/?initialCid=AHrlqAAA&cid=abc~def&t=fe&s=36180';
  return json({ url }, 403, extraHeaders);
}

const html = (body: string, status: number, headers: Record<string, string> = {}): Response =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });

const CAPTCHA_HTML =
  '<html><head><title>Verify you are human</title></head><body>Please verify you are a human</body></html>';

describe('createHttp: bot checks are CHALLENGED, never retried', () => {
  it.each<[string, () => Response]>([
    ['DataDome JSON with its headers', () => dataDomeJson({ 'x-datadome': 'protected' })],
    ['DataDome JSON alone', () => dataDomeJson()],
    [
      'a DataDome HTML page',
      () => html('<html><script src="https://ct.captcha-delivery.com/c.js"></script></html>', 403),
    ],
    [
      'a 403 with an x-datadome header',
      () => json({ message: 'blocked' }, 403, { 'x-datadome': 'protected' }),
    ],
    [
      'a 403 setting a datadome cookie',
      () => json({}, 403, { 'set-cookie': 'datadome=abc; Domain=.soundcloud.com; Path=/' }),
    ],
    [
      "CloudFront's Request blocked page",
      () =>
        html(
          '<HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1>Request blocked. <PRE>Generated by cloudfront (CloudFront)</PRE></BODY></HTML>',
          403,
          { server: 'CloudFront' },
        ),
    ],
    [
      "AWS WAF's empty 202",
      () =>
        new Response('', {
          status: 202,
          headers: { 'x-amzn-waf-action': 'challenge', 'content-type': 'text/html; charset=UTF-8' },
        }),
    ],
    ['a captcha page as a 403', () => html(CAPTCHA_HTML, 403)],
    ['a captcha page as a 429', () => html(CAPTCHA_HTML, 429)],
    ['a captcha page as a 503', () => html(CAPTCHA_HTML, 503)],
  ])('%s', async (_label, answer) => {
    const fake = fakeFetch([answer(), json({ ok: true })]);
    const { options, sleeps } = instant(fake.fetch);
    const error = await failure(createHttp(options).request(`${API}/resolve?url=x`));
    expect(error.code).toBe('CHALLENGED');
    expect(error.message).toMatch(/human check/);
    expect(fake.calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each<[string, () => Response]>([
    ["api-v2's 403 for a refused client_id", () => json({ errors: [{ error_message: '403' }] }, 403)],
    ['an x-datadome header on a 200', () => json({ ok: true }, 200, { 'x-datadome': 'protected' })],
    ['an HTML 503 error page', () => html('<h1>503 Service Unavailable</h1>', 503)],
    ['a 202 without the WAF header', () => new Response('', { status: 202 })],
  ])('does not take %s for a challenge', async (_label, answer) => {
    const fake = fakeFetch([answer(), json({ ok: true })]);
    const { options } = instant(fake.fetch);
    const outcome = await createHttp(options)
      .request(`${API}/resolve`)
      .then(
        (response) => String(response.status),
        (error: unknown) => (error instanceof Error ? error.message : 'failed'),
      );
    expect(outcome).not.toMatch(/human check/);
  });

  it('pauses the route for everyone: its requests fail at once without the network, other routes go', async () => {
    let challenged = false;
    const wire: string[] = [];
    const fetchFn: typeof fetch = (input) => {
      const url = String(input);
      wire.push(url);
      if (url.includes('/tracks?') && !challenged) {
        challenged = true;
        return Promise.resolve(dataDomeJson({ 'x-datadome': 'protected' }));
      }
      return Promise.resolve(json({ ok: true }));
    };
    const { options, clock } = instant(fetchFn, { random: () => 0 });
    const http = createHttp(options);
    const cookieVisit = (url: string): boolean => url === 'https://soundcloud.com/';
    expect((await failure(http.request(`${API}/tracks?ids=1`))).code).toBe('CHALLENGED');
    const sentBefore = wire.filter((url) => !cookieVisit(url)).length;
    // The multi-get is paused for everyone asking at the same time...
    const codes = await Promise.all(
      [2, 3, 4, 5].map((i) =>
        http.request(`${API}/tracks?ids=${i}`).then(
          () => 'ok',
          (e: Error) => e.message,
        ),
      ),
    );
    expect(codes.every((message) => /human check/.test(message))).toBe(true);
    expect(wire.filter((url) => !cookieVisit(url))).toHaveLength(sentBefore);
    // ... while a single track, another route, is asked as usual.
    await expect(http.request(`${API}/tracks/9`)).resolves.toMatchObject({ status: 200 });
    // After 30 s (the first pause, with no jitter) the route is tried again.
    clock.now += 30_000;
    await expect(http.request(`${API}/tracks?ids=6`)).resolves.toMatchObject({ status: 200 });
  });

  it('pauses a route 30–60 s at first, doubling up to 15 minutes, and starts again after a success', async () => {
    const clock = { now: START };
    let answerOk = false;
    const fetchFn: typeof fetch = () => Promise.resolve(answerOk ? json({ ok: true }) : dataDomeJson());
    const draws = [0, 0.999, 0, 0, 0, 0, 0, 0, 0];
    const http = createHttp({
      origin: null,
      fetch: fetchFn,
      now: () => clock.now,
      random: () => draws.shift() ?? 0,
      cookies: null,
      schedule: () => () => undefined,
    });
    const pauses: number[] = [];
    for (let strike = 0; strike < 8; strike++) {
      await failure(http.request(`${API}/resolve`));
      const until = http.pause()?.until ?? 0;
      pauses.push(until - clock.now);
      clock.now = until;
    }
    expect(pauses[0]).toBe(30_000);
    expect(pauses[1]).toBeCloseTo(119_940, -1);
    expect(pauses.slice(2)).toEqual([120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
    answerOk = true;
    await http.request(`${API}/resolve`);
    answerOk = false;
    await failure(http.request(`${API}/resolve`));
    expect((http.pause()?.until ?? 0) - clock.now).toBe(30_000);
  });

  it('names routes by host and path, with ids as *', () => {
    const route = (url: string): string => routeOf(new URL(url));
    expect(route(`${API}/tracks?ids=1,2`)).toBe('api-v2.soundcloud.com/tracks');
    expect(route(`${API}/tracks/123`)).toBe('api-v2.soundcloud.com/tracks/*');
    expect(route(`${API}/users/7/tracks?limit=50`)).toBe(route(`${API}/users/8/tracks`));
    expect(route('https://api.soundcloud.com/tracks/soundcloud:tracks:301161119/streams')).toBe(
      'api.soundcloud.com/tracks/*/streams',
    );
    expect(route(`${API}/media/soundcloud:tracks:5/0b8a1c9e-1f0e-4a44-9d4e-0f1c2b3a4d5e/stream/hls`)).toBe(
      'api-v2.soundcloud.com/media/*/*/stream/hls',
    );
  });
});

// --- Looking like a browser ---------------------------------------------------------------------------------

const DATADOME_SET_COOKIE = 'datadome=good~cookie; Max-Age=31536000; Domain=.soundcloud.com; Path=/; Secure';

describe('createHttp: requests look like a browser', () => {
  it("sends a current Chrome's headers from Node, the web app's origin to api-v2, and a caller's own first", async () => {
    const fake = fakeFetch([json({}), json({}), json({})]);
    const http = createHttp(instant(fake.fetch).options);
    await http.request(`${API}/resolve?url=x`);
    await http.request('https://soundcloud.com/');
    await http.request('https://api.soundcloud.com/x', { headers: { 'User-Agent': 'mine' } });
    const [api, page, own] = fake.calls.map((c) => c.headers);
    expect(api?.get('user-agent')).toBe(BROWSER_USER_AGENT);
    expect(BROWSER_USER_AGENT).toMatch(/^Mozilla\/5\.0 .* Chrome\/\d+\.0\.0\.0 Safari\/537\.36$/);
    expect(api?.get('accept-language')).toMatch(/^en/);
    expect(api?.get('sec-ch-ua')).toContain('Google Chrome');
    expect(api?.get('origin')).toBe('https://soundcloud.com');
    expect([api?.get('sec-fetch-dest'), api?.get('sec-fetch-mode')]).toEqual(['empty', 'cors']);
    expect(api?.get('accept')).toContain('application/json');
    expect(page?.get('accept')).toContain('text/html');
    expect(page?.get('sec-fetch-mode')).toBe('navigate');
    expect(own?.get('user-agent')).toBe('mine');
  });

  it("leaves Chromium's own User-Agent and client hints alone", async () => {
    const fake = fakeFetch([json({})]);
    const http = createHttp(instant(fake.fetch, { identity: 'chromium' }).options);
    await http.request(`${API}/resolve`, { headers: { 'user-agent': BROWSER_USER_AGENT } });
    const headers = fake.calls[0]?.headers;
    expect(headers?.get('user-agent')).toBeNull();
    expect(headers?.get('sec-ch-ua')).toBeNull();
    expect(headers?.get('accept')).toContain('application/json');
  });

  it('keeps cookies by the real host through the loopback rewrite: soundcloud.com’s reach api-v2', async () => {
    const fake = fakeFetch([
      html('<html></html>', 200, { 'set-cookie': DATADOME_SET_COOKIE }),
      json({}),
      json({}),
    ]);
    const http = createHttp(instant(fake.fetch, { origin: 'http://127.0.0.1:9' }).options);
    await http.request('https://soundcloud.com/');
    await http.request(`${API}/resolve?url=x`);
    await http.request('https://api.sndcdn.com/x');
    expect(fake.calls.map((c) => [c.url, c.headers.get('cookie')])).toEqual([
      ['http://127.0.0.1:9/soundcloud.com/', null],
      ['http://127.0.0.1:9/api-v2.soundcloud.com/resolve?url=x', 'datadome=good~cookie'],
      ['http://127.0.0.1:9/api.sndcdn.com/x', null],
    ]);
  });

  it('visits soundcloud.com once before guarded routes when it has no datadome cookie', async () => {
    const wire: FetchCall[] = [];
    const fetchFn: typeof fetch = (input, init) => {
      wire.push({ url: String(input), method: 'GET', headers: new Headers(init?.headers), body: null });
      return Promise.resolve(
        String(input).endsWith('soundcloud.com/')
          ? html('<html></html>', 200, { 'set-cookie': DATADOME_SET_COOKIE })
          : json([]),
      );
    };
    const http = createHttp(instant(fetchFn, { origin: 'http://127.0.0.1:9' }).options);
    await http.request(`${API}/resolve?url=x`);
    expect(wire.map((c) => c.url)).toEqual(['http://127.0.0.1:9/api-v2.soundcloud.com/resolve?url=x']);
    await Promise.all(
      ['/tracks?ids=1', '/playlists/5', '/users/3/tracks', '/tracks?ids=2'].map((path) =>
        http.request(`${API}${path}`),
      ),
    );
    const visits = wire.filter((c) => c.url === 'http://127.0.0.1:9/soundcloud.com/');
    expect(visits).toHaveLength(1);
    expect(wire.indexOf(visits[0] as FetchCall)).toBe(1);
    for (const call of wire.slice(2)) expect(call.headers.get('cookie')).toBe('datadome=good~cookie');
  });

  it("drops the cookie a challenge hands out and visits soundcloud.com again once the route's pause ends", async () => {
    let home = 0;
    let challenged = false;
    const fetchFn: typeof fetch = (input) => {
      const url = String(input);
      if (url === 'https://soundcloud.com/') {
        home += 1;
        const cookie = DATADOME_SET_COOKIE.replace('good~cookie', `good${home}`);
        return Promise.resolve(html('<html></html>', 200, { 'set-cookie': cookie }));
      }
      if (!challenged) {
        challenged = true;
        const flagged = DATADOME_SET_COOKIE.replace('good~cookie', 'flagged');
        return Promise.resolve(dataDomeJson({ 'x-datadome': 'protected', 'set-cookie': flagged }));
      }
      return Promise.resolve(json([]));
    };
    const seen: (string | null)[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers).get('cookie'));
      return fetchFn(input, init);
    };
    const { options, clock } = instant(recording, { random: () => 0 });
    const http = createHttp(options);
    expect((await failure(http.request(`${API}/tracks?ids=1`))).code).toBe('CHALLENGED');
    clock.now += 60_000;
    await http.request(`${API}/tracks?ids=1`);
    expect(home).toBe(2);
    expect(seen).toEqual([null, 'datadome=good1', null, 'datadome=good2']);
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

describe('parseResetTime', () => {
  it("reads the official API's date form and ISO 8601, and nothing else", () => {
    expect(parseResetTime('2026/12/01 16:35:12 +0000')).toBe(Date.parse('2026-12-01T16:35:12Z'));
    expect(parseResetTime('2026/12/01 18:35:12 +0200')).toBe(Date.parse('2026-12-01T16:35:12Z'));
    expect(parseResetTime('2026-12-01T16:35:12.000Z')).toBe(Date.parse('2026-12-01T16:35:12Z'));
    for (const value of ['', 'tomorrow', '1764606912', '12/01/2026'])
      expect(parseResetTime(value)).toBeNull();
  });
});

describe('createHttp against the simulator, one test per fault kind', () => {
  const sim = useSimulator();
  let url: string;
  const ROUTE = 'api-v2.soundcloud.com/resolve';

  /** A client on the simulator with a virtual clock, instant recorded waits and a short connect timeout. */
  function client(extra: Partial<HttpOptions> = {}): {
    http: ReturnType<typeof createHttp>;
    sleeps: number[];
  } {
    const sleeps: number[] = [];
    let clock = Date.now();
    const http = createHttp({
      origin: sim.origin,
      connectTimeoutMs: 300,
      now: () => clock,
      sleep: (ms) => {
        sleeps.push(ms);
        clock += ms;
        return Promise.resolve();
      },
      schedule: () => () => undefined,
      ...extra,
    });
    return { http, sleeps };
  }

  const hits = (): number => sim.requests.filter((r) => `${r.host}${r.path}` === ROUTE).length;

  beforeAll(async () => {
    const track = sim.catalogue.tracks.find((t) => t.role === null);
    if (track === undefined) throw new Error('the simulator has no ordinary track');
    url = `https://api-v2.soundcloud.com/resolve?url=${encodeURIComponent(permalinkOf(track))}&client_id=${sim.clientId}`;
  });

  afterEach(() => {
    sim.clearFaults();
    sim.requests.length = 0;
  });

  it('answers without faults', async () => {
    const response = await client().http.getJson(url);
    expect(response.body).toMatchObject({ kind: 'track' });
  });

  it('429: waited out with backoff, then RATE_LIMITED once it outlasts the bound', async () => {
    sim.addFault({ route: ROUTE, kind: '429', count: 2 });
    const ok = client();
    await expect(ok.http.getJson(url)).resolves.toMatchObject({ status: 200 });
    expect(ok.sleeps).toHaveLength(2);

    sim.addFault({ route: ROUTE, kind: '429' });
    const error = await failure(client({ waitBoundMs: 5_000 }).http.getJson(url));
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

  it.each(['challenge', 'challenge-json', 'cloudfront-block', 'waf-202'] as const)(
    '%s: CHALLENGED, asked once, and the route paused',
    async (kind) => {
      sim.addFault({ route: ROUTE, kind, count: 5 });
      const { http, sleeps } = client();
      const error = await failure(http.getJson(url));
      expect(error.code).toBe('CHALLENGED');
      expect(sleeps).toEqual([]);
      expect(hits()).toBe(1);
      expect((await failure(http.getJson(url))).code).toBe('CHALLENGED');
      expect(hits()).toBe(1);
    },
  );

  describe("the simulator's default bot check on guarded api-v2 routes", () => {
    const guarded = (): string => {
      const ids = sim.catalogue.tracks.slice(0, 3).map((t) => t.id);
      return `https://api-v2.soundcloud.com/tracks?ids=${ids.join(',')}&client_id=${sim.clientId}`;
    };

    it('lets Node through dressed as Chrome, with the cookie of one soundcloud.com visit', async () => {
      const { http } = client();
      await expect(http.getJson(guarded())).resolves.toMatchObject({ status: 200 });
      await expect(http.getJson(guarded())).resolves.toMatchObject({ status: 200 });
      const log = sim.requests.map((r) => `${r.host}${r.path}`);
      expect(log).toEqual([
        'soundcloud.com/',
        'api-v2.soundcloud.com/tracks',
        'api-v2.soundcloud.com/tracks',
      ]);
      const api = sim.requests.filter((r) => r.host === 'api-v2.soundcloud.com');
      for (const record of api) {
        expect(record.headers['user-agent']).toBe(BROWSER_USER_AGENT);
        expect(record.headers.cookie).toMatch(/^datadome=/);
      }
    });

    it('challenges a bare client (no browser headers, no cookie), which then stops asking', async () => {
      const { http } = client({ identity: 'chromium', cookies: null });
      expect((await failure(http.getJson(guarded()))).code).toBe('CHALLENGED');
      expect((await failure(http.getJson(guarded()))).code).toBe('CHALLENGED');
      expect(sim.requests.filter((r) => r.host === 'api-v2.soundcloud.com')).toHaveLength(1);
      // Another route is not guarded, and not paused.
      await expect(http.getJson(url)).resolves.toMatchObject({ status: 200 });
    });
  });
});
