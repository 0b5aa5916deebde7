// The engine renewing a playing HLS stream's grant before its policy runs out.
import { describe, expect, it, vi } from 'vitest';
import { appError } from '../../../shared/errors';
import type { StreamGrant } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import type { AppStore } from '../../../renderer/src/store';
import { soundsOf, useEngineWorld } from './engine-world';
import { FakeHlsSound, flush } from './fakes';

const world = useEngineWorld();
const { setup, restartEngine, holdNextGrant, playNow } = world;

describe('engine: renewing an HLS stream before its policy runs out', () => {
  let hls: FakeHlsSound[];

  function hlsGrant(n: number, ttlMs: number): Result<StreamGrant> {
    return {
      ok: true,
      value: {
        url: `http://media/aac.m3u8?policy=${n}`,
        protocol: 'hls',
        mimeType: 'audio/mp4',
        expiresAt: world.now + ttlMs,
        preview: false,
      },
    };
  }

  /** When each policy handed out expires, by its URL. */
  let expiries: Map<string, number>;

  /** Plays an HLS track whose grants live `ttlMs` (40 s: the margin is 20 s), at 10 s in. */
  async function playingHls(ttlMs = 40_000): Promise<AppStore> {
    const store = await setup();
    const made = soundsOf(FakeHlsSound);
    hls = made.made;
    let n = 0;
    expiries = new Map();
    world.api.getStream.mockImplementation(() => {
      const answer = hlsGrant(++n, ttlMs);
      if (answer.ok) expiries.set(answer.value.url, answer.value.expiresAt);
      return Promise.resolve(answer);
    });
    restartEngine(store, { createHlsSound: made.create, renewRetryMs: 2_000 });
    await playNow(store);
    hls[0]?.emit('play');
    if (hls[0]) hls[0].position = 10;
    return store;
  }

  /** `ms` of playback: the clock and the playing sound's position move on together. */
  const tick = async (ms: number): Promise<void> => {
    world.now += ms;
    for (const sound of hls) if (sound.isPlaying) sound.position += ms / 1000;
    vi.advanceTimersByTime(300);
    await flush();
  };

  it('renews the playing sound’s URL when the grant enters the safety margin, without rebuilding', async () => {
    await playingHls();
    await tick(15_000);
    expect(world.api.getStream).toHaveBeenCalledTimes(1);
    await tick(6_000); // 21 s into a 40 s grant: within 20 s of its end
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    expect(hls).toHaveLength(1);
    expect(hls[0]?.renewals).toEqual(['http://media/aac.m3u8?policy=2']);
    expect(world.api.getStream.mock.calls[1]?.[0]).toEqual({ trackId: 1, fresh: true });
    expect(hls[0]?.calls).not.toContain('pause');
    // The renewed grant is good for another 20 s.
    await tick(10_000);
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    await tick(11_000);
    expect(hls[0]?.renewals).toHaveLength(2);
  });

  it('renews short-lived grants each time before they run out, however many renewals came before', async () => {
    await playingHls(8_000);
    // 8 s grants, each renewed once it has served 4 s: 10 renewals in 40 s. Held to the budget of asks
    // (after two, 1, 2, 4 then 8 s apart), the sixth waited until its policy ran out, and each after it too.
    for (let t = 0; t < 40_000; t += 250) {
      await tick(250);
      const url = hls[0]?.renewals.at(-1) ?? hls[0]?.options.src ?? '';
      // The policy the stream's segments are fetched on has more than 2 s left: renewed inside its margin.
      expect((expiries.get(url) ?? 0) - world.now, `${t} ms on`).toBeGreaterThan(2_000);
    }
    expect(hls).toHaveLength(1);
    expect(hls[0]?.renewals.length).toBeGreaterThanOrEqual(9);
  });

  it('rebuilds at the same place when the fresh URL is another stream', async () => {
    await playingHls();
    if (hls[0]) hls[0].renewable = false;
    await tick(21_000);
    expect(hls).toHaveLength(2);
    expect(hls[0]?.unloaded).toBe(true);
    expect(hls[1]?.options.src).toBe('http://media/aac.m3u8?policy=2');
    expect(hls[1]?.calls).toEqual(['seek:31', 'play']);
  });

  it('after a failed renewal keeps playing and tries again a little later', async () => {
    await playingHls();
    world.api.getStream.mockImplementationOnce(() =>
      Promise.resolve({ ok: false, error: appError('NETWORK') } as const),
    );
    await tick(21_000);
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    expect(hls[0]?.renewals).toEqual([]);
    expect(hls[0]?.isPlaying).toBe(true);
    await tick(1_000);
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    await tick(1_500);
    expect(world.api.getStream).toHaveBeenCalledTimes(3);
    expect(hls[0]?.renewals).toHaveLength(1);
  });

  it('a renewal racing a seek: the seek’s fresh sound stands, the late renewal is dropped', async () => {
    const store = await playingHls();
    const answer = holdNextGrant();
    await tick(21_000); // the renewal is on its way
    store.getState().seek(30); // on a grant inside the margin: rebuilt from a fresh grant
    await flush();
    expect(hls).toHaveLength(2);
    answer(hlsGrant(99, 40_000));
    await flush();
    expect(hls.flatMap((s) => s.renewals)).toEqual([]);
    expect(hls[1]?.calls).toEqual(['seek:30', 'play']);
  });

  it('a renewal racing a skip: the late grant touches nothing', async () => {
    const store = await playingHls();
    const answer = holdNextGrant();
    await tick(21_000);
    store.getState().next();
    await flush();
    answer(hlsGrant(99, 40_000));
    await flush();
    expect(hls[0]?.unloaded).toBe(true);
    expect(hls[0]?.renewals).toEqual([]);
  });

  it('renews nothing while paused: resuming fetches a fresh grant as usual', async () => {
    const store = await playingHls();
    store.getState().pause();
    await tick(30_000);
    expect(world.api.getStream).toHaveBeenCalledTimes(1);
    store.getState().play();
    await flush();
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    expect(hls).toHaveLength(2);
  });
});
