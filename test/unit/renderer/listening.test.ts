// The listening slice without React: the speed per kind of track, "stop after this track", and the sleep timer
// on a clock the test moves (its fade, its pause, and a clock that jumps as after the machine slept).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppStore } from '../../../renderer/src/store';
import { SLEEP_FADE_MS } from '../../../renderer/src/store/listening';
import { speedOf } from '../../../renderer/src/store/speeds';
import { createLiveStore, currentNumber, fakeApi, flush, idOf, linkOf, track } from './fakes';

/** Track `n`, an hour long when `n` is in `long`. */
async function storeOf(
  numbers: readonly number[],
  long: readonly number[],
  now: () => number,
): Promise<AppStore> {
  const api = fakeApi({
    answer: (link) => {
      const n = Number(link.split('-').pop());
      return long.includes(n) ? { ...track(n), durationMs: 3_600_000 } : track(n);
    },
  });
  const store = createLiveStore(api, { now });
  await store.getState().addText(numbers.map(linkOf).join(' '));
  await flush();
  return store;
}

let clock = 0;
const now = (): number => clock;

/** Moves the store's clock and the timers by `ms` together. */
function pass(ms: number): void {
  clock += ms;
  vi.advanceTimersByTime(ms);
}

beforeEach(() => {
  vi.useFakeTimers();
  clock = 1_000_000;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('playback speed', () => {
  it('is kept apart for long tracks and the rest, and follows the kind of the current track', async () => {
    const store = await storeOf([1, 2], [2], now);
    store.getState().play(idOf(store, 1));
    store.getState().setSpeed(1.5);
    expect(store.getState().speeds).toEqual({ long: 1, other: 1.5 });
    store.getState().play(idOf(store, 2));
    expect(speedOf(store.getState())).toBe(1);
    store.getState().setSpeed(2);
    expect(store.getState().speeds).toEqual({ long: 2, other: 1.5 });
    store.getState().play(idOf(store, 1));
    expect(speedOf(store.getState())).toBe(1.5);
    expect(speedOf(store.getState(), idOf(store, 2))).toBe(2);
  });

  it('takes the nearest step, and 1× for what is not a number', async () => {
    const store = await storeOf([1], [], now);
    store.getState().play();
    const cases: [number, number][] = [
      [1.3, 1.25],
      [9, 2],
      [0.1, 0.5],
      [0.8, 0.75],
      [Number.NaN, 1],
    ];
    for (const [asked, step] of cases) {
      store.getState().setSpeed(asked);
      expect(store.getState().speeds.other, String(asked)).toBe(step);
    }
  });
});

describe('stop after this track', () => {
  it('stops at the end of the track with the next one chosen and paused, then turns itself off', async () => {
    const store = await storeOf([1, 2, 3], [], now);
    store.getState().play(idOf(store, 1));
    store.getState().setStopAfterCurrent(true);
    store.getState().endOfTrack();
    expect(currentNumber(store)).toBe(2);
    expect(store.getState().playing).toBe(false);
    expect(store.getState().stopAfterCurrent).toBe(false);
    // Off again: the next end plays on as usual.
    store.getState().play();
    store.getState().endOfTrack();
    expect(currentNumber(store)).toBe(3);
    expect(store.getState().playing).toBe(true);
  });

  it('at the last track, stops as the end of the queue does', async () => {
    const store = await storeOf([1, 2], [], now);
    store.getState().play(idOf(store, 2));
    store.getState().setSleepTimer('end');
    expect(store.getState().stopAfterCurrent).toBe(true);
    store.getState().endOfTrack();
    expect(store.getState().currentId).toBeNull();
    expect(store.getState().playing).toBe(false);
  });

  it('with repeat one, stops on the same track instead of playing it again', async () => {
    const store = await storeOf([1, 2], [], now);
    store.getState().play(idOf(store, 1));
    store.getState().cycleRepeat();
    store.getState().cycleRepeat();
    expect(store.getState().repeat).toBe('one');
    store.getState().setStopAfterCurrent(true);
    store.getState().endOfTrack();
    expect(store.getState().playing).toBe(false);
  });
});

describe('sleep timer', () => {
  it('fades out over the last seconds and pauses at its time, at full volume again for the next play', async () => {
    const store = await storeOf([1], [], now);
    store.getState().play();
    store.getState().setSleepTimer(15);
    expect(store.getState().sleepLeftMs()).toBe(15 * 60_000);
    pass(14 * 60_000);
    expect(store.getState().sleepLeftMs()).toBe(60_000);
    expect(store.getState().sleepGain).toBe(1);
    pass(60_000 + SLEEP_FADE_MS / 2);
    expect(store.getState().playing).toBe(true);
    expect(store.getState().sleepGain).toBeGreaterThan(0.4);
    expect(store.getState().sleepGain).toBeLessThan(0.6);
    pass(SLEEP_FADE_MS / 2);
    expect(store.getState().playing).toBe(false);
    expect(store.getState().sleepGain).toBe(1);
    expect(store.getState().sleepLeftMs()).toBeNull();
    expect(store.getState().sleepMinutes).toBeNull();
  });

  it('goes by the clock, not by its own wait: a clock that jumps (the machine slept) pauses at once', async () => {
    const store = await storeOf([1], [], now);
    store.getState().play();
    store.getState().setSleepTimer(30);
    clock += 45 * 60_000;
    vi.advanceTimersByTime(1_000);
    expect(store.getState().playing).toBe(false);
    expect(store.getState().sleepAt).toBeNull();
  });

  it('paused by the listener meanwhile, it ends at its time without a fade; a pause mid-fade ends it too', async () => {
    const store = await storeOf([1], [], now);
    store.getState().play();
    store.getState().setSleepTimer(15);
    store.getState().pause();
    pass(15 * 60_000 + 500);
    expect(store.getState().sleepAt).toBeNull();
    expect(store.getState().sleepGain).toBe(1);

    store.getState().play();
    store.getState().setSleepTimer(15);
    pass(15 * 60_000 + 1_000);
    expect(store.getState().sleepGain).toBeLessThan(1);
    store.getState().pause();
    pass(500);
    expect(store.getState().sleepGain).toBe(1);
    expect(store.getState().sleepAt).toBeNull();
    store.getState().play();
    pass(SLEEP_FADE_MS);
    expect(store.getState().playing).toBe(true);
  });

  it('one choice at a time: a timer replaces "end of track", and off clears either', async () => {
    const store = await storeOf([1], [], now);
    store.getState().setSleepTimer('end');
    store.getState().setSleepTimer(60);
    expect(store.getState().stopAfterCurrent).toBe(false);
    expect(store.getState().sleepMinutes).toBe(60);
    store.getState().setSleepTimer('off');
    expect(store.getState().sleepAt).toBeNull();
    store.getState().setStopAfterCurrent(true);
    store.getState().setSleepTimer('off');
    expect(store.getState().stopAfterCurrent).toBe(false);
  });
});
