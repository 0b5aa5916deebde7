// The playlists slice without React: making, naming, duplicating and deleting (with undo) playlists, filling
// them from the queue, playing them (undo brings the queue back), appending them, the bounds, and saving
// through main (debounced, unchanged playlists sent by id, nothing saved before the load).
import { describe, expect, it, vi } from 'vitest';
import { appError } from '../../../shared/errors';
import { MAX_PLAYLISTS, MAX_PLAYLIST_NAME_CHARS } from '../../../shared/playlist-limits';
import type { AppStore } from '../../../renderer/src/store';
import { createLiveStore, fakeApi, flush, idOf, linkOf, numbers, storeWithTracks, track } from './fakes';
import { numberOf, playlistNumbers } from './playlists-world';

const names = (store: AppStore): string[] => store.getState().playlists.map((playlist) => playlist.name);

async function loaded(tracks: number[], options: { queueCap?: number; failing?: number[] } = {}) {
  const made = await storeWithTracks(tracks, options);
  await made.store.getState().loadPlaylists();
  return made;
}

describe('making playlists', () => {
  it('names new playlists Playlist 1, 2… skipping names in use, and cleans names', async () => {
    const { store } = await loaded([]);
    const first = store.getState().createPlaylist();
    store.getState().createPlaylist();
    expect(names(store)).toEqual(['Playlist 1', 'Playlist 2']);
    store.getState().renamePlaylist(first ?? '', '   Mornings  ');
    store.getState().createPlaylist();
    expect(names(store)).toEqual(['Mornings', 'Playlist 2', 'Playlist 1']);
    store.getState().renamePlaylist(first ?? '', '   ');
    expect(names(store)[0]).toBe('Mornings');
    store.getState().renamePlaylist(first ?? '', 'x'.repeat(MAX_PLAYLIST_NAME_CHARS + 50));
    expect(names(store)[0]).toHaveLength(MAX_PLAYLIST_NAME_CHARS);
  });

  it(`refuses a playlist past ${MAX_PLAYLISTS}, and says so`, async () => {
    const { store } = await loaded([]);
    for (let i = 0; i < MAX_PLAYLISTS; i++) store.getState().createPlaylist();
    expect(store.getState().createPlaylist()).toBeNull();
    expect(store.getState().playlists).toHaveLength(MAX_PLAYLISTS);
    expect(store.getState().notice).toMatch(/at most 200 playlists/);
  });

  it('adds the queue selection in queue order, as copies the queue can change without touching them', async () => {
    const { store } = await loaded([1, 2, 3, 4]);
    const id = store.getState().createPlaylist() ?? '';
    store.getState().addToPlaylist(id, [idOf(store, 3), idOf(store, 1), 'nope']);
    expect(playlistNumbers(store, id)).toEqual([1, 3]);
    const copies = store.getState().playlists[0]?.items.map((item) => item.id) ?? [];
    expect(copies).not.toContain(idOf(store, 1));
    store.getState().remove([idOf(store, 1)]);
    expect(playlistNumbers(store, id)).toEqual([1, 3]);
    store.getState().removeFromPlaylist(id, [copies[0] ?? '']);
    expect(playlistNumbers(store, id)).toEqual([3]);
  });

  it('keeps a playlist within the queue cap, and says what it left out', async () => {
    const { store } = await loaded([1, 2, 3], { queueCap: 4 });
    const id = store.getState().createPlaylist() ?? '';
    store.getState().addToPlaylist(
      id,
      store.getState().items.map((i) => i.id),
    );
    store.getState().addToPlaylist(
      id,
      store.getState().items.map((i) => i.id),
    );
    expect(playlistNumbers(store, id)).toEqual([1, 2, 3, 1]);
    expect(store.getState().notice).toMatch(/Added 1 of 3.*at most 4/);
  });

  it('saves the queue as a playlist, and duplicates one under a new name', async () => {
    const { store } = await loaded([5, 6]);
    const saved = store.getState().saveQueueAsPlaylist() ?? '';
    const copy = store.getState().duplicatePlaylist(saved) ?? '';
    expect(names(store)).toEqual(['Playlist 1', 'Copy of Playlist 1']);
    expect(playlistNumbers(store, copy)).toEqual([5, 6]);
  });
});

describe('deleting, with undo', () => {
  it('deletes a playlist, and the toast undo puts it back at its place, open again if it was', async () => {
    const { store } = await loaded([1]);
    const [a, b, c] = [1, 2, 3].map(() => store.getState().createPlaylist() ?? '');
    store.getState().addToPlaylist(b ?? '', [idOf(store, 1)]);
    store.getState().openPlaylist(b ?? '');
    store.getState().deletePlaylist(b ?? '');
    expect(store.getState().playlists.map((p) => p.id)).toEqual([a, c]);
    expect(store.getState().openPlaylistId).toBeNull();
    expect(store.getState().playlistToast).toMatchObject({
      message: 'Deleted “Playlist 2”.',
      undoLabel: 'Undo delete playlist (1 track)',
    });
    store.getState().undoPlaylistAction();
    expect(store.getState().playlists.map((p) => p.id)).toEqual([a, b, c]);
    expect(store.getState().openPlaylistId).toBe(b);
    expect(store.getState().playlistToast).toBeNull();
  });
});

