// Covers the pause a 429 shares across every request, under load from a hostile server of the test's own:
// after the first 429 nothing is sent inside the Retry-After window, the total number of requests stays
// bounded, and a pause longer than the requests' bound fails them RATE_LIMITED at once instead of piling up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttp } from '../../electron/soundcloud/http';
import { codeOf } from '../helpers/errors';
import { startHostileServer, type HostileServer } from './hostile-server';

const API = 'https://api-v2.soundcloud.com';
const CONCURRENCY = 6;

let server: HostileServer;

beforeAll(async () => {
  server = await startHostileServer(Buffer.alloc(0));
});
afterAll(() => server.close());

describe('a Retry-After storm', () => {
  it('100 links answered Retry-After: 2 send nothing inside the 2 s, and at most one more request each in flight', async () => {
    server.storm(2, 2_000);
    const mark = server.arrivals.length;
    // What main puts on the wire, and when it first hears a 429, seen from its side of the socket.
    const sent: number[] = [];
    let first429 = Infinity;
    const watching: typeof fetch = async (input, init) => {
      sent.push(performance.now());
      const response = await fetch(input, init);
      if (response.status === 429) first429 = Math.min(first429, performance.now());
      return response;
    };
    const http = createHttp({ origin: server.origin, concurrency: CONCURRENCY, fetch: watching });
    const codes = await Promise.all(
      Array.from({ length: 100 }, (_, i) => codeOf(http.getJson(`${API}/storm/${i}`))),
    );
    expect(codes.every((code) => code === 'ok')).toBe(true);
    expect(sent.filter((at) => at >= first429 && at < first429 + 2_000)).toEqual([]);
    // Each link once, and once again for each of the requests the first 429 found on the wire.
    const arrivals = server.arrivals.length - mark;
    expect(arrivals).toBe(sent.length);
    expect(arrivals).toBeGreaterThan(100);
    expect(arrivals).toBeLessThanOrEqual(100 + CONCURRENCY);
  });

  it('300 links answered Retry-After: 61 fail RATE_LIMITED within their bound, after a handful of requests', async () => {
    server.storm(61, 120_000);
    const mark = server.arrivals.length;
    const http = createHttp({ origin: server.origin, concurrency: CONCURRENCY, waitBoundMs: 5_000 });
    const started = performance.now();
    const codes = await Promise.all(
      Array.from({ length: 300 }, (_, i) => codeOf(http.getJson(`${API}/storm/${i}`))),
    );
    expect(new Set(codes)).toEqual(new Set(['RATE_LIMITED']));
    // The pause outlasts the bound: nobody waits it out, and nobody asks again.
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(server.arrivals.length - mark).toBeLessThanOrEqual(CONCURRENCY);
    expect(http.pause()).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
