// The page's side of the desktop shell (store/desktop.ts, store/play-added.ts): what main is told plays, and
// when; the ready signal after the saved queue; links main opens (added as a paste, the first played with
// `play`); the tray's and the system's commands, a pause never resuming.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../../shared/errors';
import type { NowPlaying } from '../../../shared/ipc';
import type { AppStore } from '../../../renderer/src/store';
import { startDesktop, type DesktopOptions } from '../../../renderer/src/store/desktop';
import { createLiveStore, fakeApi, flush, idOf, linkOf, numbers, storeWithTracks, track } from './fakes';

const NEVER = new Promise<never>(() => undefined);
const THROTTLE_MS = 100;

let stops: (() => void)[] = [];

afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
  vi.useRealTimers();
});

function desktopOn(
  store: AppStore,
  api: ReturnType<typeof fakeApi>,
  options: Partial<DesktopOptions> = {},
): void {
  stops.push(
    startDesktop(store, api, { getPosition: () => 0, restored: NEVER, throttleMs: THROTTLE_MS, ...options }),
  );
}

/** What main has been told, in order. */
const told = (api: ReturnType<typeof fakeApi>): NowPlaying[] => api.nowPlaying.mock.calls.map(([now]) => now);

/** A fake main that resolves `…/track-N` to track N, failing those in `failing`. */
function apiFailing(...failing: number[]): ReturnType<typeof fakeApi> {
  return fakeApi({
    answer: (link) => {
      const n = Number(link.split('-').pop());
      return failing.includes(n) ? appError('NOT_FOUND') : track(n);
    },
  });
}

describe('what main is told plays', () => {
  it('tells the state at start, then each change, at most once per interval and only when it changed', async () => {
    const { store, api } = await storeWithTracks([1, 2]);
    vi.useFakeTimers();
    desktopOn(store, api);
    vi.advanceTimersByTime(0);
    expect(told(api)).toEqual([{ track: null, playing: false, canNext: false, canPrevious: false }]);

    // A burst of changes within one interval: one message, with where the burst ended.
    store.getState().play(idOf(store, 1));
    store.getState().pause();
    store.getState().toggle();
    expect(told(api)).toHaveLength(1);
    vi.advanceTimersByTime(THROTTLE_MS);
    expect(told(api)).toHaveLength(2);
    expect(told(api)[1]).toEqual({
      track: { id: 1, title: 'Track 1', artist: 'Someone' },
      playing: true,
      canNext: true,
      canPrevious: true,
    });

    // Changes main does not care about, or that end where they began, say nothing.
    store.getState().setVolume(0.3);
    store.getState().pause();
    store.getState().play();
    vi.advanceTimersByTime(THROTTLE_MS * 3);
    expect(told(api)).toHaveLength(2);

    // The last track: Next has nothing to go to until repeat wraps round.
    store.getState().next();
    vi.advanceTimersByTime(THROTTLE_MS);
    expect(told(api)[2]).toMatchObject({ track: { id: 2 }, canNext: false });
    store.getState().cycleRepeat();
    vi.advanceTimersByTime(THROTTLE_MS);
    expect(told(api)[3]).toMatchObject({ track: { id: 2 }, canNext: true });
  });

  it('cuts a very long title to what main accepts', async () => {
    const api = fakeApi({ answer: () => track(7, 'x'.repeat(5_000)) });
    const store = createLiveStore(api);
    await store.getState().addText(linkOf(7));
    await flush();
    vi.useFakeTimers();
    desktopOn(store, api);
    store.getState().play();
    vi.advanceTimersByTime(THROTTLE_MS);
    const title = told(api).at(-1)?.track?.title ?? '';
    expect(title.length).toBeGreaterThan(0);
    expect(title.length).toBeLessThanOrEqual(2_000);
  });

  it('says nothing more once stopped', async () => {
    const { store, api } = await storeWithTracks([1]);
    vi.useFakeTimers();
    desktopOn(store, api);
    vi.advanceTimersByTime(0);
    stops.pop()?.();
    store.getState().play();
    vi.advanceTimersByTime(THROTTLE_MS * 2);
    expect(told(api)).toHaveLength(1);
  });
});

