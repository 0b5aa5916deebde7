// The audio engine following the store, with FakeHowls: grants just in time, refresh on expiry, recovery,
// races with the listener, the backend chosen from the grant, and "loading" until the audio moves.
import { describe, expect, it, vi } from 'vitest';
import { appError, DEFAULT_MESSAGES, MEDIA_UNREADABLE } from '../../../shared/errors';
import type { AppStore } from '../../../renderer/src/store';
import { soundsOf, useEngineWorld } from './engine-world';
import { createLiveStore, FakeHowl, fakeApi, flush, grant, track } from './fakes';

const world = useEngineWorld();
const { sounds, grants, issue, setup, restartEngine, holdNextGrant, latest, startPlaying, playNow } = world;

describe('engine', () => {
  it('asks for a grant only when play is pressed, and plays it with howler in html5 mp3 mode', async () => {
    const store = await setup();
    expect(world.api.getStream).not.toHaveBeenCalled();
    store.getState().play();
    await flush();
    expect(world.api.getStream).toHaveBeenCalledWith({ trackId: 1 });
    // The sound is told its track (the graph gives it that track's loudness gain).
    expect(latest().options).toEqual({ src: 'http://media/1.mp3', format: ['mp3'], html5: true, trackId: 1 });
    expect(latest().calls).toEqual(['play']);
  });

  it('sends a private track’s token from its saved permalink, so a restarted main can sign it', async () => {
    world.api = fakeApi({
      answer: (link) => ({ ...track(link.includes('/s-') ? 7 : 8), permalink: link }),
      getStream: () => Promise.resolve(issue(300_000)),
    });
    const store = createLiveStore(world.api);
    await store
      .getState()
      .addText('https://soundcloud.com/u/hidden/s-Pr1v_At-e\nhttps://soundcloud.com/u/open');
    await flush();
    restartEngine(store);
    store.getState().play();
    await flush();
    expect(world.api.getStream).toHaveBeenCalledWith({ trackId: 7, secretToken: 's-Pr1v_At-e' });
    store.getState().next();
    await flush();
    // A public track's request carries no token.
    expect(world.api.getStream).toHaveBeenLastCalledWith({ trackId: 8 });
  });

  it('resumes the same sound when the grant is still good', async () => {
    const store = await startPlaying();
    latest().position = 12;
    store.getState().pause();
    world.now += 60_000;
    store.getState().play();
    await flush();
    expect(sounds).toHaveLength(1);
    expect(latest().calls).toEqual(['play', 'pause', 'play']);
    expect(world.api.getStream).toHaveBeenCalledTimes(1);
  });

  it('fetches a fresh grant before resuming past expiry, and resumes at the paused position', async () => {
    const store = await startPlaying({ ttlMs: 3_000 });
    latest().position = 7.5;
    store.getState().pause();
    world.now += 5_000;
    store.getState().play();
    await flush();
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    expect(sounds).toHaveLength(2);
    expect(sounds[0]?.unloaded).toBe(true);
    expect(latest().options.src).toBe('http://media/2.mp3');
    expect(latest().calls).toEqual(['seek:7.5', 'play']);
  });

  it('treats a grant inside the safety margin (half its lifetime when short) as expired', async () => {
    const store = await startPlaying({ ttlMs: 10_000 });
    store.getState().pause();
    world.now += 5_500; // 4.5 s left of a 10 s grant: less than half its life
    store.getState().play();
    await flush();
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
  });

  it('recovers from a load error mid-track: new grant, same position, still playing', async () => {
    const store = await startPlaying();
    latest().position = 21.25;
    vi.advanceTimersByTime(300); // the engine samples the position while playing
    latest().position = 0; // howler may report nonsense after the failure
    latest().emit('loaderror', 2);
    await flush();
    expect(sounds).toHaveLength(2);
    expect(sounds[0]?.unloaded).toBe(true);
    expect(latest().calls).toEqual(['seek:21.25', 'play']);
    expect(store.getState().playing).toBe(true);
    // The URL in hand failed: main is asked for a fresh one, not its cached copy.
    expect(world.api.getStream.mock.calls.map(([arg]) => arg)).toEqual([
      { trackId: 1 },
      { trackId: 1, fresh: true },
    ]);
  });

  it('after three recoveries within a minute, fails the item with EXPIRED and plays the next', async () => {
    const store = await startPlaying();
    for (let attempt = 0; attempt < 3; attempt++) {
      latest().emit('loaderror', 2);
      await flush();
      world.now += 1_000;
    }
    expect(sounds).toHaveLength(4);
    latest().emit('playerror');
    await flush();
    const [first, second] = store.getState().items;
    expect(first?.status).toBe('error');
    expect(first?.error?.code).toBe('EXPIRED');
    expect(store.getState().currentId).toBe(second?.id);
    expect(latest().options.src).toBe('http://media/5.mp3');
  });

  it.each([
    { detail: { httpStatus: 0 }, code: 'NETWORK', message: MEDIA_UNREADABLE },
    { detail: { httpStatus: 503 }, code: 'SERVER', message: DEFAULT_MESSAGES.SERVER },
    { detail: { httpStatus: 403 }, code: 'EXPIRED', message: DEFAULT_MESSAGES.EXPIRED },
    { detail: 'fragLoadTimeOut', code: 'EXPIRED', message: DEFAULT_MESSAGES.EXPIRED },
  ])('when the last failure says $detail, the spent item says $code', async ({ detail, code, message }) => {
    const store = await startPlaying();
    for (let attempt = 0; attempt < 4; attempt++) {
      latest().emit('loaderror', attempt === 3 ? detail : { httpStatus: 403 });
      await flush();
      world.now += 1_000;
    }
    expect(store.getState().items[0]?.error).toEqual({ code, message });
  });

  it('never gives up a track whose recoveries succeed, however many it needs', async () => {
    const store = await startPlaying();
    for (let attempt = 0; attempt < 6; attempt++) {
      latest().emit('play');
      latest().position += 2; // the audio moves: the recovery before worked
      world.now += 2_000;
      vi.advanceTimersByTime(300);
      latest().emit('loaderror', 2);
      // The budget spaces the fresh grants (the first two at once, then 1, 2, 4 s apart).
      await vi.advanceTimersByTimeAsync(8_000);
    }
    expect(sounds).toHaveLength(7);
    expect(store.getState().items[0]?.status).toBe('ready');
    expect(store.getState().currentId).toBe(store.getState().items[0]?.id);
  });

  it('spaces the fresh grants of failures in a row by the budget, then gives up after three', async () => {
    const store = await startPlaying();
    const askedAt: number[] = [];
    world.api.getStream.mockImplementation(() => {
      askedAt.push(Date.now());
      return Promise.resolve(world.issue(300_000));
    });
    for (let attempt = 0; attempt < 3; attempt++) {
      latest().emit('loaderror', 2);
      await vi.advanceTimersByTimeAsync(5_000);
    }
    expect(askedAt.map((t) => t - (askedAt[0] ?? 0))).toEqual([0, 0, 1_000].map((d, i) => d + i * 5_000));
    latest().emit('loaderror', 2);
    await flush();
    expect(store.getState().items[0]?.status).toBe('error');
  });

  it('shows the grant error on the item and moves on when no grant can be had', async () => {
    const store = await setup();
    grants.push({ ok: false, error: appError('NETWORK') });
    store.getState().play();
    await flush();
    expect(store.getState().items[0]?.error?.code).toBe('NETWORK');
    expect(store.getState().currentId).toBe(store.getState().items[1]?.id);
  });

  it('fails the item with the refresh’s own error when the grant after a load error cannot be had', async () => {
    const store = await startPlaying();
    grants.push({ ok: false, error: appError('SERVER', 'Busy.') });
    latest().emit('loaderror', 2);
    await flush();
    const [first, second] = store.getState().items;
    expect(first?.error).toEqual(appError('SERVER', 'Busy.'));
    expect(store.getState().currentId).toBe(second?.id);
    expect(latest().options.src).toBe('http://media/2.mp3');
    expect(latest().calls).toEqual(['play']);
  });

  it('stops on a provider’s failure instead of failing every next track, and says why', async () => {
    const store = await setup({ tracks: 3 });
    grants.push({ ok: false, error: appError('UNAUTHORIZED', 'Refused.') });
    store.getState().play();
    await flush();
    const [first, second, third] = store.getState().items;
    expect(first?.error?.code).toBe('UNAUTHORIZED');
    expect(second?.status).toBe('ready');
    expect(third?.status).toBe('ready');
    expect(store.getState()).toMatchObject({ currentId: first?.id, playing: false });
    expect(store.getState().notice).toBe('Playback stopped: Refused.');
    expect(world.api.getStream).toHaveBeenCalledTimes(1);
    // The next successful action takes the stale notice away.
    store.getState().play(second?.id);
    expect(store.getState().notice).toBeNull();
  });

  it('turns a lost connection to main during a refresh into a NETWORK error on the item', async () => {
    const store = await startPlaying();
    world.api.getStream.mockImplementationOnce(() => Promise.reject(new Error('bridge gone')));
    latest().emit('loaderror', 2);
    await flush();
    expect(store.getState().items[0]?.error?.code).toBe('NETWORK');
  });

  it('ignores a grant that arrives after the listener skipped to another track', async () => {
    const store = await setup();
    const answerFirst = holdNextGrant();
    store.getState().play();
    await flush();
    store.getState().next();
    await flush();
    answerFirst({ ok: true, value: grant('http://media/stale.mp3', world.now + 300_000) });
    await flush();
    expect(sounds.map((s) => s.options.src)).not.toContain('http://media/stale.mp3');
    expect(latest().isPlaying).toBe(true);
    expect(store.getState().items[0]?.status).toBe('ready');
  });

  /** A recovery from a load error whose grant main holds while the listener does `move`, then gives late. */
  async function recoveryRacing(move: (store: AppStore) => void): Promise<AppStore> {
    const store = await startPlaying();
    const answerRecovery = holdNextGrant();
    latest().emit('loaderror', 2);
    await flush();
    move(store);
    await flush();
    answerRecovery({ ok: true, value: grant('http://media/late.mp3', world.now + 300_000) });
    await flush();
    return store;
  }

  it('a recovery racing a user seek: one sound, at the sought position; the recovery’s late grant is dropped', async () => {
    await recoveryRacing((store) => store.getState().seek(42));
    expect(sounds.map((s) => s.options.src)).toEqual(['http://media/1.mp3', 'http://media/2.mp3']);
    expect(latest().calls).toEqual(['seek:42', 'play']);
  });

  it('a recovery racing a skip: the late grant touches neither track', async () => {
    const store = await recoveryRacing((store) => store.getState().next());
    expect(sounds.map((s) => s.options.src)).not.toContain('http://media/late.mp3');
    expect(store.getState().currentId).toBe(store.getState().items[1]?.id);
    expect(latest().isPlaying).toBe(true);
    expect(store.getState().items[0]?.status).toBe('ready');
  });

  it('does not start playing when paused while the grant was on its way', async () => {
    const store = await setup();
    store.getState().play();
    store.getState().pause();
    await flush();
    expect(sounds.every((s) => !s.isPlaying)).toBe(true);
  });

  it('moves to the next track when one ends, and stops after the last', async () => {
    const store = await startPlaying();
    latest().emit('end');
    await flush();
    expect(store.getState().currentId).toBe(store.getState().items[1]?.id);
    expect(latest().options.src).toBe('http://media/2.mp3');
    latest().emit('end');
    await flush();
    expect(store.getState()).toMatchObject({ currentId: null, playing: false });
    expect(latest().unloaded).toBe(true);
  });

  it('starts at the link’s #t= offset', async () => {
    const store = await setup({ tracks: 0 });
    await store.getState().addText('https://soundcloud.com/u/track-9#t=90');
    await flush();
    await playNow(store);
    expect(latest().calls).toEqual(['seek:90', 'play']);
  });
});

