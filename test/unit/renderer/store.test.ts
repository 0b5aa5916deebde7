// The zustand store without React: pasted text becomes placeholders at once, filled in (or expanded)
// by main's events; failures stay on their item and can be retried; the play cursor; settings.
import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors';
import { createAppStore } from '../../../renderer/src/store';
import { startMainEvents } from '../../../renderer/src/store/main-events';
import { createLiveStore, fakeApi, flush, track, type Answer } from './fakes';
import { settingsView } from '../../helpers/settings';

const catalogue: Record<string, Answer> = {
  'https://soundcloud.com/a/one': track(1),
  'https://soundcloud.com/a/two': track(2),
  'https://soundcloud.com/a/three': track(3),
  'https://soundcloud.com/a/sets/both': [track(4), track(5)],
};

const answer = (link: string): Answer => catalogue[link] ?? appError('NOT_FOUND');

/** A store on a main that answers from the catalogue, with `links` pasted and resolved. */
async function pasted(...links: string[]) {
  const store = createLiveStore(fakeApi({ answer }));
  await store.getState().addText(links.map((path) => `https://soundcloud.com/a/${path}`).join(' '));
  await flush();
  return store;
}

describe('queue', () => {
  it('adds placeholders in paste order at once, then fills them in', async () => {
    const store = createLiveStore(fakeApi({ answer }));
    const added = await store
      .getState()
      .addText('https://soundcloud.com/a/two and https://soundcloud.com/a/one');
    expect(added).toBe(2);
    expect(store.getState().items.map((i) => [i.link, i.status])).toEqual([
      ['https://soundcloud.com/a/two', 'resolving'],
      ['https://soundcloud.com/a/one', 'resolving'],
    ]);
    await flush();
    expect(store.getState().items.map((i) => [i.track?.id, i.status])).toEqual([
      [2, 'ready'],
      [1, 'ready'],
    ]);
  });

  it('expands a set in place, between the items around it', async () => {
    const store = await pasted('one', 'sets/both', 'two');
    expect(store.getState().items.map((i) => i.track?.id)).toEqual([1, 4, 5, 2]);
  });

  it('keeps a failed item with its reason and leaves the others alone', async () => {
    const store = await pasted('one', 'missing');
    const [one, missing] = store.getState().items;
    expect(one?.status).toBe('ready');
    expect(missing?.status).toBe('error');
    expect(missing?.error?.code).toBe('NOT_FOUND');
    expect(missing?.link).toBe('https://soundcloud.com/a/missing');
  });

  it('retries a failed item and fills it in when it resolves this time', async () => {
    let attempts = 0;
    const store = createLiveStore(
      fakeApi({ answer: () => (++attempts === 1 ? appError('RATE_LIMITED') : track(7)) }),
    );
    await store.getState().addText('https://soundcloud.com/a/seven');
    await flush();
    const failed = store.getState().items[0];
    expect(failed?.error?.code).toBe('RATE_LIMITED');
    const retrying = store.getState().retry(failed?.id ?? '');
    expect(store.getState().items[0]?.status).toBe('resolving');
    await retrying;
    await flush();
    expect(store.getState().items).toHaveLength(1);
    expect(store.getState().items[0]).toMatchObject({ status: 'ready', track: { id: 7 } });
  });

  it('says so when main finds no link, and adds nothing', async () => {
    const store = createLiveStore(fakeApi({ answer }));
    await store.getState().addText('https://soundcloud.com/a/one');
    expect(await store.getState().addText('just some words')).toBe(0);
    expect(store.getState().notice).toBe('No links.');
    expect(store.getState().items).toHaveLength(1);
  });

  it('turns a lost IPC call into a notice, and a lost resolution into an error on the item', async () => {
    const api = fakeApi({ answer: () => Promise.reject(new Error('gone')) });
    const store = createLiveStore(api);
    await store.getState().addText('https://soundcloud.com/a/one');
    await flush();
    expect(store.getState().items[0]?.error?.code).toBe('NETWORK');
    api.addLinks.mockRejectedValueOnce(new Error('bridge down'));
    expect(await store.getState().addText('https://soundcloud.com/a/two')).toBe(0);
    expect(store.getState().notice).toMatch(/Lost contact/);
  });

  it('shows progress while a large paste resolves, and ends on the final count until dismissed', () => {
    const store = createLiveStore(fakeApi({ answer }));
    store.getState().receiveAll([{ type: 'progress', batchId: 'b1', resolved: 3, failed: 1, total: 10 }]);
    expect(store.getState().progress).toEqual({
      batchId: 'b1',
      resolved: 3,
      failed: 1,
      total: 10,
      finished: false,
    });
    // Main's count never moves the line back.
    store.getState().receiveAll([{ type: 'progress', batchId: 'b1', resolved: 2, failed: 1, total: 10 }]);
    expect(store.getState().progress?.resolved).toBe(3);
    store.getState().receiveAll([{ type: 'progress', batchId: 'b1', resolved: 9, failed: 1, total: 10 }]);
    expect(store.getState().progress).toMatchObject({ resolved: 9, failed: 1, finished: true });
    store.getState().dismissProgress('other');
    expect(store.getState().progress).not.toBeNull();
    store.getState().dismissProgress('b1');
    expect(store.getState().progress).toBeNull();
  });

  it('ignores events for items it does not have', () => {
    const store = createLiveStore(fakeApi({ answer }));
    store.getState().receiveAll([{ type: 'resolved', batchId: 'x', itemId: 'nope', entries: [] }]);
    expect(store.getState().items).toEqual([]);
  });
});

