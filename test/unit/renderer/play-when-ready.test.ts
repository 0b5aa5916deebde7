// Play pressed while nothing can play yet but the queue is still resolving: the intent is kept, and the first
// item in play order that becomes playable starts; a pause or a clear drops it, and so does every item failing.
import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors';
import { createLiveStore, currentNumber, fakeApi, flush, linkOf, track, type Answer } from './fakes';

/** A store on a fake main whose links resolve only when the test says, one by one. */
function slowStore() {
  const pending = new Map<number, (answer: Answer) => void>();
  const api = fakeApi({
    answer: (link) => {
      const n = Number(link.split('-').pop());
      return new Promise<Answer>((resolve) => pending.set(n, resolve));
    },
  });
  const store = createLiveStore(api);
  async function settle(n: number, answer: Answer = track(n)): Promise<void> {
    await flush();
    const resolve = pending.get(n);
    if (resolve === undefined) throw new Error(`track ${n} was never asked for`);
    resolve(answer);
    await flush();
  }
  return { store, settle };
}

describe('Play while the queue is still resolving', () => {
  it('waits, then plays the first item that can play, in play order', async () => {
    const { store, settle } = slowStore();
    await store.getState().addText([1, 2, 3].map(linkOf).join(' '));
    store.getState().play();
    expect(store.getState()).toMatchObject({ playing: false, startWhenReady: true, currentId: null });

    await settle(1, appError('NOT_FOUND'));
    expect(store.getState()).toMatchObject({ playing: false, startWhenReady: true });
    await settle(3);
    expect(store.getState()).toMatchObject({ playing: true, startWhenReady: false });
    expect(currentNumber(store)).toBe(3);
    // What resolves later does not take over.
    await settle(2);
    expect(currentNumber(store)).toBe(3);
  });

  it('follows the shuffled order when several become playable at once', async () => {
    const api = fakeApi({ answer: (link) => track(Number(link.split('-').pop())) });
    // With random() = 0 the shuffle never leaves the first item first.
    const store = createLiveStore(api, { random: () => 0 });
    await store.getState().addText([1, 2, 3].map(linkOf).join(' '));
    store.getState().toggleShuffle();
    const { items, shuffleOrder } = store.getState();
    const first = items.findIndex((item) => item.id === shuffleOrder[0]) + 1;
    expect(first).toBeGreaterThan(1);
    store.getState().play();
    expect(store.getState().startWhenReady).toBe(true);
    await flush();
    expect(store.getState().playing).toBe(true);
    expect(currentNumber(store)).toBe(first);
  });

  it('drops the intent when every item fails, each keeping its reason', async () => {
    const { store, settle } = slowStore();
    await store.getState().addText([1, 2].map(linkOf).join(' '));
    store.getState().play();
    await settle(1, appError('NOT_FOUND'));
    expect(store.getState().startWhenReady).toBe(true);
    await settle(2, appError('PRIVATE'));
    expect(store.getState()).toMatchObject({ playing: false, startWhenReady: false, currentId: null });
    expect(store.getState().items.map((item) => item.error?.code)).toEqual(['NOT_FOUND', 'PRIVATE']);
  });

  it('a pause, or a second press of Play (the toggle), cancels the wait', async () => {
    const { store, settle } = slowStore();
    await store.getState().addText([1, 2].map(linkOf).join(' '));
    store.getState().play();
    store.getState().pause();
    await settle(1);
    expect(store.getState()).toMatchObject({ playing: false, startWhenReady: false, currentId: null });

    store.getState().toggle();
    // Track 1 can play now: Play plays it at once.
    expect(store.getState().playing).toBe(true);
    store.getState().pause();
    store.getState().remove([store.getState().items[0]?.id ?? '']);
    store.getState().toggle();
    expect(store.getState().startWhenReady).toBe(true);
    store.getState().toggle();
    expect(store.getState().startWhenReady).toBe(false);
    await settle(2);
    expect(store.getState().playing).toBe(false);
  });

  it('a clear drops the intent: links added later do not start by surprise', async () => {
    const { store, settle } = slowStore();
    await store.getState().addText(linkOf(1));
    store.getState().play();
    store.getState().clear();
    expect(store.getState().startWhenReady).toBe(false);
    await store.getState().addText(linkOf(2));
    await settle(2);
    expect(store.getState().playing).toBe(false);
  });

  it('Play with nothing resolving and nothing playable does not wait', async () => {
    const { store, settle } = slowStore();
    store.getState().play();
    expect(store.getState().startWhenReady).toBe(false);
    await store.getState().addText(linkOf(1));
    await settle(1, appError('NOT_FOUND'));
    store.getState().play();
    expect(store.getState().startWhenReady).toBe(false);
  });
});
