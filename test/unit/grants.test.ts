// Covers electron/soundcloud/grants.ts: grants reused while fresh, one request per track at a time, asked in
// playback's lane under their bound, and the budget per track that stops a player stuck refreshing one stream
// (45 refreshes in 10 s were seen) from flooding SoundCloud, whatever path asks (renewals of URLs that served
// included, but for URLs too short-lived for the budget); on a virtual clock.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StreamGrant } from '../../shared/ipc';
import { createGrants } from '../../electron/soundcloud/grants';
import type { Http, Lane } from '../../electron/soundcloud/http';
import { codeOf } from '../helpers/errors';

const START = Date.parse('2026-03-01T09:00:00Z');

function world(lifeMs = 10 * 60_000): {
  grants: ReturnType<typeof createGrants>;
  asked: { trackId: number; at: number }[];
  sleeps: number[];
  lanes: { ms: number; lane: Lane | undefined }[];
  clock: { now: number };
  preference: { value: string };
} {
  const clock = { now: START };
  const asked: { trackId: number; at: number }[] = [];
  const sleeps: number[] = [];
  const lanes: { ms: number; lane: Lane | undefined }[] = [];
  const preference = { value: 'aac' };
  const http = {
    withinMs: <T>(ms: number, work: () => Promise<T>, lane?: Lane): Promise<T> => {
      lanes.push({ ms, lane });
      return work();
    },
  } as unknown as Http;
  const grants = createGrants({
    http,
    now: () => clock.now,
    sleep: (ms) => {
      sleeps.push(ms);
      clock.now += ms;
      return Promise.resolve();
    },
    waitMs: 20_000,
    preference: () => preference.value,
    fetchGrant: (trackId) => {
      asked.push({ trackId, at: clock.now });
      const grant: StreamGrant = {
        url: `https://cf-hls-media.sndcdn.com/${trackId}/${asked.length}.m3u8`,
        protocol: 'hls',
        mimeType: 'audio/mp4',
        expiresAt: clock.now + lifeMs,
        preview: false,
      };
      return Promise.resolve(grant);
    },
  });
  return { grants, asked, sleeps, lanes, clock, preference };
}