describe('playback cursor', () => {
  const readyStore = () => pasted('one', 'missing', 'three');

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
    expect(store.getState().items[0]).toMatchObject({ status: 'error', error: { code: 'EXPIRED' } });
    // The row still says which track failed.
    expect(store.getState().items[0]?.track).toEqual(one?.track);
    expect(store.getState()).toMatchObject({ currentId: three?.id, playing: true });
  });

  it('refuses to play an item that is not ready', async () => {
    const store = await readyStore();
    store.getState().play(store.getState().items[1]?.id);
    expect(store.getState()).toMatchObject({ currentId: null, playing: false });
  });
});

describe('event order', () => {
  it('applies a result that arrives before the placeholders it belongs to', async () => {
    const api = fakeApi({ answer });
    const store = createLiveStore(api);
    // Main answered quickly: the event is applied before the addLinks answer arrives.
    api.addLinks.mockImplementationOnce(() => {
      store.getState().receiveAll([
        {
          type: 'resolved',
          batchId: 'b',
          itemId: 'fast',
          entries: [{ itemId: 'e-fast', ok: true, track: track(9) }],
        },
      ]);
      return Promise.resolve({
        ok: true,
        value: {
          batchId: 'b',
          items: [
            {
              itemId: 'fast',
              link: 'https://soundcloud.com/a/nine',
              kind: 'track',
              startSeconds: 0,
              error: null,
            },
          ],
        },
      });
    });
    await store.getState().addText('https://soundcloud.com/a/nine');
    expect(store.getState().items).toMatchObject([{ id: 'e-fast', status: 'ready', track: { id: 9 } }]);
  });
});

describe('a new store', () => {
  it('starts empty, stopped, in order, at full volume, with settings not loaded', () => {
    const store = createLiveStore(fakeApi({ answer }));
    // An empty queue, nothing to undo, and no settings until main's arrive.
    expect(store.getState()).toMatchObject({ items: [], selection: [], canUndo: false, settings: null });
    // Nothing to play: play leaves it stopped, with no cursor.
    store.getState().play();
    expect(store.getState()).toMatchObject({ currentId: null, playing: false, sounding: false });
    // What the mode buttons and the volume slider show.
    expect(store.getState()).toMatchObject({ shuffle: false, repeat: 'off', volume: 1, muted: false });
  });
});

