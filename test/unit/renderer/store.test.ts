// The zustand store without React: adding pasted text, per-item failures, and the play cursor.
import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors';
import { createAppStore } from '../../../renderer/src/store';
import { NO_LINKS_NOTICE } from '../../../renderer/src/store/queue';
import { fakeApi, flush, track } from './fakes';

const ids: Record<string, number> = {
  'https://soundcloud.com/a/one': 1,
  'https://soundcloud.com/a/two': 2,
  'https://soundcloud.com/a/three': 3,
};

function resolvingApi() {
  return fakeApi({
    resolveTrack: ({ url }) => {
      const id = ids[url];
      return Promise.resolve(
        id === undefined ? { ok: false, error: appError('NOT_FOUND') } : { ok: true, value: track(id) },
      );
    },
  });
}

describe('queue', () => {
  it('adds placeholders in paste order at once, then fills them in', async () => {
    const api = resolvingApi();
    const store = createAppStore(api);
    const added = store
      .getState()
      .addText('listen: https://soundcloud.com/a/two and soundcloud.com/a/one, then junk http://x.y');
    expect(added).toBe(2);
    expect(store.getState().items.map((i) => [i.permalink, i.status])).toEqual([
      ['https://soundcloud.com/a/two', 'resolving'],
      ['https://soundcloud.com/a/one', 'resolving'],
    ]);
    await flush();
    expect(store.getState().items.map((i) => [i.track?.id, i.status])).toEqual([
      [2, 'ready'],
      [1, 'ready'],
    ]);
  });

  it('keeps a failed item with its reason and leaves the others alone', async () => {
    const store = createAppStore(resolvingApi());
    store.getState().addText('https://soundcloud.com/a/one https://soundcloud.com/a/missing');
    await flush();
    const [one, missing] = store.getState().items;
    expect(one?.status).toBe('ready');
    expect(missing?.status).toBe('error');
    expect(missing?.error?.code).toBe('NOT_FOUND');
    expect(missing?.error?.message).toMatch(/removed|exist/);
  });

  it('marks a SoundCloud link that is not a track as an invalid item without asking main', () => {
    const api = resolvingApi();
    const store = createAppStore(api);
    store.getState().addText('https://soundcloud.com/discover');
    expect(store.getState().items[0]?.error?.code).toBe('INVALID_LINK');
    expect(api.resolveTrack).not.toHaveBeenCalled();
  });

  it('says so when the text holds no SoundCloud link, and adds nothing', () => {
    const store = createAppStore(resolvingApi());
    store.getState().addText('https://soundcloud.com/a/one');
    expect(store.getState().addText('just some words and https://example.com/x')).toBe(0);
    expect(store.getState().notice).toBe(NO_LINKS_NOTICE);
    expect(store.getState().items).toHaveLength(1);
  });

  it('turns a rejected IPC call into a NETWORK error on the item', async () => {
    const store = createAppStore(fakeApi({ resolveTrack: () => Promise.reject(new Error('gone')) }));
    store.getState().addText('https://soundcloud.com/a/one');
    await flush();
    expect(store.getState().items[0]?.error?.code).toBe('NETWORK');
  });
});

describe('playback cursor', () => {
  async function readyStore() {
    const store = createAppStore(resolvingApi());
    store
      .getState()
      .addText(
        'https://soundcloud.com/a/one https://soundcloud.com/a/missing https://soundcloud.com/a/three',
      );
    await flush();
    return store;
  }

  it('play starts the first ready item; next skips failed items; the end stops', async () => {
    const store = await readyStore();
    const [one, , three] = store.getState().items;
    store.getState().play();
    expect(store.getState()).toMatchObject({ currentId: one?.id, playing: true });
    store.getState().next();
    expect(store.getState()).toMatchObject({ currentId: three?.id, playing: true });
    store.getState().next();
    expect(store.getState()).toMatchObject({ currentId: null, playing: false });
  });

  it('toggle pauses and resumes the same item', async () => {
    const store = await readyStore();
    store.getState().toggle();
    const current = store.getState().currentId;
    store.getState().toggle();
    expect(store.getState()).toMatchObject({ currentId: current, playing: false });
    store.getState().toggle();
    expect(store.getState()).toMatchObject({ currentId: current, playing: true });
  });

  it('a playback failure marks the item and moves on', async () => {
    const store = await readyStore();
    const [one, , three] = store.getState().items;
    store.getState().play(one?.id);
    store.getState().playbackFailed(one?.id ?? '', appError('EXPIRED'));
    expect(store.getState().items[0]?.status).toBe('error');
    expect(store.getState()).toMatchObject({ currentId: three?.id, playing: true });
  });

  it('refuses to play an item that is not ready', async () => {
    const store = await readyStore();
    store.getState().play(store.getState().items[1]?.id);
    expect(store.getState()).toMatchObject({ currentId: null, playing: false });
  });
});
