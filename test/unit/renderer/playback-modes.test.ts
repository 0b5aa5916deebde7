// Playback modes without React: shuffle, repeat, next/previous, seeks, volume and the restored position.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../../shared/errors';
import type { AppStore } from '../../../renderer/src/store';
import { insertRandomly, shuffled } from '../../../renderer/src/store/order';
import { seededRandom } from '../../helpers/random';
import { currentNumber, flush, idOf, linkOf, numbers, storeWithTracks } from './fakes';

/** Presses Next until the queue stops (or `limit` times), and returns the track numbers that played. */
function playThrough(store: AppStore, limit = 50): number[] {
  const played: number[] = [];
  for (let i = 0; i < limit && store.getState().currentId !== null; i++) {
    played.push(currentNumber(store) ?? 0);
    store.getState().next();
  }
  return played;
}

const shuffledNumbers = (store: AppStore): number[] =>
  store.getState().shuffleOrder.map((id) => {
    const item = store.getState().items.find((i) => i.id === id);
    return Number(item?.link.split('-').pop());
  });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('shuffle', () => {
  it('plays every track once, in a random order that starts with the current one', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4, 5, 6, 7, 8], { random: seededRandom(7) });
    store.getState().play(idOf(store, 3));
    store.getState().toggleShuffle();
    const order = shuffledNumbers(store);
    expect(order[0]).toBe(3);
    expect([...order].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(order).not.toEqual([3, 4, 5, 6, 7, 8, 1, 2]);
    // The queue as shown does not change.
    expect(numbers(store)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(playThrough(store)).toEqual(order);
  });

  it('takes its randomness from Math.random by default', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    const { store } = await storeWithTracks([1, 2, 3, 4]);
    store.getState().toggleShuffle();
    expect(random).toHaveBeenCalled();
    // Always 0: each Fisher–Yates step swaps with the first element.
    expect(shuffledNumbers(store)).toEqual([2, 3, 4, 1]);
    store.getState().play();
    expect(currentNumber(store)).toBe(2);
  });

  it('turning it off plays in queue order again from the current track', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4, 5], { random: seededRandom(3) });
    store.getState().play(idOf(store, 2));
    store.getState().toggleShuffle();
    store.getState().next();
    const now = currentNumber(store) ?? 0;
    store.getState().toggleShuffle();
    expect(store.getState()).toMatchObject({ shuffle: false, shuffleOrder: [] });
    expect(numbers(store)).toEqual([1, 2, 3, 4, 5]);
    expect(playThrough(store)).toEqual([1, 2, 3, 4, 5].slice(now - 1));
  });

  it('shuffles in items added while shuffled, so they are still reachable', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4], { random: seededRandom(11) });
    store.getState().play(idOf(store, 1));
    store.getState().toggleShuffle();
    store.getState().next();
    await store.getState().addText([5, 6, 7].map(linkOf).join(' '));
    await flush();
    // Shuffled in among what was still to come, not tacked on at the end in paste order.
    expect(shuffledNumbers(store).slice(-3)).not.toEqual([5, 6, 7]);
    const played = playThrough(store);
    // Everything once, except track 1, which played before.
    expect([...played].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('jumping to a track while shuffled still plays the ones not heard yet', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4, 5, 6], { random: seededRandom(5) });
    store.getState().play(idOf(store, 1));
    store.getState().toggleShuffle();
    const last = shuffledNumbers(store).at(-1) ?? 0;
    store.getState().play(idOf(store, last));
    const played = playThrough(store);
    expect(played[0]).toBe(last);
    expect([...played].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6]);
  });

  it('skips failed items and items removed since it was turned on', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4], { failing: [2], random: seededRandom(9) });
    store.getState().play(idOf(store, 1));
    store.getState().toggleShuffle();
    store.getState().remove([idOf(store, 3)]);
    expect(playThrough(store).sort()).toEqual([1, 4]);
  });

  it('insertRandomly keeps what was planned and puts new ids only after the current one', () => {
    const order = ['a', 'b', 'c', 'd'];
    const result = insertRandomly(order, ['x', 'y', 'z'], 'b', seededRandom(2));
    expect(result.slice(0, 2)).toEqual(['a', 'b']);
    expect(result.filter((id) => order.includes(id))).toEqual(order);
    expect([...result].sort()).toEqual(['a', 'b', 'c', 'd', 'x', 'y', 'z']);
    expect(shuffled([1, 2, 3], () => 0.999)).toEqual([1, 2, 3]);
  });
});