describe('playing and queueing a playlist', () => {
  it('Play replaces the queue and plays the first playable item; undo brings the queue back', async () => {
    const { store } = await loaded([1, 2, 3], { failing: [7] });
    await store.getState().addText(linkOf(7));
    await store.getState().addText(linkOf(8));
    await flush();
    const id = store.getState().createPlaylist() ?? '';
    store.getState().addToPlaylist(id, [idOf(store, 7), idOf(store, 8)]);
    store.getState().remove([idOf(store, 7), idOf(store, 8)]);
    store.getState().play(idOf(store, 2));
    store.getState().select(idOf(store, 3), 'replace');
    const before = store.getState().items;
    store.getState().playPlaylist(id);
    expect(numbers(store)).toEqual([7, 8]);
    const current = store.getState().items.find((item) => item.id === store.getState().currentId);
    expect(current?.track?.id).toBe(track(8).id);
    expect(store.getState().playing).toBe(true);
    expect(store.getState().playlistToast?.undoLabel).toBe('Undo play (bring back the queue of 3 tracks)');
    store.getState().undoPlaylistAction();
    expect(store.getState().items).toBe(before);
    expect(store.getState()).toMatchObject({ currentId: idOf(store, 2), playing: false });
    expect(store.getState().selection).toEqual([idOf(store, 3)]);
  });

  it('Add to queue appends copies, as many as fit, and says what did not', async () => {
    const { store } = await loaded([1, 2], { queueCap: 3 });
    const id = store.getState().saveQueueAsPlaylist() ?? '';
    store.getState().queuePlaylist(id);
    expect(numbers(store)).toEqual([1, 2, 1]);
    expect(new Set(store.getState().items.map((i) => i.id)).size).toBe(3);
    expect(store.getState().notice).toMatch(/Added 1 of 2 links/);
  });
});

describe('saving through main', () => {
  it('saves nothing before the load, then everything; unchanged playlists go by id', async () => {
    vi.useFakeTimers();
    try {
      const api = fakeApi({});
      const store = createLiveStore(api);
      store.getState().createPlaylist('Early');
      await vi.advanceTimersByTimeAsync(1_000);
      expect(api.savePlaylists).not.toHaveBeenCalled();
      await store.getState().loadPlaylists();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(api.savePlaylists).toHaveBeenCalledTimes(1);
      const second = store.getState().createPlaylist('Second') ?? '';
      store.getState().renamePlaylist(second, 'Second, renamed');
      await vi.advanceTimersByTimeAsync(1_000);
      expect(api.savePlaylists).toHaveBeenCalledTimes(2);
      const sent = api.savePlaylists.mock.calls[1]?.[0].playlists;
      expect(sent?.[0]).toEqual({ kept: store.getState().playlists[0]?.id });
      expect(sent?.[1]).toMatchObject({ name: 'Second, renamed', items: [] });

      // A second window (a restart) loads what was saved.
      const again = createLiveStore(api);
      await again.getState().loadPlaylists();
      expect(names(again)).toEqual(['Early', 'Second, renamed']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('links added straight to a playlist', () => {
  it('resolves them in the playlist (a set into its tracks), and retries one that failed', async () => {
    const api = fakeApi({
      answer: (link) => {
        const n = numberOf(link);
        if (n === 9) return appError('NETWORK');
        return n === 50 ? [track(51), track(52)] : track(n);
      },
    });
    const store = createLiveStore(api);
    await store.getState().loadPlaylists();
    const id = store.getState().createPlaylist() ?? '';
    const added = await store.getState().addTextToPlaylist(id, `${linkOf(3)} ${linkOf(50)} ${linkOf(9)}`);
    expect(added).toBe(3);
    await flush();
    expect(playlistNumbers(store, id)).toEqual([3, 51, 52, 9]);
    // Nothing reached the queue.
    expect(store.getState().items).toEqual([]);
    const failed = store.getState().playlists[0]?.items.at(-1);
    expect(failed?.status).toBe('error');

    // Main answers a retry of an item it does not know by its link, as after a restart; the result comes
    // back under the id the retry was asked with, which is a new one (an old id may be a queue item's now).
    api.retry.mockImplementationOnce(({ itemId }) => {
      setTimeout(() => {
        const entries = [{ itemId: 'r1', ok: true as const, track: track(9) }];
        api.emit({ type: 'resolved', batchId: 'b-retry', itemId, entries });
      }, 0);
      return Promise.resolve({ ok: true, value: { batchId: 'b-retry' } });
    });
    await store.getState().retryInPlaylist(id, failed?.id ?? '');
    expect(api.retry.mock.calls[0]?.[0].itemId).not.toBe(failed?.id);
    await flush();
    const statuses = store.getState().playlists[0]?.items.map((item) => item.status);
    expect(statuses).toEqual(['ready', 'ready', 'ready', 'ready']);
  });
});

describe('playing a playlist from a row', () => {
  it('plays from the row asked for, the whole playlist in the queue', async () => {
    const { store } = await loaded([1, 2, 3]);
    const id = store.getState().saveQueueAsPlaylist() ?? '';
    const second = store.getState().playlists[0]?.items[1]?.id ?? '';
    store.getState().playPlaylist(id, second);
    expect(numbers(store)).toEqual([1, 2, 3]);
    const current = store.getState().items.find((item) => item.id === store.getState().currentId);
    expect(current?.track?.id).toBe(track(2).id);
  });
});
