// The window tells the truth, in the store: blocked tracks are skipped and never offered a useless Retry,
// removals are announced with an undo that names them, adds say where they went, the progress count keeps
// up with the rows, and a change of provider retries what the old one failed.
import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors';
import type { Settings } from '../../../shared/ipc';
import { rowStatus } from '../../../renderer/src/components/rowStatus';
import { canRetry } from '../../../renderer/src/store/queue-edit';
import { createLiveStore, fakeApi, flush, track } from './fakes';
import { settingsView } from '../../helpers/settings';

const geoBlocked = {
  ...track(2, 'Border Song'),
  access: 'blocked' as const,
  reason: appError('GEO_BLOCKED'),
};
const numberOf = (link: string): number => Number(link.split('-').pop());

async function queueOf(blockedNumbers: readonly number[], count = 4) {
  const api = fakeApi({
    answer: (link) => {
      const n = numberOf(link);
      return blockedNumbers.includes(n) ? { ...geoBlocked, id: n } : track(n);
    },
  });
  const store = createLiveStore(api);
  const links = Array.from({ length: count }, (_, i) => `https://soundcloud.com/a/t-${i + 1}`);
  await store.getState().addText(links.join(' '));
  await flush();
  const ids = store.getState().items.map((item) => item.id);
  return { api, store, ids };
}

const settings = (provider: Settings['provider']): Settings => settingsView({ provider });

describe('reasons up front', () => {
  it('shows why a blocked track cannot play as soon as it resolves, and a generic reason without one', async () => {
    const { store } = await queueOf([2]);
    const row = store.getState().items[1];
    if (row === undefined) throw new Error('no row');
    expect(rowStatus(row, false, false)).toBe('Not playable: This track is not available in your country.');
    const { reason: _reason, ...unexplained } = geoBlocked;
    expect(rowStatus({ ...row, track: unexplained }, false, false)).toMatch(
      /^Not playable: SoundCloud offers/,
    );
  });

  it('skips blocked tracks on next, previous and auto-advance, and refuses to play one', async () => {
    const { store, ids } = await queueOf([2, 3]);
    const [one, two, , four] = ids;
    store.getState().play();
    expect(store.getState().currentId).toBe(one);
    store.getState().next();
    expect(store.getState().currentId).toBe(four);
    store.getState().previous(0);
    expect(store.getState().currentId).toBe(one);
    store.getState().trackEnded();
    expect(store.getState().currentId).toBe(four);
    store.getState().play(two);
    expect(store.getState().currentId).toBe(four);
  });

  it('offers Retry only where retrying can help', () => {
    const failed = (code: Parameters<typeof appError>[0]) =>
      canRetry({
        id: 'x',
        link: 'l',
        kind: 'track',
        startSeconds: 0,
        status: 'error',
        error: appError(code),
      });
    for (const code of [
      'GEO_BLOCKED',
      'DRM_ONLY',
      'NOT_FOUND',
      'INVALID_LINK',
      'PREVIEW_ONLY',
      'PRIVATE',
    ] as const) {
      expect(failed(code), code).toBe(false);
    }
    for (const code of [
      'UNAUTHORIZED',
      'CHALLENGED',
      'RATE_LIMITED',
      'NETWORK',
      'SERVER',
      'EXPIRED',
    ] as const) {
      expect(failed(code), code).toBe(true);
    }
  });
});

describe('loading is not playing', () => {
  it('says Loading… on the current row until the audio moves', async () => {
    const { store } = await queueOf([]);
    const row = store.getState().items[0];
    if (row === undefined) throw new Error('no row');
    expect(rowStatus(row, true, true, false)).toBe('Loading…');
    expect(rowStatus(row, true, true, true)).toBe('Playing');
    expect(rowStatus(row, true, false, false)).toBe('Paused');
  });
});

describe('undo says what it undoes', () => {
  it('announces a clear with a toast naming its undo, and undo never moves playback', async () => {
    const { store, ids } = await queueOf([], 3);
    store.getState().play(ids[1]);
    store.getState().clear();
    expect(store.getState().toast).toMatchObject({
      message: 'Cleared 3 tracks.',
      undoLabel: 'Undo clear (3 tracks)',
    });
    expect(store.getState().undoLabel).toBe('Undo clear (3 tracks)');
    store.getState().undo();
    expect(store.getState().items.map((i) => i.id)).toEqual(ids);
    expect(store.getState()).toMatchObject({ currentId: null, playing: false, toast: null, undoLabel: null });
  });

  it('never merges a cleared queue back into a newer one', async () => {
    const { store, ids } = await queueOf([], 3);
    store.getState().remove([ids[0] ?? '']);
    store.getState().clear();
    await store.getState().addText('https://soundcloud.com/a/t-9');
    await flush();
    expect(store.getState().toast).toBeNull();
    // The clear is gone from the history; the removal before it can still be undone.
    expect(store.getState().undoLabel).toBe('Undo remove (1 track)');
    store.getState().undo();
    expect(store.getState().items.map((i) => i.track?.id)).toEqual([1, 9]);
  });

  it('dismisses only the toast it was shown for', async () => {
    const { store, ids } = await queueOf([], 3);
    store.getState().remove([ids[0] ?? '']);
    const first = store.getState().toast?.serial ?? -1;
    store.getState().removeFailed();
    store.getState().remove([ids[1] ?? '']);
    store.getState().dismissToast(first);
    expect(store.getState().toast?.message).toBe('Removed 1 track.');
    store.getState().dismissToast(store.getState().toast?.serial ?? -1);
    expect(store.getState().toast).toBeNull();
  });
});

describe('adds are confirmed', () => {
  it('says where the new rows went, marks them, and shows a progress line for one link too', async () => {
    const { store } = await queueOf([], 3);
    store.getState().dismissJustAdded();
    const adding = store.getState().addText('https://soundcloud.com/a/t-7');
    await adding;
    const [newId] = store
      .getState()
      .items.slice(-1)
      .map((i) => i.id);
    expect(store.getState().justAdded?.message).toBe('Added 1 link at the end of the queue (row 4).');
    expect(store.getState().justAdded?.ids.has(newId ?? '')).toBe(true);
    expect(store.getState().progress).toMatchObject({ resolved: 0, failed: 0, total: 1, finished: false });
    await flush();
    // The resolved row counts at once, before (or without) main's throttled progress event.
    expect(store.getState().progress).toMatchObject({ resolved: 1, total: 1, finished: true });
  });

  it('clears an old notice when the next paste succeeds', async () => {
    const { store } = await queueOf([], 1);
    await store.getState().addText('no links here');
    expect(store.getState().notice).not.toBeNull();
    await store.getState().addText('https://soundcloud.com/a/t-5');
    expect(store.getState().notice).toBeNull();
  });
});

describe('settings pushed by main', () => {
  it('adopts the settings event, and a new provider retries what failed through the old one', async () => {
    let refused = true;
    const api = fakeApi({
      answer: (link) => (refused ? appError('UNAUTHORIZED') : track(numberOf(link))),
    });
    const store = createLiveStore(api);
    await store.getState().addText('https://soundcloud.com/a/t-1 https://soundcloud.com/a/t-2');
    await flush();
    api.emit({ type: 'settings', settings: settings('official') });
    expect(store.getState().settings?.provider).toBe('official');
    expect(api.retry).not.toHaveBeenCalled();

    refused = false;
    api.emit({ type: 'settings', settings: settings('v2') });
    await flush();
    expect(api.retry).toHaveBeenCalledTimes(2);
    expect(store.getState().items.map((i) => i.status)).toEqual(['ready', 'ready']);
  });
});
