// Covers the requests a stream grant repeats on its own (grants.ts with answers.ts): a grant's body cut short on
// the way is fetched again, and a whole stream is asked after a preview answered, each another grant at
// SoundCloud's end; spent from the track's budget, so no mix of cut bodies makes a seventh grant in a minute.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { StreamGrant } from '../../shared/ipc';
import { chooseGrant, fetchAnswer } from '../../electron/soundcloud/answers';
import { createGrants } from '../../electron/soundcloud/grants';
import { withRepeatBudget } from '../../electron/soundcloud/repeat-budget';
import type { Http, HttpResponse } from '../../electron/soundcloud/http';
import { codeOf } from '../helpers/errors';

const START = Date.parse('2026-03-01T09:00:00Z');
const WHOLE = JSON.stringify({ url: 'https://cf-hls-media.sndcdn.com/playlist/7.m3u8' });

/** Grants of track 7 on a virtual clock, each answer cut short or whole as `cut` says, in turn. */
function world(cut: () => boolean): {
  grants: ReturnType<typeof createGrants>;
  answered: number[];
  clock: { now: number };
} {
  const clock = { now: START };
  const answered: number[] = [];
  const http = { withinMs: <T>(_ms: number, work: () => Promise<T>) => work() } as unknown as Http;
  const send = (): Promise<HttpResponse> => {
    // Every 2xx reaching the grant route is a grant SoundCloud counts, whole or cut short on the way back.
    answered.push(clock.now);
    const text = cut() ? WHOLE.slice(0, 20) : WHOLE;
    return Promise.resolve({
      status: 200,
      headers: new Headers(),
      url: 'https://api-v2.soundcloud.com/media',
      text,
    });
  };
  const grants = createGrants({
    http,
    now: () => clock.now,
    sleep: (ms) => {
      clock.now += ms;
      return Promise.resolve();
    },
    waitMs: 20_000,
    preference: () => 'aac',
    fetchGrant: async (): Promise<StreamGrant> => {
      await fetchAnswer(send);
      return {
        url: 'https://cf-hls-media.sndcdn.com/playlist/7.m3u8',
        protocol: 'hls',
        mimeType: 'audio/mp4',
        expiresAt: clock.now + 10 * 60_000,
        preview: false,
      };
    },
  });
  return { grants, answered, clock };
}

/** The most requests answered within any minute. */
function worstMinute(times: readonly number[]): number {
  let worst = 0;
  for (const [i, start] of times.entries()) {
    worst = Math.max(worst, times.slice(i).filter((at) => at - start < 60_000).length);
  }
  return worst;
}

it('does not fetch a cut-short grant again once the track’s budget is spent', async () => {
  const answers = [false, false, false, false, false, true, false];
  const { grants, answered } = world(() => answers.shift() ?? false);
  for (let i = 0; i < 5; i++) expect(await codeOf(grants.get(7, { fresh: true }))).toBe('ok');
  // The sixth grant of the minute comes back cut short: fetching it again would be a seventh.
  expect(await codeOf(grants.get(7, { fresh: true }))).toBe('SERVER');
  expect(answered).toHaveLength(6);
});

it('asks at most six grants of a track in any minute, however many answers are cut short', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
      fc.array(fc.integer({ min: 0, max: 15_000 }), { minLength: 1, maxLength: 20 }),
      async (cuts, gaps) => {
        const { grants, answered, clock } = world(() => cuts.shift() ?? false);
        for (const gap of gaps) {
          clock.now += gap;
          await codeOf(grants.get(7, { fresh: true }));
        }
        expect(worstMinute(answered)).toBeLessThanOrEqual(6);
      },
    ),
  );
});

it('asks for a whole stream after a preview only while the budget allows', async () => {
  const signed: string[] = [];
  const sign = (name: string): Promise<StreamGrant> => {
    signed.push(name);
    return Promise.resolve({
      url: name,
      protocol: 'hls',
      mimeType: 'audio/mp4',
      expiresAt: 0,
      preview: true,
    });
  };
  const grant = await withRepeatBudget(
    () => false,
    () => chooseGrant(['first', 'second'], () => false, sign),
  );
  expect(grant?.url).toBe('first');
  expect(signed).toEqual(['first']);
  signed.length = 0;
  // Outside a budget a whole stream is still looked for past a preview.
  await chooseGrant(['first', 'second'], () => false, sign);
  expect(signed).toEqual(['first', 'second']);
});
