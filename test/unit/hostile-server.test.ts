// Covers main's HTTP client against a hostile server of the test's own on loopback, through both fetch paths
// (Node's, and Chromium's over a stand-in of net.request): bodies that trickle or never end, answers too large
// and a gzip bomb, redirect chains, loops and exits; each ends in a clear error within its deadline, without
// holding a slot of the shared limit, and with main's memory bounded (measured). Pathological input for the
// parsers' regular expressions is covered where they live (regex-linear.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_CAPS, TOO_LARGE } from '../../electron/soundcloud/body';
import { createHttp, type Http, type HttpOptions } from '../../electron/soundcloud/http';
import { failure } from '../helpers/errors';
import { collectGarbage } from '../helpers/gc';
import { chromiumFetchOverNode, gzipBomb, startHostileServer, type HostileServer } from './hostile-server';

const MIB = 1024 * 1024;
const API = 'https://api-v2.soundcloud.com';
/** The deadlines the tests inject, so that they run in seconds rather than the app's 10 s and 30 s. */
const CONNECT_MS = 400;
const TOTAL_MS = 800;
/** Time allowed past a deadline for the error to reach the caller on a busy two-core machine. */
const SLACK_MS = 2_000;
/** The most main's resident memory may grow while it reads one hostile answer. */
const MEMORY_BOUND_MIB = 96;

let server: HostileServer;
let bombSize = 0;

beforeAll(async () => {
  const bomb = await gzipBomb(300 * MIB);
  bombSize = bomb.length;
  server = await startHostileServer(bomb);
});
afterAll(() => server.close());

/** Runs `work`, sampling the process's resident memory: its result (or failure) and the peak growth in MiB. */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ outcome: PromiseSettledResult<T>; mib: number }> {
  await collectGarbage();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  const [outcome] = await Promise.allSettled([work()]);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { outcome: outcome as PromiseSettledResult<T>, mib: (peak - before) / MIB };
}

const paths: { name: string; options: () => Partial<HttpOptions> }[] = [
  { name: "Node's fetch", options: () => ({}) },
  {
    name: "Chromium's fetch",
    options: () => ({ fetch: chromiumFetchOverNode(), identity: 'chromium', cookies: null }),
  },
];

