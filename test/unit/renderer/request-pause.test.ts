// The store's side of SoundCloud making Cloudcue wait: main's status event sets and clears the pause at
// once, items keep resolving meanwhile, and the failed items of a set can be retried together.
import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors';
import type { AppStore } from '../../../renderer/src/store';
import { createLiveStore, fakeApi, flush, track, type Answer } from './fakes';

const pause = { code: 'RATE_LIMITED' as const, until: 1_000_000, message: 'Slow down.' };

describe('the request pause', () => {
  it('is set by main’s status event without waiting for a burst, and cleared by a null one', () => {
    const api = fakeApi({});
    const store = createLiveStore(api);
    expect(store.getState().requestPause).toBeNull();
    api.emit({ type: 'status', pause });
    expect(store.getState().requestPause).toEqual(pause);
    api.emit({ type: 'status', pause: null });
    expect(store.getState().requestPause).toBeNull();
  });

  it('leaves the queue alone: resolving items stay resolving until main answers', async () => {
    let release: (answer: Answer) => void = () => undefined;
    const api = fakeApi({ answer: () => new Promise<Answer>((resolve) => (release = resolve)) });
    const store = createLiveStore(api);
    await store.getState().addText('https://soundcloud.com/a/one');
    api.emit({ type: 'status', pause: { ...pause, code: 'CHALLENGED' } });
    await flush();
    expect(store.getState().items).toMatchObject([{ status: 'resolving' }]);
    release(track(1));
    api.emit({ type: 'status', pause: null });
    await flush();
    expect(store.getState().items).toMatchObject([{ status: 'ready', track: { id: 1 } }]);
    expect(store.getState().requestPause).toBeNull();
  });
});

/** A store on `api` given three links (t-1, t-2, t-3), once their answers are in. */
async function storeOfThree(api: ReturnType<typeof fakeApi>): Promise<AppStore> {
  const store = createLiveStore(api);
  await store
    .getState()
    .addText(
      ['https://soundcloud.com/a/t-1', 'https://soundcloud.com/a/t-2', 'https://soundcloud.com/a/t-3'].join(
        ' ',
      ),
    );
  await flush();
  return store;
}

describe('the end of a human check’s pause', () => {
  async function challengedQueue(): Promise<{
    api: ReturnType<typeof fakeApi>;
    store: AppStore;
    answers: { challenged: boolean };
  }> {
    const answers = { challenged: true };
    const api = fakeApi({
      answer: (link) =>
        link.endsWith('-3')
          ? appError('NOT_FOUND')
          : answers.challenged
            ? appError('CHALLENGED')
            : track(Number(link.split('-').pop())),
    });
    const store = await storeOfThree(api);
    return { api, store, answers };
  }

  it('asks again for the items the check failed, and only those', async () => {
    const { api, store, answers } = await challengedQueue();
    api.emit({ type: 'status', pause: { ...pause, code: 'CHALLENGED' } });
    answers.challenged = false;
    api.emit({ type: 'status', pause: null });
    await flush();
    expect(api.retry).toHaveBeenCalledTimes(2);
    expect(store.getState().items.map((i) => i.error?.code ?? i.track?.id)).toEqual([1, 2, 'NOT_FOUND']);
  });

  it('retries nothing when a slow-down pause ends', async () => {
    const { api } = await challengedQueue();
    api.emit({ type: 'status', pause });
    api.emit({ type: 'status', pause: null });
    await flush();
    expect(api.retry).not.toHaveBeenCalled();
  });
});

describe('retryFailed', () => {
  it('retries every failed item but refused links, marking them resolving in one update', async () => {
    let challenged = true;
    const api = fakeApi({
      answer: (link) => {
        if (challenged) return appError('CHALLENGED');
        return track(Number(link.split('-').pop()));
      },
    });
    const store = await storeOfThree(api);
    // A refused link (main's own placeholder error) can never resolve: it is not retried.
    store.getState().itemFailed(store.getState().items[2]?.id ?? '', appError('INVALID_LINK'));
    expect(store.getState().items.map((i) => i.error?.code)).toEqual([
      'CHALLENGED',
      'CHALLENGED',
      'INVALID_LINK',
    ]);

    challenged = false;
    let updates = 0;
    const unsubscribe = store.subscribe(() => (updates += 1));
    const retrying = store.getState().retryFailed();
    expect(updates).toBe(1);
    unsubscribe();
    expect(store.getState().items.map((i) => i.status)).toEqual(['resolving', 'resolving', 'error']);
    await retrying;
    await flush();
    expect(api.retry).toHaveBeenCalledTimes(2);
    expect(store.getState().items.map((i) => [i.status, i.track?.id])).toEqual([
      ['ready', 1],
      ['ready', 2],
      ['error', undefined],
    ]);
  });

  it('puts the reason back on an item main would not retry', async () => {
    const api = fakeApi({ answer: () => appError('CHALLENGED') });
    const store = createLiveStore(api);
    await store.getState().addText('https://soundcloud.com/a/t-1 https://soundcloud.com/a/t-2');
    await flush();
    api.retry.mockResolvedValueOnce({ ok: false, error: appError('INVALID_INPUT', 'Nothing to retry.') });
    api.retry.mockRejectedValueOnce(new Error('bridge down'));
    await store.getState().retryFailed();
    expect(store.getState().items.map((i) => i.error?.message)).toEqual([
      'Nothing to retry.',
      expect.stringMatching(/Lost contact/),
    ]);
  });

  it('does nothing when nothing failed', async () => {
    const api = fakeApi({ answer: (link) => track(Number(link.split('-').pop())) });
    const store = createLiveStore(api);
    await store.getState().addText('https://soundcloud.com/a/t-1');
    await flush();
    await store.getState().retryFailed();
    expect(api.retry).not.toHaveBeenCalled();
  });
});