describe('settings', () => {
  const settings = settingsView({ secretStorage: 'encrypted', userTrackCap: 200 });

  it('loads the settings from main', async () => {
    const api = fakeApi({ answer });
    api.getSettings.mockResolvedValueOnce({ ok: true, value: settings });
    const store = createLiveStore(api);
    expect(await store.getState().loadSettings()).toBeNull();
    expect(store.getState().settings).toEqual(settings);
  });

  it('answers with the message when loading fails, and keeps what it had', async () => {
    const api = fakeApi({ answer });
    api.getSettings.mockResolvedValueOnce({ ok: false, error: appError('SERVER', 'Cannot read settings.') });
    const store = createLiveStore(api);
    expect(await store.getState().loadSettings()).toBe('Cannot read settings.');
    expect(store.getState().settings).toBeNull();
    api.getSettings.mockRejectedValueOnce(new Error('bridge down'));
    expect(await store.getState().loadSettings()).toMatch(/Lost contact/);
  });

  it('sends a change to main and shows the settings main answers with', async () => {
    const api = fakeApi({ answer });
    api.setSettings.mockResolvedValueOnce({ ok: true, value: { ...settings, theme: 'dark' } });
    const store = createLiveStore(api);
    expect(await store.getState().updateSettings({ theme: 'dark' })).toBeNull();
    expect(api.setSettings).toHaveBeenCalledWith({ theme: 'dark' });
    expect(store.getState().settings?.theme).toBe('dark');
  });

  it('answers with the message when main refuses a change, and leaves the settings as they were', async () => {
    const api = fakeApi({ answer });
    api.getSettings.mockResolvedValueOnce({ ok: true, value: settings });
    api.setSettings.mockResolvedValueOnce({ ok: false, error: appError('INVALID_INPUT', 'Too long.') });
    const store = createLiveStore(api);
    await store.getState().loadSettings();
    expect(await store.getState().updateSettings({ officialClientId: 'x'.repeat(500) })).toBe('Too long.');
    expect(store.getState().settings).toEqual(settings);
    api.setSettings.mockImplementationOnce(() => {
      throw new Error('no bridge');
    });
    expect(await store.getState().updateSettings({ theme: 'light' })).toMatch(/Lost contact/);
  });
});

describe('event bursts', () => {
  it('applies a burst of results from main in one update of the queue', async () => {
    // This main never resolves anything by itself: the test sends the results.
    const api = fakeApi({ answer: () => new Promise<Answer>(() => undefined) });
    const store = createLiveStore(api);
    await store.getState().addText('https://soundcloud.com/a/one https://soundcloud.com/a/two');
    const [first, second] = store.getState().items;
    let updates = 0;
    store.subscribe(() => (updates += 1));
    for (const [placeholder, id] of [
      [first, 11],
      [second, 12],
    ] as const) {
      api.emit({
        type: 'resolved',
        batchId: 'x',
        itemId: placeholder?.id ?? '',
        entries: [{ itemId: `e${id}`, ok: true, track: track(id) }],
      });
    }
    api.emit({ type: 'progress', batchId: 'x', resolved: 2, failed: 0, total: 3 });
    await flush();
    expect(store.getState().items.map((i) => i.track?.id)).toEqual([11, 12]);
    expect(store.getState().progress).toMatchObject({ resolved: 2, total: 3 });
    expect(updates).toBe(1);
  });

  it('stops hearing main once stopped, a burst not yet applied included', async () => {
    const api = fakeApi({ answer: () => new Promise<Answer>(() => undefined) });
    const store = createAppStore(api);
    const stop = startMainEvents(store, api);
    await store.getState().addText('https://soundcloud.com/a/one');
    const placeholder = store.getState().items[0]?.id ?? '';
    api.emit({
      type: 'resolved',
      batchId: 'x',
      itemId: placeholder,
      entries: [{ itemId: 'e1', ok: true, track: track(1) }],
    });
    stop();
    api.emit({ type: 'status', pause: { code: 'RATE_LIMITED', until: 1, message: 'Wait.' } });
    await flush();
    expect(store.getState().items.map((i) => i.status)).toEqual(['resolving']);
    expect(store.getState().requestPause).toBeNull();
  });
});