describe('repeat', () => {
  it('cycles off → all → one → off', async () => {
    const { store } = await storeWithTracks([]);
    const seen = [store.getState().repeat];
    for (let i = 0; i < 3; i++) {
      store.getState().cycleRepeat();
      seen.push(store.getState().repeat);
    }
    expect(seen).toEqual(['off', 'all', 'one', 'off']);
  });

  it('off: the end of the last track stops, and so does Next', async () => {
    const { store } = await storeWithTracks([1, 2]);
    store.getState().play(idOf(store, 2));
    store.getState().trackEnded();
    expect(store.getState()).toMatchObject({ currentId: null, playing: false });
    store.getState().play(idOf(store, 2));
    store.getState().next();
    expect(store.getState()).toMatchObject({ currentId: null, playing: false });
  });

  it('off: the end of a track goes on playing the next', async () => {
    const { store } = await storeWithTracks([1, 2]);
    store.getState().play(idOf(store, 1));
    store.getState().pause();
    store.getState().trackEnded();
    expect(currentNumber(store)).toBe(2);
    expect(store.getState().playing).toBe(true);
  });

  it('all: the end of the last track, Next and Previous wrap round', async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    store.getState().cycleRepeat();
    store.getState().play(idOf(store, 3));
    store.getState().trackEnded();
    expect(currentNumber(store)).toBe(1);
    expect(store.getState().playing).toBe(true);
    store.getState().previous(0);
    expect(currentNumber(store)).toBe(3);
    store.getState().next();
    expect(currentNumber(store)).toBe(1);
  });

  it('all: a single track starts again from the beginning', async () => {
    const { store } = await storeWithTracks([1]);
    store.getState().cycleRepeat();
    store.getState().play();
    store.getState().trackEnded();
    expect(currentNumber(store)).toBe(1);
    expect(store.getState()).toMatchObject({ playing: true, seekRequest: { seconds: 0, serial: 1 } });
  });

  it('one: the end of a track plays it again; Next and Previous still move', async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    store.getState().cycleRepeat();
    store.getState().cycleRepeat();
    store.getState().play(idOf(store, 2));
    store.getState().trackEnded();
    expect(currentNumber(store)).toBe(2);
    expect(store.getState()).toMatchObject({ playing: true, seekRequest: { seconds: 0, serial: 1 } });
    store.getState().trackEnded();
    expect(store.getState().seekRequest?.serial).toBe(2);
    store.getState().next();
    expect(currentNumber(store)).toBe(3);
    store.getState().previous(1);
    store.getState().previous(1);
    expect(currentNumber(store)).toBe(1);
  });

  it('one: a track that fails is not retried forever, playback moves on', async () => {
    const { store } = await storeWithTracks([1, 2]);
    store.getState().cycleRepeat();
    store.getState().cycleRepeat();
    store.getState().play(idOf(store, 1));
    store.getState().playbackFailed(idOf(store, 1), appError('EXPIRED'));
    expect(currentNumber(store)).toBe(2);
    expect(store.getState().playing).toBe(true);
  });

  it('all: stops when every track has failed instead of looping', async () => {
    const { store } = await storeWithTracks([1, 2]);
    store.getState().cycleRepeat();
    store.getState().play(idOf(store, 1));
    store.getState().itemFailed(idOf(store, 2), appError('NOT_FOUND'));
    store.getState().playbackFailed(idOf(store, 1), appError('EXPIRED'));
    expect(store.getState()).toMatchObject({ currentId: null, playing: false });
  });
});

