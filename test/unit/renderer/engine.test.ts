// The audio engine's state machine with a FakeHowl: grants just in time, refresh on expiry, recovery.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appError, DEFAULT_MESSAGES, MEDIA_UNREADABLE } from '../../../shared/errors';
import type { StreamGrant } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import { startEngine, type EngineOptions } from '../../../renderer/src/player/engine';
import type { AppStore } from '../../../renderer/src/store';
import { createLiveStore, FakeHlsSound, FakeHowl, fakeApi, flush, grant, track } from './fakes';

const T0 = 1_800_000_000_000;

let now = T0;
let sounds: FakeHowl[];
let stopEngine: (() => void) | null;
let grants: Result<StreamGrant>[];
let issued: number;
let api: ReturnType<typeof fakeApi>;

/** The grant main would hand out: a numbered URL living `ttlMs`. */
function issue(ttlMs: number): Result<StreamGrant> {
  issued += 1;
  return { ok: true, value: grant(`http://media/${issued}.mp3`, now + ttlMs) };
}

async function setup(options: { ttlMs?: number; tracks?: number } = {}): Promise<AppStore> {
  const ttlMs = options.ttlMs ?? 300_000;
  api = fakeApi({
    answer: (link) => track(Number(link.split('-').pop())),
    getStream: () => {
      return Promise.resolve(grants.shift() ?? issue(ttlMs));
    },
  });
  const store = createLiveStore(api);
  const links = Array.from(
    { length: options.tracks ?? 2 },
    (_, i) => `https://soundcloud.com/u/track-${i + 1}`,
  );
  if (links.length > 0) await store.getState().addText(links.join('\n'));
  await flush();
  restartEngine(store);
  return store;
}

/** (Re)starts the engine on `store` with FakeHowls recorded in `sounds`, plus any options of the test's. */
function restartEngine(store: AppStore, extra: Partial<EngineOptions> = {}): void {
  stopEngine?.();
  stopEngine = startEngine({
    store,
    getStream: api.getStream,
    createSound: (o) => {
      const sound = new FakeHowl(o);
      sounds.push(sound);
      return sound;
    },
    now: () => now,
    ...extra,
  });
}

/** Holds main's answer to the next getStream call until the test gives it. */
function holdNextGrant(): (answer: Result<StreamGrant>) => void {
  let give: (answer: Result<StreamGrant>) => void = () => undefined;
  api.getStream.mockImplementationOnce(() => new Promise<Result<StreamGrant>>((resolve) => (give = resolve)));
  return (answer) => give(answer);
}

const latest = (): FakeHowl => {
  const sound = sounds.at(-1);
  if (!sound) throw new Error('no sound was created');
  return sound;
};

beforeEach(() => {
  vi.useFakeTimers();
  now = T0;
  sounds = [];
  grants = [];
  issued = 0;
  stopEngine = null;
});

afterEach(() => {
  stopEngine?.();
  vi.useRealTimers();
});

