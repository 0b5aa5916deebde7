// The queue's editing actions without React: remove (with undo), reorder by drag and by keyboard, play next,
// and selection.
import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors';
import { UNDO_LIMIT } from '../../../renderer/src/store/queue-undo';
import {
  createLiveStore,
  currentNumber,
  fakeApi,
  flush,
  idOf,
  linkOf,
  numbers,
  storeWithTracks,
  track,
} from './fakes';

describe('remove', () => {
  it('removes the given items, keeps the others in order, and ignores ids it does not have', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4]);
    store.getState().remove([idOf(store, 2), idOf(store, 4), 'nope']);
    expect(numbers(store)).toEqual([1, 3]);
    expect(store.getState().canUndo).toBe(true);
  });

  it('does nothing (and adds no undo step) when none of the ids is in the queue', async () => {
    const { store } = await storeWithTracks([1]);
    const before = store.getState().items;
    store.getState().remove(['nope']);
    expect(store.getState().items).toBe(before);
    expect(store.getState().canUndo).toBe(false);
  });

  it('stops when the paused current item is removed', async () => {
    const { store } = await storeWithTracks([1, 2]);
    store.getState().play(idOf(store, 1));
    store.getState().pause();
    store.getState().remove([idOf(store, 1)]);
    expect(store.getState()).toMatchObject({ currentId: null, playing: false });
  });

  it('moves on to the next playable item when the playing item is removed', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4], { failing: [3] });
    store.getState().play(idOf(store, 1));
    // 2 is removed with it and 3 failed: 4 is next.
    store.getState().remove([idOf(store, 1), idOf(store, 2)]);
    expect(currentNumber(store)).toBe(4);
    expect(store.getState().playing).toBe(true);
  });

  it('stops when the playing last item is removed, unless repeat all wraps round', async () => {
    const { store } = await storeWithTracks([1, 2]);
    store.getState().play(idOf(store, 2));
    store.getState().remove([idOf(store, 2)]);
    expect(store.getState()).toMatchObject({ currentId: null, playing: false });

    const again = (await storeWithTracks([1, 2])).store;
    again.getState().cycleRepeat();
    again.getState().play(idOf(again, 2));
    again.getState().remove([idOf(again, 2)]);
    expect(currentNumber(again)).toBe(1);
    expect(again.getState().playing).toBe(true);
  });

  it('drops removed items from the selection and the anchor', async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    store.getState().select(idOf(store, 2), 'replace');
    store.getState().select(idOf(store, 3), 'toggle');
    store.getState().remove([idOf(store, 3)]);
    expect(store.getState().selection).toEqual([idOf(store, 2)]);
    expect(store.getState().anchorId).toBeNull();
  });
});

describe('removeFailed and clear', () => {
  it('removeFailed removes only the failed items', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4], { failing: [2, 4] });
    store.getState().removeFailed();
    expect(numbers(store)).toEqual([1, 3]);
    expect(store.getState().items.every((i) => i.status === 'ready')).toBe(true);
  });

  it('clear empties the queue and the selection and stops playback', async () => {
    const { store } = await storeWithTracks([1, 2]);
    store.getState().play(idOf(store, 2));
    store.getState().selectAll();
    store.getState().clear();
    expect(store.getState()).toMatchObject({
      items: [],
      selection: [],
      anchorId: null,
      currentId: null,
      playing: false,
      canUndo: true,
    });
  });

  it('clearing an empty queue is not an undo step', () => {
    const store = createLiveStore(fakeApi({}));
    store.getState().clear();
    expect(store.getState().canUndo).toBe(false);
  });
});