describe('previous', () => {
  it.each([
    { where: 'more than 3 s into a track', track: 2, seconds: 3.5 },
    { where: 'at the first track', track: 1, seconds: 0 },
  ])('$where restarts it', async ({ track, seconds }) => {
    const { store } = await storeWithTracks([1, 2]);
    store.getState().play(idOf(store, track));
    store.getState().previous(seconds);
    expect(currentNumber(store)).toBe(track);
    expect(store.getState().seekRequest).toEqual({ seconds: 0, serial: 1 });
  });

  it('within 3 s goes to the previous playable track, keeping play or pause', async () => {
    const { store } = await storeWithTracks([1, 2, 3], { failing: [2] });
    store.getState().play(idOf(store, 3));
    store.getState().pause();
    store.getState().previous(3);
    expect(currentNumber(store)).toBe(1);
    expect(store.getState().playing).toBe(false);
    expect(store.getState().seekRequest).toBeNull();
  });

  it('follows the shuffled order back', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4, 5], { random: seededRandom(4) });
    store.getState().play(idOf(store, 1));
    store.getState().toggleShuffle();
    store.getState().next();
    store.getState().next();
    const order = shuffledNumbers(store);
    store.getState().previous(0);
    expect(currentNumber(store)).toBe(order[1]);
  });

  it('does nothing with no current track', async () => {
    const { store } = await storeWithTracks([1]);
    store.getState().previous(0);
    expect(store.getState()).toMatchObject({ currentId: null, seekRequest: null });
  });
});

describe('seek', () => {
  it('records a request with a serial that increases on every call, even to the same place', async () => {
    const { store } = await storeWithTracks([1]);
    expect(store.getState().seekRequest).toBeNull();
    store.getState().seek(30);
    store.getState().seek(30);
    expect(store.getState().seekRequest).toEqual({ seconds: 30, serial: 2 });
    store.getState().seek(-5);
    expect(store.getState().seekRequest).toEqual({ seconds: 0, serial: 3 });
    store.getState().seek(Number.NaN);
    expect(store.getState().seekRequest).toEqual({ seconds: 0, serial: 4 });
  });
});

describe('volume', () => {
  it('starts at full volume, unmuted, and clamps to 0..1', async () => {
    const { store } = await storeWithTracks([]);
    expect(store.getState()).toMatchObject({ volume: 1, muted: false });
    store.getState().setVolume(1.7);
    expect(store.getState().volume).toBe(1);
    store.getState().setVolume(-0.2);
    expect(store.getState().volume).toBe(0);
    store.getState().setVolume(0.4);
    store.getState().setVolume(Number.NaN);
    expect(store.getState().volume).toBe(0.4);
  });

  it('toggleMute mutes and unmutes; raising the volume unmutes, setting it to 0 does not', async () => {
    const { store } = await storeWithTracks([]);
    store.getState().toggleMute();
    expect(store.getState().muted).toBe(true);
    store.getState().setVolume(0);
    expect(store.getState()).toMatchObject({ volume: 0, muted: true });
    store.getState().setVolume(0.5);
    expect(store.getState()).toMatchObject({ volume: 0.5, muted: false });
    store.getState().toggleMute();
    store.getState().toggleMute();
    expect(store.getState().muted).toBe(false);
  });
});

describe('restored position', () => {
  it('holds for the restored track only, and is 0 once the cursor moves', async () => {
    const { store } = await storeWithTracks([1, 2]);
    store.setState({ currentId: idOf(store, 1), restoredPosition: 42 });
    store.getState().play();
    expect(store.getState().restoredPosition).toBe(42);
    store.getState().next();
    expect(store.getState().restoredPosition).toBe(0);
  });
});