describe.each(paths)('main against a hostile server, through $name', ({ options }) => {
  const client = (extra: Partial<HttpOptions> = {}): Http =>
    createHttp({
      origin: server.origin,
      connectTimeoutMs: CONNECT_MS,
      totalTimeoutMs: TOTAL_MS,
      retries: 0,
      ...options(),
      ...extra,
    });

  it('gives up on a body that trickles, at the total deadline, even across a garbage collection', async () => {
    const http = client();
    const started = performance.now();
    const pending = failure(http.getJson(`${API}/trickle`));
    await new Promise((resolve) => setTimeout(resolve, TOTAL_MS / 2));
    // A deadline must not depend on being referenced.
    await collectGarbage();
    const error = await pending;
    const elapsed = performance.now() - started;
    expect(error).toMatchObject({ code: 'NETWORK', message: 'SoundCloud did not answer in time.' });
    expect(elapsed).toBeGreaterThanOrEqual(TOTAL_MS - 50);
    expect(elapsed).toBeLessThan(TOTAL_MS + SLACK_MS);
  });

  it('frees every slot of the limit: six trickling answers do not stop the seventh request', async () => {
    const http = client({ concurrency: 6 });
    const trickling = Array.from({ length: 6 }, () => failure(http.getJson(`${API}/trickle`)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    const next = await http.getJson(`${API}/ok`);
    expect(next.body).toMatchObject({ ok: true });
    // It waited for a slot no longer than the deadline that freed one.
    expect(performance.now() - started).toBeLessThan(TOTAL_MS + SLACK_MS);
    for (const error of await Promise.all(trickling)) expect(error.code).toBe('NETWORK');
    // And the server is not left writing to requests given up on.
    await expect.poll(() => server.writing(), { timeout: 2_000 }).toBe(0);
  });

  it("cuts an exchange at its caller's tighter deadline (a stream grant), whatever its own timeout", async () => {
    const http = client({ totalTimeoutMs: 30_000, connectTimeoutMs: 10_000, retries: 3 });
    const started = performance.now();
    const error = await failure(http.withinMs(600, () => http.getJson(`${API}/trickle`), 'playback'));
    expect(error.code).toBe('NETWORK');
    expect(performance.now() - started).toBeLessThan(600 + SLACK_MS);
  });

  it('stops reading an endless body at the cap, with SERVER, long before its deadline', async () => {
    const http = client({ totalTimeoutMs: 20_000 });
    const started = performance.now();
    const { outcome, mib } = await measured(() => http.getJson(`${API}/endless`));
    expect(outcome.status).toBe('rejected');
    const error = await failure(
      outcome.status === 'rejected' ? Promise.reject(outcome.reason) : Promise.resolve(),
    );
    expect(error).toMatchObject({ code: 'SERVER', message: TOO_LARGE });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(mib).toBeLessThan(MEMORY_BOUND_MIB);
    await expect.poll(() => server.writing(), { timeout: 2_000 }).toBe(0);
  });

  it('refuses an answer that declares 200 MiB without reading it', async () => {
    const http = client({ totalTimeoutMs: 20_000 });
    const { outcome, mib } = await measured(() => http.getJson(`${API}/declared-huge`));
    expect(outcome.status === 'rejected' && outcome.reason).toMatchObject({
      code: 'SERVER',
      message: TOO_LARGE,
    });
    expect(mib).toBeLessThan(MEMORY_BOUND_MIB);
  });

  it('stops inflating a gzip bomb at the cap, counted after decompression', async () => {
    expect(bombSize).toBeLessThan(MIB);
    const http = client({ totalTimeoutMs: 20_000 });
    const { outcome, mib } = await measured(() => http.getJson(`${API}/bomb`));
    expect(outcome.status === 'rejected' && outcome.reason).toMatchObject({
      code: 'SERVER',
      message: TOO_LARGE,
    });
    // The whole bomb is 300 MiB inflated; what main held stayed near the cap.
    expect(mib).toBeLessThan(MEMORY_BOUND_MIB);
    expect(ANSWER_CAPS.json).toBeLessThan(MEMORY_BOUND_MIB * MIB);
  });

  it('lets a caller set a tighter cap, and reads an answer just under it', async () => {
    const http = client();
    await expect(http.getJson(`${API}/ok`, { maxBytes: 64 })).resolves.toMatchObject({ body: { ok: true } });
    const error = await failure(http.getJson(`${API}/ok`, { maxBytes: 8 }));
    expect(error).toMatchObject({ code: 'SERVER', message: TOO_LARGE });
  });

  it('follows a chain of five redirects, and refuses a sixth', async () => {
    const http = client();
    await expect(http.getJson(`${API}/chain/5`)).resolves.toMatchObject({ body: { ok: true } });
    const error = await failure(http.getJson(`${API}/chain/6`));
    expect(error).toMatchObject({ code: 'SERVER', message: 'SoundCloud redirected too many times.' });
  });

  it('ends a redirect loop after six requests', async () => {
    const http = client();
    const mark = server.arrivals.length;
    const error = await failure(http.getJson(`${API}/loop`));
    expect(error).toMatchObject({ code: 'SERVER', message: 'SoundCloud redirected too many times.' });
    expect(server.arrivals.slice(mark)).toHaveLength(6);
  });

  it('refuses a redirect out of SoundCloud before dialling it', async () => {
    const http = client();
    const error = await failure(http.getJson(`${API}/away`));
    expect(error).toMatchObject({
      code: 'SERVER',
      message: 'SoundCloud pointed to an address Cloudcue does not trust.',
    });
  });
});