describe('engine', () => {
  it('asks for a grant only when play is pressed, and plays it with howler in html5 mp3 mode', async () => {
    const store = await setup();
    expect(api.getStream).not.toHaveBeenCalled();
    store.getState().play();
    await flush();
    expect(api.getStream).toHaveBeenCalledWith({ trackId: 1 });
    expect(latest().options).toEqual({ src: 'http://media/1.mp3', format: ['mp3'], html5: true });
    expect(latest().calls).toEqual(['play']);
  });

  it('sends a private track’s token from its saved permalink, so a restarted main can sign it', async () => {
    api = fakeApi({
      answer: (link) => ({ ...track(link.includes('/s-') ? 7 : 8), permalink: link }),
      getStream: () => Promise.resolve(issue(300_000)),
    });
    const store = createLiveStore(api);
    await store
      .getState()
      .addText('https://soundcloud.com/u/hidden/s-Pr1v_At-e\nhttps://soundcloud.com/u/open');
    await flush();
    restartEngine(store);
    store.getState().play();
    await flush();
    expect(api.getStream).toHaveBeenCalledWith({ trackId: 7, secretToken: 's-Pr1v_At-e' });
    store.getState().next();
    await flush();
    // A public track's request carries no token.
    expect(api.getStream).toHaveBeenLastCalledWith({ trackId: 8 });
  });

  it('resumes the same sound when the grant is still good', async () => {
    const store = await setup();
    store.getState().play();
    await flush();
    latest().position = 12;
    store.getState().pause();
    now += 60_000;
    store.getState().play();
    await flush();
    expect(sounds).toHaveLength(1);
    expect(latest().calls).toEqual(['play', 'pause', 'play']);
    expect(api.getStream).toHaveBeenCalledTimes(1);
  });

  it('fetches a fresh grant before resuming past expiry, and resumes at the paused position', async () => {
    const store = await setup({ ttlMs: 3_000 });
    store.getState().play();
    await flush();
    latest().position = 7.5;
    store.getState().pause();
    now += 5_000;
    store.getState().play();
    await flush();
    expect(api.getStream).toHaveBeenCalledTimes(2);
    expect(sounds).toHaveLength(2);
    expect(sounds[0]?.unloaded).toBe(true);
    expect(latest().options.src).toBe('http://media/2.mp3');
    expect(latest().calls).toEqual(['seek:7.5', 'play']);
  });

  it('treats a grant inside the safety margin (half its lifetime when short) as expired', async () => {
    const store = await setup({ ttlMs: 10_000 });
    store.getState().play();
    await flush();
    store.getState().pause();
    now += 5_500; // 4.5 s left of a 10 s grant: less than half its life
    store.getState().play();
    await flush();
    expect(api.getStream).toHaveBeenCalledTimes(2);
  });

  it('recovers from a load error mid-track: new grant, same position, still playing', async () => {
    const store = await setup();
    store.getState().play();
    await flush();
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
    expect(api.getStream.mock.calls.map(([arg]) => arg)).toEqual([
      { trackId: 1 },
      { trackId: 1, fresh: true },
    ]);
  });

  it('after three recoveries within a minute, fails the item with EXPIRED and plays the next', async () => {
    const store = await setup();
    store.getState().play();
    await flush();
    for (let attempt = 0; attempt < 3; attempt++) {
      latest().emit('loaderror', 2);
      await flush();
      now += 1_000;
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
    const store = await setup();
    store.getState().play();
    await flush();
    for (let attempt = 0; attempt < 4; attempt++) {
      latest().emit('loaderror', attempt === 3 ? detail : { httpStatus: 403 });
      await flush();
      now += 1_000;
    }
    expect(store.getState().items[0]?.error).toEqual({ code, message });
  });

  it('forgets recoveries older than a minute', async () => {
    const store = await setup();
    store.getState().play();
    await flush();
    for (let attempt = 0; attempt < 6; attempt++) {
      latest().emit('loaderror', 2);
      await flush();
      now += 30_000;
    }
    expect(store.getState().items[0]?.status).toBe('ready');
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
    const store = await setup();
    store.getState().play();
    await flush();
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
    expect(api.getStream).toHaveBeenCalledTimes(1);
    // The next successful action takes the stale notice away.
    store.getState().play(second?.id);
    expect(store.getState().notice).toBeNull();
  });

  it('turns a lost connection to main during a refresh into a NETWORK error on the item', async () => {
    const store = await setup();
    store.getState().play();
    await flush();
    api.getStream.mockImplementationOnce(() => Promise.reject(new Error('bridge gone')));
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
    answerFirst({ ok: true, value: grant('http://media/stale.mp3', now + 300_000) });
    await flush();
    expect(sounds.map((s) => s.options.src)).not.toContain('http://media/stale.mp3');
    expect(latest().isPlaying).toBe(true);
    expect(store.getState().items[0]?.status).toBe('ready');
  });

  it('a recovery racing a user seek: one sound, at the sought position; the recovery’s late grant is dropped', async () => {
    const store = await setup();
    store.getState().play();
    await flush();
    const answerRecovery = holdNextGrant();
    latest().emit('loaderror', 2);
    await flush();
    store.getState().seek(42);
    await flush();
    answerRecovery({ ok: true, value: grant('http://media/late.mp3', now + 300_000) });
    await flush();
    expect(sounds.map((s) => s.options.src)).toEqual(['http://media/1.mp3', 'http://media/2.mp3']);
    expect(latest().calls).toEqual(['seek:42', 'play']);
  });

  it('a recovery racing a skip: the late grant touches neither track', async () => {
    const store = await setup();
    store.getState().play();
    await flush();
    const answerRecovery = holdNextGrant();
    latest().emit('loaderror', 2);
    await flush();
    store.getState().next();
    await flush();
    answerRecovery({ ok: true, value: grant('http://media/late.mp3', now + 300_000) });
    await flush();
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
    const store = await setup();
    store.getState().play();
    await flush();
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
    store.getState().play();
    await flush();
    expect(latest().calls).toEqual(['seek:90', 'play']);
  });
});

describe('engine: seek, volume and a restored position', () => {
  function withVolume(store: AppStore): ReturnType<typeof vi.fn<(v: number) => void>> {
    const setVolume = vi.fn<(v: number) => void>();
    restartEngine(store, { setVolume });
    return setVolume;
  }

  it('seeks the playing sound when its grant is good', async () => {
    const store = await setup();
    store.getState().play();
    await flush();
    store.getState().seek(42);
    expect(latest().calls).toEqual(['play', 'seek:42']);
    expect(api.getStream).toHaveBeenCalledTimes(1);
  });

  it('never seeks on a grant about to expire: a fresh grant, rebuilt at the new position', async () => {
    const store = await setup({ ttlMs: 4_000 });
    store.getState().play();
    await flush();
    now += 3_000;
    store.getState().seek(30);
    await flush();
    expect(api.getStream).toHaveBeenCalledTimes(2);
    expect(sounds[0]?.unloaded).toBe(true);
    expect(latest().calls).toEqual(['seek:30', 'play']);
  });

  it('sets the output volume, and 0 while muted', async () => {
    const store = await setup();
    const setVolume = withVolume(store);
    expect(setVolume).toHaveBeenLastCalledWith(1);
    store.getState().setVolume(0.4);
    expect(setVolume).toHaveBeenLastCalledWith(0.4);
    store.getState().toggleMute();
    expect(setVolume).toHaveBeenLastCalledWith(0);
    store.getState().toggleMute();
    expect(setVolume).toHaveBeenLastCalledWith(0.4);
  });

  it('starts a restored track at its saved position', async () => {
    const store = await setup();
    store.setState({ currentId: store.getState().items[1]?.id ?? null, restoredPosition: 33.5 });
    store.getState().play();
    await flush();
    expect(latest().calls).toEqual(['seek:33.5', 'play']);
  });
});

describe('engine: howler dropping what was asked before playback started', () => {
  it('pauses the sound when it starts after the listener already paused', async () => {
    const store = await setup();
    store.getState().play();
    await flush();
    store.getState().pause();
    const sound = latest();
    sound.isPlaying = true; // howler started it anyway: the queued pause was lost
    sound.emit('play');
    expect(sound.calls.at(-1)).toBe('pause');
    expect(sound.isPlaying).toBe(false);
  });

  it('applies a seek asked for before playback started once it starts', async () => {
    const store = await setup();
    store.getState().play();
    await flush();
    store.getState().seek(17);
    latest().position = 0; // the queued seek was lost
    latest().emit('play');
    expect(latest().position).toBe(17);
    expect(latest().isPlaying).toBe(true);
  });

  it('leaves a started sound alone when it reports playing again', async () => {
    const store = await setup();
    store.getState().play();
    await flush();
    latest().emit('play');
    store.getState().seek(5);
    latest().emit('play');
    expect(latest().calls.filter((c) => c === 'seek:5')).toHaveLength(1);
  });
});

describe('engine: choosing the backend from the grant', () => {
  it('plays an HLS grant with the HLS sound and a progressive one with howler, format from the MIME type', async () => {
    const store = await setup();
    const hls: FakeHowl[] = [];
    grants.push({
      ok: true,
      value: {
        url: 'http://media/aac.m3u8',
        protocol: 'hls',
        mimeType: 'audio/mp4; codecs="mp4a.40.2"',
        expiresAt: now + 300_000,
        preview: false,
      },
    });
    restartEngine(store, {
      createHlsSound: (o) => {
        const sound = new FakeHowl(o);
        hls.push(sound);
        return sound;
      },
    });
    store.getState().play();
    await flush();
    expect(hls.map((s) => s.options)).toEqual([
      { src: 'http://media/aac.m3u8', format: ['m4a'], html5: true },
    ]);
    expect(sounds).toHaveLength(0);
    store.getState().next();
    await flush();
    expect(sounds.map((s) => s.options.format)).toEqual([['mp3']]);
  });
});

describe('engine: the stall watchdog', () => {
  async function playingWithWatchdog(online: { value: boolean }) {
    const store = await setup();
    restartEngine(store, { stallMs: 5_000, isOnline: () => online.value });
    store.getState().play();
    await flush();
    latest().position = 12;
    latest().emit('play');
    vi.advanceTimersByTime(300);
    return store;
  }

  it('rebuilds at the same place when playing shows no progress for 5 s while online', async () => {
    await playingWithWatchdog({ value: true });
    now += 5_100;
    vi.advanceTimersByTime(300);
    await flush();
    expect(sounds).toHaveLength(2);
    expect(latest().calls).toEqual(['seek:12', 'play']);
  });

  it('leaves a sound alone that keeps moving', async () => {
    await playingWithWatchdog({ value: true });
    for (let i = 0; i < 10; i++) {
      now += 1_000;
      latest().position += 1;
      vi.advanceTimersByTime(300);
    }
    await flush();
    expect(sounds).toHaveLength(1);
  });

  it('replaces the URL at once when playback runs out of data on an expired grant', async () => {
    const store = await setup({ ttlMs: 6_000 });
    restartEngine(store, { stallMs: 5_000 });
    store.getState().play();
    await flush();
    latest().emit('play');
    latest().position = 4;
    vi.advanceTimersByTime(300);
    now += 4_000; // 2 s left of a 6 s grant: inside its margin
    latest().emit('waiting');
    await flush();
    expect(sounds).toHaveLength(2);
    expect(latest().calls).toEqual(['seek:4', 'play']);
    expect(api.getStream.mock.calls[1]?.[0]).toEqual({ trackId: 1, fresh: true });
  });

  it('leaves a sound waiting for data on a good grant to the watchdog', async () => {
    const store = await setup();
    store.getState().play();
    await flush();
    latest().emit('play');
    latest().emit('waiting');
    await flush();
    expect(sounds).toHaveLength(1);
  });

  it('does not count a stall while offline, or while paused', async () => {
    const online = { value: false };
    const store = await playingWithWatchdog(online);
    now += 10_000;
    vi.advanceTimersByTime(300);
    store.getState().pause();
    online.value = true;
    now += 10_000;
    vi.advanceTimersByTime(300);
    await flush();
    expect(sounds).toHaveLength(1);
  });
});

describe('engine: preparing the next track', () => {
  it('asks for the next track’s grant once, about 20 s before the current one ends', async () => {
    const store = await setup({ tracks: 3 });
    store.getState().play();
    await flush();
    expect(api.getStream.mock.calls.map(([arg]) => arg.trackId)).toEqual([1]);
    latest().position = 30; // 30 s into a 60 s track: too early
    vi.advanceTimersByTime(300);
    expect(api.getStream).toHaveBeenCalledTimes(1);
    latest().position = 41;
    vi.advanceTimersByTime(300);
    latest().position = 45;
    vi.advanceTimersByTime(300);
    await flush();
    expect(api.getStream.mock.calls.map(([arg]) => arg.trackId)).toEqual([1, 2]);
  });

  it('waits for the current track’s grant before preparing, even near the end', async () => {
    const store = await setup({ tracks: 2, ttlMs: 8_000 });
    // Restored 4 s before the end of track 1; main is slow to answer for it.
    store.setState({ currentId: store.getState().items[0]?.id ?? null, restoredPosition: 56 });
    const answer = holdNextGrant();
    store.getState().play();
    vi.advanceTimersByTime(1_000);
    await flush();
    expect(api.getStream.mock.calls.map(([arg]) => arg.trackId)).toEqual([1]);
    // With the grant in, the lead is a quarter of its 8 s life: 4 s before the end is still too early.
    answer(issue(8_000));
    await flush();
    vi.advanceTimersByTime(1_000);
    await flush();
    expect(api.getStream).toHaveBeenCalledTimes(1);
  });

  it('prepares nothing for the last track without repeat, nor while paused', async () => {
    const store = await setup({ tracks: 2 });
    store.getState().play(store.getState().items[1]?.id);
    await flush();
    latest().position = 50;
    vi.advanceTimersByTime(300);
    store.getState().pause();
    store.getState().play(store.getState().items[0]?.id);
    await flush();
    store.getState().pause();
    latest().position = 55;
    vi.advanceTimersByTime(300);
    await flush();
    expect(api.getStream.mock.calls.map(([arg]) => arg.trackId)).toEqual([2, 1]);
  });
});

describe('engine: the prepared next track', () => {
  /** Plays track 1 of `tracks` and lets the engine prepare track 2 (its sound created, not playing). */
  async function preparedSecond(options: { tracks?: number; ttlMs?: number } = {}) {
    const store = await setup({ tracks: options.tracks ?? 3, ttlMs: options.ttlMs ?? 300_000 });
    store.getState().play();
    await flush();
    latest().emit('play');
    latest().position = 45;
    vi.advanceTimersByTime(300);
    await flush();
    expect(sounds).toHaveLength(2);
    return { store, current: sounds[0] as FakeHowl, next: sounds[1] as FakeHowl };
  }

  it('loads the next track’s sound without playing it, then starts that very sound when the track ends', async () => {
    const { store, current, next } = await preparedSecond();
    expect(next.options.src).toBe('http://media/2.mp3');
    expect(next.calls).toEqual([]);
    current.emit('end');
    expect(store.getState().items.findIndex((i) => i.id === store.getState().currentId)).toBe(1);
    // Synchronously, within the 'end' event: no grant to wait for, no new sound.
    expect(next.calls).toEqual(['play']);
    expect(current.unloaded).toBe(true);
    await flush();
    expect(sounds).toHaveLength(2);
    expect(api.getStream).toHaveBeenCalledTimes(2);
  });

  it('starts the prepared sound when the listener skips to it with Next, too', async () => {
    const { store, next } = await preparedSecond();
    store.getState().next();
    expect(next.calls).toEqual(['play']);
  });

  it('drops the prepared sound when another track is chosen, and plays that one from a fresh grant', async () => {
    const { store, next } = await preparedSecond();
    store.getState().play(store.getState().items[2]?.id);
    await flush();
    expect(next.unloaded).toBe(true);
    expect(latest().options.src).toBe('http://media/3.mp3');
    expect(latest().calls).toEqual(['play']);
  });

  it('fetches a fresh grant instead when the prepared one has aged into the safety margin', async () => {
    const { current, next } = await preparedSecond();
    now += 290_000; // paused over lunch at the end of track 1: the prepared grant is nearly dead
    current.emit('end');
    await flush();
    expect(next.unloaded).toBe(true);
    expect(latest().options.src).toBe('http://media/3.mp3');
    expect(latest().calls).toEqual(['play']);
  });

  it('starts the ordinary way when the prepared sound failed to load', async () => {
    const { current, next } = await preparedSecond();
    next.emit('loaderror');
    expect(next.unloaded).toBe(true);
    current.emit('end');
    await flush();
    expect(latest()).not.toBe(next);
    expect(latest().options.src).toBe('http://media/3.mp3');
    expect(latest().calls).toEqual(['play']);
  });

  it('ignores a prepared grant that arrives after the listener moved on', async () => {
    const store = await setup({ tracks: 3 });
    store.getState().play();
    await flush();
    const answer = holdNextGrant();
    latest().position = 45;
    vi.advanceTimersByTime(300);
    store.getState().play(store.getState().items[2]?.id);
    await flush();
    answer(issue(300_000));
    await flush();
    // Track 1's sound and track 3's: none was built for the late grant of track 2.
    expect(sounds.map((s) => s.options.src)).toEqual(['http://media/1.mp3', 'http://media/2.mp3']);
    expect(latest().calls).toEqual(['play']);
  });

  it('prepares earlier than a short grant’s lifetime allows: a quarter of it before the end', async () => {
    const store = await setup({ tracks: 2, ttlMs: 8_000 });
    store.getState().play();
    await flush();
    latest().position = 57; // 3 s before the end: more than a quarter of 8 s
    vi.advanceTimersByTime(300);
    await flush();
    expect(api.getStream).toHaveBeenCalledTimes(1);
    latest().position = 58.2;
    vi.advanceTimersByTime(300);
    await flush();
    expect(api.getStream.mock.calls.map(([arg]) => arg.trackId)).toEqual([1, 2]);
  });
});

describe('engine: renewing an HLS stream before its policy runs out', () => {
  let hls: FakeHlsSound[];

  function hlsGrant(n: number, ttlMs: number): Result<StreamGrant> {
    return {
      ok: true,
      value: {
        url: `http://media/aac.m3u8?policy=${n}`,
        protocol: 'hls',
        mimeType: 'audio/mp4',
        expiresAt: now + ttlMs,
        preview: false,
      },
    };
  }

  /** Plays an HLS track whose grants live 40 s (so the margin is 20 s), at 10 s in. */
  async function playingHls(): Promise<AppStore> {
    const store = await setup();
    hls = [];
    let n = 0;
    api.getStream.mockImplementation(() => Promise.resolve(hlsGrant(++n, 40_000)));
    restartEngine(store, {
      createHlsSound: (o) => {
        const sound = new FakeHlsSound(o);
        hls.push(sound);
        return sound;
      },
      renewRetryMs: 2_000,
    });
    store.getState().play();
    await flush();
    hls[0]?.emit('play');
    if (hls[0]) hls[0].position = 10;
    return store;
  }

  /** `ms` of playback: the clock and the playing sound's position move on together. */
  const tick = async (ms: number): Promise<void> => {
    now += ms;
    for (const sound of hls) if (sound.isPlaying) sound.position += ms / 1000;
    vi.advanceTimersByTime(300);
    await flush();
  };

  it('renews the playing sound’s URL when the grant enters the safety margin, without rebuilding', async () => {
    await playingHls();
    await tick(15_000);
    expect(api.getStream).toHaveBeenCalledTimes(1);
    await tick(6_000); // 21 s into a 40 s grant: within 20 s of its end
    expect(api.getStream).toHaveBeenCalledTimes(2);
    expect(hls).toHaveLength(1);
    expect(hls[0]?.renewals).toEqual(['http://media/aac.m3u8?policy=2']);
    expect(api.getStream.mock.calls[1]?.[0]).toEqual({ trackId: 1, fresh: true });
    expect(hls[0]?.calls).not.toContain('pause');
    // The renewed grant is good for another 20 s.
    await tick(10_000);
    expect(api.getStream).toHaveBeenCalledTimes(2);
    await tick(11_000);
    expect(hls[0]?.renewals).toHaveLength(2);
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
    api.getStream.mockImplementationOnce(() =>
      Promise.resolve({ ok: false, error: appError('NETWORK') } as const),
    );
    await tick(21_000);
    expect(api.getStream).toHaveBeenCalledTimes(2);
    expect(hls[0]?.renewals).toEqual([]);
    expect(hls[0]?.isPlaying).toBe(true);
    await tick(1_000);
    expect(api.getStream).toHaveBeenCalledTimes(2);
    await tick(1_500);
    expect(api.getStream).toHaveBeenCalledTimes(3);
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
    expect(api.getStream).toHaveBeenCalledTimes(1);
    store.getState().play();
    await flush();
    expect(api.getStream).toHaveBeenCalledTimes(2);
    expect(hls).toHaveLength(2);
  });
});

describe('loading until the audio moves', () => {
  it('is not sounding from play() until the position advances, and again after a pause or a skip', async () => {
    const store = await setup({ tracks: 2 });
    store.getState().play();
    await flush();
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