describe('createGrants', () => {
  it('asks in playback’s lane under the grant bound, and reuses a fresh grant', async () => {
    const { grants, asked, lanes } = world();
    const first = await grants.get(7);
    await expect(grants.get(7)).resolves.toEqual(first);
    expect(asked).toHaveLength(1);
    expect(lanes).toEqual([{ ms: 20_000, lane: 'playback' }]);
  });

  it('shares one request between callers asking for one track at the same time', async () => {
    const { grants, asked } = world();
    const [a, b, c] = await Promise.all([grants.get(7), grants.get(7, { fresh: true }), grants.get(7)]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(asked).toHaveLength(1);
  });

  it('spends a budget on a track refreshed over and over: 2 at once, then 1, 2, 4, 8 s apart, then EXPIRED', async () => {
    const { grants, asked, sleeps } = world();
    const codes: string[] = [];
    // A stuck player asking afresh as soon as each answer comes, 45 times.
    for (let i = 0; i < 45; i++) codes.push(await codeOf(grants.get(7, { fresh: true })));
    expect(asked).toHaveLength(6);
    expect(sleeps).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(codes.slice(0, 6)).toEqual(Array.from({ length: 6 }, () => 'ok'));
    expect(new Set(codes.slice(6))).toEqual(new Set(['EXPIRED']));
    // Another track has a budget of its own.
    await expect(grants.get(8, { fresh: true })).resolves.toMatchObject({
      url: expect.stringContaining('/8/'),
    });
  });

  it('gives the budget back as the minute passes', async () => {
    const { grants, asked, clock } = world();
    for (let i = 0; i < 7; i++) await codeOf(grants.get(7, { fresh: true }));
    expect(asked).toHaveLength(6);
    clock.now += 60_000;
    await expect(grants.get(7, { fresh: true })).resolves.toBeDefined();
    expect(asked).toHaveLength(7);
    expect(asked.at(-1)?.at).toBe(clock.now);
  });

  it('past the budget, waits for the minute’s oldest grant to leave it when that is 8 s away or less', async () => {
    const { grants, asked, sleeps, clock } = world();
    for (let i = 0; i < 6; i++) await grants.get(7, { fresh: true });
    expect(asked.map((a) => a.at - START)).toEqual([0, 0, 1_000, 3_000, 7_000, 15_000]);
    // 45 s before the first leaves the minute: too long for a player to wait.
    await expect(codeOf(grants.get(7, { fresh: true }))).resolves.toBe('EXPIRED');
    clock.now = START + 53_000;
    await expect(codeOf(grants.get(7, { fresh: true }))).resolves.toBe('ok');
    expect(sleeps.at(-1)).toBe(7_000);
    expect(asked.at(-1)?.at).toBe(START + 60_000);
  });

  it('budgets a grant that looks expired as it arrives, which no cache keeps, without being asked afresh', async () => {
    const { grants, asked } = world(-1_000);
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push(await codeOf(grants.get(7)));
    expect(asked).toHaveLength(6);
    expect(codes.filter((code) => code === 'EXPIRED')).toHaveLength(4);
  });

  it('renews a short-lived URL once it has served half its life, outside the budget', async () => {
    // 5-second URLs: a seek or restart past half their life needs a new one, ten times in 25 s.
    const { grants, asked, sleeps, clock } = world(5_000);
    for (let i = 0; i < 10; i++) {
      await grants.get(7, { fresh: i % 2 === 1 });
      clock.now += 2_500;
    }
    expect(asked).toHaveLength(10);
    expect(sleeps).toEqual([]);
  });

  it('budgets a URL asked again before it served half its life, or one too short-lived to serve', async () => {
    /** The waits of six asks `everyMs` apart (afresh, so that a cached long-lived grant is not the answer). */
    const waits = async (lifeMs: number, everyMs: number): Promise<number[]> => {
      const { grants, sleeps, clock } = world(lifeMs);
      for (let i = 0; i < 6; i++) {
        await grants.get(7, { fresh: true });
        clock.now += everyMs;
      }
      return sleeps;
    };
    // As budgeted as ten-minute URLs asked as often, which are never renewed this soon.
    const early = await waits(10 * 60_000, 500);
    expect(early.length).toBeGreaterThan(0);
    await expect(waits(5_000, 500)).resolves.toEqual(early);
    // A 3-second URL has served half its life in 1.5 s, under the 2 s that counts as having served.
    const brief = await waits(10 * 60_000, 1_500);
    expect(brief.length).toBeGreaterThan(0);
    await expect(waits(3_000, 1_500)).resolves.toEqual(brief);
  });

  it('asks at most six grants of one track in any minute, whatever mix of calls, for URLs living 20 s or more', async () => {
    const call = fc.record({
      // Bursts of calls, and pauses long enough for a grant to serve half its life.
      afterMs: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 40_000 })),
      fresh: fc.boolean(),
      otherFormat: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 20_000, max: 20 * 60_000 }),
        fc.array(call, { maxLength: 60 }),
        async (lifeMs, calls) => {
          const { grants, asked, clock, preference } = world(lifeMs);
          for (const { afterMs, fresh, otherFormat } of calls) {
            clock.now += afterMs;
            if (otherFormat) preference.value = preference.value === 'aac' ? 'mp3' : 'aac';
            await codeOf(grants.get(7, { fresh }));
          }
          const times = asked.map((a) => a.at);
          const inAMinute = times.map((at) => times.filter((t) => t >= at && t - at < 60_000).length);
          expect(Math.max(0, ...inAMinute)).toBeLessThanOrEqual(6);
        },
      ),
    );
  });

  it('hands out no grant of the format Settings preferred before', async () => {
    const { grants, asked, preference } = world();
    await grants.get(7);
    preference.value = 'mp3';
    await grants.get(7);
    expect(asked).toHaveLength(2);
  });
});
