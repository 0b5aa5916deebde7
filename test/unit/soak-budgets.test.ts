// The soak's retry budgets read from a request log: attempts per request, quiet inside pauses, grants per minute.
import { describe, expect, it } from 'vitest';
import { checkBudgets, routeKey, type Budgets, type LoggedRequest } from '../soak/budgets';

const BUDGETS: Budgets = {
  mainAttempts: 4,
  mediaAttempts: 7,
  chainGapMs: 35_000,
  retryAfterSeconds: 4,
  challengePauseMs: 30_000,
  grantsPerMinute: 6,
  inFlightMs: 1_000,
};

function request(time: number, changes: Partial<LoggedRequest> = {}): LoggedRequest {
  return {
    time,
    method: 'GET',
    host: 'api-v2.soundcloud.com',
    path: '/resolve',
    query: 'url=https%3A%2F%2Fsoundcloud.com%2Fa%2Fb',
    status: 200,
    fault: null,
    ...changes,
  };
}

/** `n` attempts at one URL a second apart, all failed but the last. */
function attempts(n: number, changes: Partial<LoggedRequest> = {}): LoggedRequest[] {
  return Array.from({ length: n }, (_, i) =>
    request(i * 1_000, { status: i === n - 1 ? 200 : 503, fault: i === n - 1 ? null : '503', ...changes }),
  );
}

describe('the soak budgets', () => {
  it('counts the attempts at one URL while each follows a failure, against 1 + main’s retries', () => {
    const within = checkBudgets(attempts(4), BUDGETS);
    expect(within.routes).toEqual([
      expect.objectContaining({ route: 'api-v2.soundcloud.com/resolve', requests: 4, faults: 3, failed: 3 }),
    ]);
    expect(within.routes[0]?.longestChain).toBe(4);
    expect(within.violations).toEqual([]);

    const over = checkBudgets(attempts(5), BUDGETS);
    expect(over.violations).toEqual(['api-v2.soundcloud.com/resolve: 5 attempts at one URL (budget 4)']);
  });

  it('starts a new request after a success, after a long gap, and at another URL', () => {
    const log = [
      ...attempts(3),
      ...attempts(3).map((r) => ({ ...r, time: r.time + 10_000 })),
      ...attempts(4, { status: 0, fault: 'reset' }).map((r) => ({ ...r, time: r.time * 40 + 100_000 })),
      ...attempts(4).map((r, i) => ({ ...r, time: r.time + 200_000, query: `url=${i}` })),
    ];
    const report = checkBudgets(log, BUDGETS);
    expect(report.routes[0]?.longestChain).toBe(3);
    expect(report.violations).toEqual([]);
  });

  it('gives the window’s media requests hls.js’s budget, one route per media host', () => {
    const media = { host: 'cf-hls-media.sndcdn.com', path: '/media/0/30000/1/2/a.m3u8', query: 'Policy=x' };
    expect(routeKey(media)).toBe('cf-hls-media.sndcdn.com (media)');
    expect(routeKey({ host: 'api-v2.soundcloud.com', path: '/tracks/123' })).toBe(
      'api-v2.soundcloud.com/tracks/*',
    );
    expect(routeKey({ host: 'i1.sndcdn.com', path: '/artworks-1-a-large.jpg' })).toBe('i1.sndcdn.com/*');
    expect(routeKey({ host: 'a-v2.sndcdn.com', path: '/assets/0-abc.js' })).toBe('a-v2.sndcdn.com/*');
    expect(checkBudgets(attempts(7, media), BUDGETS).violations).toEqual([]);
    expect(checkBudgets(attempts(8, media), BUDGETS).violations).toEqual([
      'cf-hls-media.sndcdn.com (media): 8 attempts at one URL (budget 7)',
    ]);
  });

  it('counts a media URL refused as expired as a failed attempt, but not a refused API call', () => {
    const media = { host: 'playback.media-streaming.soundcloud.cloud', path: '/a/aac_160k/b/data3.m4s' };
    const expired = (n: number, changes: Partial<LoggedRequest>): LoggedRequest[] =>
      attempts(n, { status: 403, fault: null, ...changes }).map((r, i) =>
        i === n - 1 ? { ...r, status: 200 } : r,
      );
    expect(checkBudgets(expired(8, media), BUDGETS).routes[0]).toMatchObject({ failed: 7, longestChain: 8 });
    expect(checkBudgets(expired(8, {}), BUDGETS).routes[0]).toMatchObject({ failed: 0, longestChain: 1 });
  });

  it('takes a request sent again at once after a reset for the same attempt', () => {
    const resent = attempts(4).flatMap((r, i) =>
      i === 1
        ? [
            { ...r, status: 0, fault: 'reset' },
            { ...r, time: r.time + 30 },
          ]
        : [r],
    );
    expect(checkBudgets(resent, BUDGETS).routes[0]).toMatchObject({ requests: 5, longestChain: 4 });
    const later = resent.map((r, i) => (i === 2 ? { ...r, time: r.time + 500 } : r));
    expect(checkBudgets(later, BUDGETS).routes[0]).toMatchObject({ requests: 5, longestChain: 5 });
  });

  it('finds a request to a host inside the Retry-After it was given, but not one already in flight', () => {
    const limited = request(10_000, { status: 429, fault: '429-retry-after' });
    const inFlight = request(10_500, { path: '/tracks/1' });
    const early = request(12_000, { path: '/tracks/2' });
    const after = request(14_500, { path: '/tracks/3' });
    const otherHost = request(12_000, { host: 'soundcloud.com', path: '/' });
    const clean = checkBudgets([limited, inFlight, after, otherHost], BUDGETS);
    expect(clean.violations).toEqual([]);
    const broken = checkBudgets([limited, inFlight, early, after], BUDGETS);
    expect(broken.violations).toEqual([
      'api-v2.soundcloud.com/tracks/*: 1 requests inside a pause it was given',
    ]);
  });

  it('finds a request to a route inside a bot check’s pause, whatever its ids', () => {
    const challenged = request(0, { path: '/tracks/1', status: 403, fault: 'challenge-json' });
    const sameRoute = request(20_000, { path: '/tracks/99' });
    const otherRoute = request(20_000, { path: '/resolve' });
    const later = request(31_000, { path: '/tracks/5' });
    expect(checkBudgets([challenged, otherRoute, later], BUDGETS).violations).toEqual([]);
    expect(checkBudgets([challenged, sameRoute], BUDGETS).violations).toEqual([
      'api-v2.soundcloud.com/tracks/*: 1 requests inside a pause it was given',
    ]);
  });

  it('counts the grants answered for one track within any minute', () => {
    const grant = (time: number, track = 7): LoggedRequest =>
      request(time, { path: `/media/soundcloud:tracks:${track}/abc/stream/hls`, query: `t=${time}` });
    const six = [0, 10, 20, 30, 40, 50].map((s) => grant(s * 1_000));
    expect(checkBudgets([...six, grant(61_000), grant(5_000, 8)], BUDGETS)).toMatchObject({
      grantsPerMinute: 6,
      violations: [],
    });
    const seven = checkBudgets([...six, grant(59_000)], BUDGETS);
    expect(seven.grantsPerMinute).toBe(7);
    expect(seven.violations).toEqual(['stream grants: 7 for one track in a minute (budget 6)']);
    const failed = checkBudgets(
      [...six, grant(59_000)].map((r, i) => (i === 6 ? { ...r, status: 500 } : r)),
      BUDGETS,
    );
    expect(failed.grantsPerMinute).toBe(6);
  });
});