describe('engine: choosing the backend from the grant', () => {
  it('plays an HLS grant with the HLS sound and a progressive one with howler, format from the MIME type', async () => {
    const store = await setup();
    const hls = soundsOf(FakeHowl);
    grants.push({
      ok: true,
      value: {
        url: 'http://media/aac.m3u8',
        protocol: 'hls',
        mimeType: 'audio/mp4; codecs="mp4a.40.2"',
        expiresAt: world.now + 300_000,
        preview: false,
      },
    });
    restartEngine(store, { createHlsSound: hls.create });
    await playNow(store);
    expect(hls.made.map((s) => s.options)).toEqual([
      { src: 'http://media/aac.m3u8', format: ['m4a'], html5: true, trackId: 1 },
    ]);
    expect(sounds).toHaveLength(0);
    store.getState().next();
    await flush();
    expect(sounds.map((s) => s.options.format)).toEqual([['mp3']]);
  });
});

describe('loading until the audio moves', () => {
  it('is not sounding from play() until the position advances, and again after a pause or a skip', async () => {
    const store = await startPlaying({ tracks: 2 });
    const sound = latest();
    sound.emit('play');
    await vi.advanceTimersByTimeAsync(500);
    // play() was called and howler said 'play', but no audio has moved yet.
    expect(store.getState()).toMatchObject({ playing: true, sounding: false });
    sound.position = 0.4;
    await vi.advanceTimersByTimeAsync(300);
    expect(store.getState().sounding).toBe(true);

    store.getState().pause();
    expect(store.getState().sounding).toBe(false);
    store.getState().play();
    await flush();
    await vi.advanceTimersByTimeAsync(300);
    expect(store.getState().sounding).toBe(false);
    sound.position = 1;
    await vi.advanceTimersByTimeAsync(300);
    expect(store.getState().sounding).toBe(true);

    store.getState().next();
    expect(store.getState().sounding).toBe(false);
  });
});