describe('undo', () => {
  it('puts removed items back at their old positions', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4, 5]);
    const before = store.getState().items;
    store.getState().remove([idOf(store, 1), idOf(store, 3), idOf(store, 5)]);
    store.getState().undo();
    expect(store.getState().items).toEqual(before);
    expect(store.getState().canUndo).toBe(false);
  });

  it('undoes removeFailed, with the errors kept on their items', async () => {
    const { store } = await storeWithTracks([1, 2, 3], { failing: [1, 3] });
    const before = store.getState().items;
    store.getState().removeFailed();
    store.getState().undo();
    expect(store.getState().items).toEqual(before);
    expect(store.getState().items[0]?.error?.code).toBe('NOT_FOUND');
  });

  it('undoes clear: items, selection and anchor; playback stays as clear left it', async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    const before = store.getState().items;
    store.getState().play(idOf(store, 2));
    store.getState().select(idOf(store, 1), 'replace');
    store.getState().select(idOf(store, 3), 'range');
    store.getState().clear();
    store.getState().undo();
    expect(store.getState().items).toEqual(before);
    expect(store.getState().selection).toEqual([1, 2, 3].map((n) => idOf(store, n)));
    expect(store.getState().anchorId).toBe(idOf(store, 1));
    expect(store.getState()).toMatchObject({ currentId: null, playing: false });
  });

  it('never moves playback: the cursor stays where the removal moved it', async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    store.getState().play(idOf(store, 2));
    store.getState().remove([idOf(store, 2)]);
    expect(currentNumber(store)).toBe(3);
    store.getState().undo();
    expect(numbers(store)).toEqual([1, 2, 3]);
    expect(currentNumber(store)).toBe(3);
    expect(store.getState().playing).toBe(true);
  });

  it('leaves the cursor alone when the listener has moved it since the removal', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4]);
    store.getState().play(idOf(store, 2));
    store.getState().remove([idOf(store, 2)]);
    store.getState().play(idOf(store, 1));
    store.getState().undo();
    expect(currentNumber(store)).toBe(1);
  });

  it('undoes the steps in reverse order, at most 20 of them', async () => {
    const all = Array.from({ length: UNDO_LIMIT + 2 }, (_, i) => i + 1);
    const { store } = await storeWithTracks(all);
    for (const n of all.slice(0, UNDO_LIMIT + 1)) store.getState().remove([idOf(store, n)]);
    expect(numbers(store)).toEqual([UNDO_LIMIT + 2]);
    for (let i = 0; i < UNDO_LIMIT; i++) store.getState().undo();
    expect(store.getState().canUndo).toBe(false);
    // The oldest removal (track 1) fell off the end of the history.
    expect(numbers(store)).toEqual(all.slice(1));
    store.getState().undo();
    expect(numbers(store)).toEqual(all.slice(1));
  });

  it('does nothing with nothing to undo', () => {
    const store = createLiveStore(fakeApi({}));
    store.getState().undo();
    expect(store.getState()).toMatchObject({ items: [], canUndo: false });
  });

  it('restores a placeholder removed while resolving, with the result that came meanwhile', async () => {
    let finish: () => void = () => undefined;
    const api = fakeApi({
      answer: () =>
        new Promise((resolve) => {
          finish = () => resolve(track(8));
        }),
    });
    const store = createLiveStore(api);
    await store.getState().addText(linkOf(8));
    await flush();
    store.getState().remove([store.getState().items[0]?.id ?? '']);
    finish();
    await flush();
    expect(store.getState().items).toEqual([]);
    store.getState().undo();
    expect(store.getState().items).toMatchObject([{ status: 'ready', track: { id: 8 } }]);
  });

  it('keeps what was added after the removal', async () => {
    const { store } = await storeWithTracks([1, 2]);
    store.getState().remove([idOf(store, 1)]);
    await store.getState().addText(linkOf(3));
    await flush();
    store.getState().undo();
    expect(numbers(store)).toEqual([1, 2, 3]);
  });
});

describe('move (drag and drop)', () => {
  it('moves several items to the start, keeping their relative order whatever order the ids come in', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4, 5]);
    store.getState().move([idOf(store, 4), idOf(store, 2)], 0);
    expect(numbers(store)).toEqual([2, 4, 1, 3, 5]);
  });

  it('moves items to the end, and clamps an index past it', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4, 5]);
    store.getState().move([idOf(store, 1), idOf(store, 3)], 3);
    expect(numbers(store)).toEqual([2, 4, 5, 1, 3]);
    store.getState().move([idOf(store, 2)], 99);
    expect(numbers(store)).toEqual([4, 5, 1, 3, 2]);
  });

  it('lands the first moved item at the index given, in the middle', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4, 5, 6]);
    store.getState().move([idOf(store, 1), idOf(store, 6)], 2);
    expect(numbers(store)).toEqual([2, 3, 1, 6, 4, 5]);
    expect(store.getState().items[2]?.id).toBe(idOf(store, 1));
  });

  it('clamps a negative index to the start, and ignores ids it does not have', async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    store.getState().move([idOf(store, 3)], -4);
    expect(numbers(store)).toEqual([3, 1, 2]);
    const before = store.getState().items;
    store.getState().move(['nope'], 0);
    store.getState().move([idOf(store, 3)], 0);
    expect(store.getState().items).toBe(before);
  });

  it('keeps the selection in queue order after a move', async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    store.getState().select(idOf(store, 1), 'replace');
    store.getState().select(idOf(store, 3), 'toggle');
    store.getState().move([idOf(store, 3)], 0);
    expect(store.getState().selection).toEqual([idOf(store, 3), idOf(store, 1)]);
  });

  it('does not change what plays next when not shuffled, beyond the new order', async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    store.getState().play(idOf(store, 1));
    store.getState().move([idOf(store, 3)], 1);
    store.getState().next();
    expect(currentNumber(store)).toBe(3);
  });
});