describe('the ready signal', () => {
  it('goes once the saved queue is restored, not before', async () => {
    const api = fakeApi({});
    const store = createLiveStore(api);
    let restore: () => void = () => undefined;
    desktopOn(store, api, { restored: new Promise<void>((resolve) => (restore = resolve)) });
    await flush();
    expect(api.desktopReady).not.toHaveBeenCalled();
    restore();
    await flush();
    expect(api.desktopReady).toHaveBeenCalledExactlyOnceWith({});
  });

  it('never goes from a page that stopped before its queue was restored', async () => {
    const api = fakeApi({});
    let restore: () => void = () => undefined;
    desktopOn(createLiveStore(api), api, { restored: new Promise<void>((resolve) => (restore = resolve)) });
    stops.pop()?.();
    restore();
    await flush();
    expect(api.desktopReady).not.toHaveBeenCalled();
  });
});

describe('links main opens', () => {
  it('adds them after the queue, as a paste does, and plays nothing without play', async () => {
    const { store, api } = await storeWithTracks([1]);
    desktopOn(store, api);
    api.emit({ type: 'open-links', links: [linkOf(2), linkOf(3)], play: false });
    await flush();
    expect(numbers(store)).toEqual([1, 2, 3]);
    expect(store.getState().items.map((item) => item.status)).toEqual(['ready', 'ready', 'ready']);
    expect(store.getState().playing).toBe(false);
    expect(store.getState().currentId).toBeNull();
  });

  it('with play, plays the first one added once it resolves, passing over one that failed', async () => {
    const api = apiFailing(5);
    const store = createLiveStore(api);
    await store.getState().addText(linkOf(1));
    await flush();
    store.getState().play(idOf(store, 1));
    desktopOn(store, api);
    api.emit({ type: 'open-links', links: [linkOf(5), linkOf(6), linkOf(7)], play: true });
    await flush();
    expect(numbers(store)).toEqual([1, 5, 6, 7]);
    expect(store.getState().currentId).toBe(idOf(store, 6));
    expect(store.getState().playing).toBe(true);
  });

  it('leaves the cursor where the listener put it while the links were resolving', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const api = fakeApi({
      answer: async (link) => {
        const n = Number(link.split('-').pop());
        if (n === 9) await held;
        return track(n);
      },
    });
    const store = createLiveStore(api);
    await store.getState().addText(linkOf(1));
    await flush();
    desktopOn(store, api);
    api.emit({ type: 'open-links', links: [linkOf(9)], play: true });
    await flush();
    store.getState().play(idOf(store, 1));
    release();
    await flush();
    expect(store.getState().currentId).toBe(idOf(store, 1));
  });

  it('a Shift+drop plays what it added the same way (addLinks with play)', async () => {
    const { addLinks } = await import('../../../renderer/src/store/play-added');
    const { store } = await storeWithTracks([1, 2]);
    await addLinks(store, `${linkOf(4)}\n${linkOf(5)}`, true);
    await flush();
    expect(numbers(store)).toEqual([1, 2, 4, 5]);
    expect(store.getState().currentId).toBe(idOf(store, 4));
    expect(store.getState().playing).toBe(true);
  });
});

describe('commands from the tray and the system', () => {
  it('pause pauses, and never starts a paused player', async () => {
    const { store, api } = await storeWithTracks([1, 2]);
    desktopOn(store, api);
    api.emit({ type: 'player-command', command: 'pause' });
    expect(store.getState().playing).toBe(false);
    store.getState().play(idOf(store, 1));
    api.emit({ type: 'player-command', command: 'pause' });
    api.emit({ type: 'player-command', command: 'pause' });
    expect(store.getState().playing).toBe(false);
    expect(store.getState().currentId).toBe(idOf(store, 1));
  });

  it('toggle, next and previous act as the player’s own buttons do', async () => {
    let position = 0;
    const { store, api } = await storeWithTracks([1, 2, 3]);
    desktopOn(store, api, { getPosition: () => position });
    api.emit({ type: 'player-command', command: 'toggle' });
    expect(store.getState()).toMatchObject({ playing: true, currentId: idOf(store, 1) });
    api.emit({ type: 'player-command', command: 'next' });
    expect(store.getState().currentId).toBe(idOf(store, 2));
    // Well into the track, Previous restarts it; at its start, it goes back.
    position = 42;
    api.emit({ type: 'player-command', command: 'previous' });
    expect(store.getState().currentId).toBe(idOf(store, 2));
    expect(store.getState().seekRequest?.seconds).toBe(0);
    position = 1;
    api.emit({ type: 'player-command', command: 'previous' });
    expect(store.getState().currentId).toBe(idOf(store, 1));
    api.emit({ type: 'player-command', command: 'toggle' });
    expect(store.getState().playing).toBe(false);
  });
});
