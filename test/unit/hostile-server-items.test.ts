// Covers what a listener sees when SoundCloud turns hostile: links pasted into the resolver service, whose
// api-v2 /resolve answers trickle, never end, explode when inflated, redirect in a loop or away, or ask for a
// minute's pause; each item ends in its clear error within its deadline, and a paste of gzip bombs keeps
// main's memory bounded (measured).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_CAPS, TOO_LARGE } from '../../electron/soundcloud/body';
import { createHttp, type HttpOptions } from '../../electron/soundcloud/http';
import { createSoundCloudService } from '../../electron/soundcloud/service';
import type { Entry } from '../../shared/ipc';
import { serviceSettings } from '../helpers/main-service-settings';
import { gzipBomb, startHostileServer, type HostileServer } from './hostile-server';

const MIB = 1024 * 1024;
const CONNECT_MS = 400;
const TOTAL_MS = 800;
const WAIT_BOUND_MS = 2_000;
/** Time allowed past a deadline for the error to reach the item on a busy two-core machine. */
const SLACK_MS = 1_500;

let server: HostileServer;

beforeAll(async () => {
  server = await startHostileServer(await gzipBomb(300 * MIB));
});
afterAll(() => server.close());

function hostileService(extra: Partial<HttpOptions> = {}): ReturnType<typeof createSoundCloudService> {
  const http = createHttp({
    origin: server.origin,
    connectTimeoutMs: CONNECT_MS,
    totalTimeoutMs: TOTAL_MS,
    waitBoundMs: WAIT_BOUND_MS,
    retries: 1,
    backoffBaseMs: 20,
    ...extra,
  });
  return createSoundCloudService({
    origin: server.origin,
    http,
    clientIdFile: null,
    // A client id of the user's own: no discovery, so /resolve is the first request.
    settings: serviceSettings({ webClientId: 'hostile-client-id' }),
  });
}

/** Pastes `links` and waits for every item: their entries, in paste order. */
async function pasteAll(links: string[], extra: Partial<HttpOptions> = {}): Promise<Entry[]> {
  const service = hostileService(extra);
  const results = new Map<string, Entry[]>();
  const batch = service.addLinks(links.join('\n'), (event) => {
    if (event.type === 'resolved') results.set(event.itemId, event.entries);
  });
  if (!batch.result.ok) throw new Error(batch.result.error.message);
  await batch.done;
  return batch.result.value.items.flatMap((item) => results.get(item.itemId) ?? []);
}

const link = (name: string): string => `https://soundcloud.com/hostile/${name}`;
/** The deadline of an answer the size cap should end first: the cap, not the clock, must decide. */
const CAPPED_MS = 10_000;

/** Each hostile answer, the error its item must show, the total deadline of one exchange and the item's bound. */
const cases: { route: string; code: string; message: string; totalMs: number; withinMs: number }[] = [
  // Two attempts of at most TOTAL_MS each, and the backoff between them.
  {
    route: 'trickle',
    code: 'NETWORK',
    message: 'SoundCloud did not answer in time.',
    totalMs: TOTAL_MS,
    withinMs: 2 * TOTAL_MS + 40,
  },
  { route: 'endless', code: 'SERVER', message: TOO_LARGE, totalMs: CAPPED_MS, withinMs: CAPPED_MS },
  { route: 'bomb', code: 'SERVER', message: TOO_LARGE, totalMs: CAPPED_MS, withinMs: CAPPED_MS },
  { route: 'declared-huge', code: 'SERVER', message: TOO_LARGE, totalMs: CAPPED_MS, withinMs: CAPPED_MS },
  {
    route: 'loop',
    code: 'SERVER',
    message: 'SoundCloud redirected too many times.',
    totalMs: TOTAL_MS,
    withinMs: 6 * TOTAL_MS,
  },
  {
    route: 'away',
    code: 'SERVER',
    message: 'SoundCloud pointed to an address Cloudcue does not trust.',
    totalMs: TOTAL_MS,
    withinMs: TOTAL_MS,
  },
];

describe('links pasted while SoundCloud is hostile', () => {
  it.each(cases)('/resolve answering $route: the item fails $code within its deadline', async (hostile) => {
    server.resolveAs(hostile.route);
    const started = performance.now();
    const [entry, ...rest] = await pasteAll([link(`${hostile.route}-1`)], {
      totalTimeoutMs: hostile.totalMs,
    });
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ ok: false, error: { code: hostile.code, message: hostile.message } });
    expect(performance.now() - started).toBeLessThan(hostile.withinMs + SLACK_MS);
  });

  it('a minute-long Retry-After fails every item RATE_LIMITED within the wait bound, after a handful of requests', async () => {
    server.resolveAs('storm');
    server.storm(61, 120_000);
    const mark = server.arrivals.length;
    const started = performance.now();
    const entries = await pasteAll(Array.from({ length: 50 }, (_, i) => link(`storm-${i}`)));
    expect(entries).toHaveLength(50);
    expect(new Set(entries.map((e) => (e.ok ? 'ok' : e.error.code)))).toEqual(new Set(['RATE_LIMITED']));
    expect(performance.now() - started).toBeLessThan(WAIT_BOUND_MS + SLACK_MS);
    expect(server.arrivals.length - mark).toBeLessThanOrEqual(6);
  });

  it('a paste of 30 gzip bombs, six inflating at once, keeps main within a bounded memory', async () => {
    server.resolveAs('bomb');
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
    const entries = await pasteAll(
      Array.from({ length: 30 }, (_, i) => link(`bomb-${i}`)),
      { totalTimeoutMs: 20_000 },
    );
    clearInterval(sampler);
    expect(entries.every((e) => !e.ok && e.error.message === TOO_LARGE)).toBe(true);
    // 30 × 300 MiB inflated would be 9 GiB; six capped reads at a time hold six caps, and the garbage of
    // the reads before them until it is collected.
    expect(peak - before).toBeLessThan(6 * ANSWER_CAPS.json * 2.5);
  });
});