describe('moveBy (keyboard)', () => {
  it('moves a block up and down by one', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4, 5]);
    const block = [idOf(store, 3), idOf(store, 4)];
    store.getState().moveBy(block, -1);
    expect(numbers(store)).toEqual([1, 3, 4, 2, 5]);
    store.getState().moveBy(block, 1);
    store.getState().moveBy(block, 1);
    expect(numbers(store)).toEqual([1, 2, 5, 3, 4]);
  });

  it('leaves a block at the top or bottom edge where it is', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4]);
    const before = store.getState().items;
    store.getState().moveBy([idOf(store, 1), idOf(store, 2)], -1);
    store.getState().moveBy([idOf(store, 3), idOf(store, 4)], 1);
    expect(store.getState().items).toBe(before);
  });

  it('moves the items that can move when one of several is at the edge', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4]);
    store.getState().moveBy([idOf(store, 1), idOf(store, 3)], -1);
    expect(numbers(store)).toEqual([1, 3, 2, 4]);
    store.getState().moveBy([idOf(store, 3), idOf(store, 4)], 1);
    expect(numbers(store)).toEqual([1, 2, 3, 4]);
  });
});

describe('playNext', () => {
  it('moves the items right after the current one, in queue order', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4, 5]);
    store.getState().play(idOf(store, 2));
    store.getState().playNext([idOf(store, 5), idOf(store, 4)]);
    expect(numbers(store)).toEqual([1, 2, 4, 5, 3]);
    store.getState().next();
    expect(currentNumber(store)).toBe(4);
  });

  it('leaves the current item where it is if it is among them', async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    store.getState().play(idOf(store, 1));
    store.getState().playNext([idOf(store, 1), idOf(store, 3)]);
    expect(numbers(store)).toEqual([1, 3, 2]);
  });

  it('moves them to the top when nothing is current, so play starts with them', async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    store.getState().playNext([idOf(store, 3)]);
    expect(numbers(store)).toEqual([3, 1, 2]);
    store.getState().play();
    expect(currentNumber(store)).toBe(3);
  });

  it('makes them come next in the shuffled order too', async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4, 5, 6]);
    store.getState().play(idOf(store, 1));
    store.getState().toggleShuffle();
    store.getState().playNext([idOf(store, 6), idOf(store, 5)]);
    store.getState().next();
    expect(currentNumber(store)).toBe(5);
    store.getState().next();
    expect(currentNumber(store)).toBe(6);
  });
});

describe('select', () => {
  it("'replace' selects one item and makes it the anchor", async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    store.getState().select(idOf(store, 1), 'replace');
    store.getState().select(idOf(store, 2), 'replace');
    expect(store.getState().selection).toEqual([idOf(store, 2)]);
    expect(store.getState().anchorId).toBe(idOf(store, 2));
  });

  it("'toggle' adds and removes, keeping queue order", async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    store.getState().select(idOf(store, 3), 'toggle');
    store.getState().select(idOf(store, 1), 'toggle');
    expect(store.getState().selection).toEqual([idOf(store, 1), idOf(store, 3)]);
    store.getState().select(idOf(store, 3), 'toggle');
    expect(store.getState().selection).toEqual([idOf(store, 1)]);
  });

  it("'range' selects from the anchor to the item, either way, and keeps the anchor", async () => {
    const { store } = await storeWithTracks([1, 2, 3, 4, 5]);
    store.getState().select(idOf(store, 3), 'replace');
    store.getState().select(idOf(store, 5), 'range');
    expect(store.getState().selection).toEqual([3, 4, 5].map((n) => idOf(store, n)));
    store.getState().select(idOf(store, 1), 'range');
    expect(store.getState().selection).toEqual([1, 2, 3].map((n) => idOf(store, n)));
    expect(store.getState().anchorId).toBe(idOf(store, 3));
  });

  it("'range' with no anchor selects just the item", async () => {
    const { store } = await storeWithTracks([1, 2]);
    store.getState().select(idOf(store, 2), 'range');
    expect(store.getState().selection).toEqual([idOf(store, 2)]);
    expect(store.getState().anchorId).toBe(idOf(store, 2));
  });

  it('ignores ids it does not have; selectAll and clearSelection', async () => {
    const { store } = await storeWithTracks([1, 2]);
    store.getState().select('nope', 'replace');
    expect(store.getState().selection).toEqual([]);
    store.getState().selectAll();
    expect(store.getState().selection).toEqual([idOf(store, 1), idOf(store, 2)]);
    store.getState().clearSelection();
    expect(store.getState()).toMatchObject({ selection: [], anchorId: null });
  });

  it('a selected placeholder stays selected as the tracks it resolves to', async () => {
    const api = fakeApi({ answer: () => [track(4), track(5)] });
    const store = createLiveStore(api);
    await store.getState().addText('https://soundcloud.com/a/sets/both');
    const placeholder = store.getState().items[0]?.id ?? '';
    store.getState().select(placeholder, 'replace');
    await flush();
    const ids = store.getState().items.map((i) => i.id);
    expect(ids).toHaveLength(2);
    expect(store.getState().selection).toEqual(ids);
    expect(store.getState().anchorId).toBe(ids[0]);
  });
});

describe('failed items and the cursor', () => {
  it('a failure on a non-current item leaves the cursor alone', async () => {
    const { store } = await storeWithTracks([1, 2]);
    store.getState().play(idOf(store, 1));
    store.getState().playbackFailed(idOf(store, 2), appError('EXPIRED'));
    expect(currentNumber(store)).toBe(1);
  });
});
