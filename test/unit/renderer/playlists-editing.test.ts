// An open playlist takes the queue's gestures: click, Ctrl/Cmd+click and Shift+click selection, select all,
// drag and Alt+↑/↓ moves of the selection, each on the playlist alone (the queue's own selection untouched).
import { describe, expect, it } from 'vitest';
import type { AppStore } from '../../../renderer/src/store';
import { idOf, numbers, storeWithTracks } from './fakes';
import { numberOf } from './playlists-world';

const open = (store: AppStore) =>
  store.getState().playlists.find((playlist) => playlist.id === store.getState().openPlaylistId);
const listed = (store: AppStore): number[] => open(store)?.items.map((item) => numberOf(item.link)) ?? [];
/** The open playlist's item id for track `n`. */
const pid = (store: AppStore, n: number): string =>
  open(store)?.items.find((item) => numberOf(item.link) === n)?.id ?? `missing ${n}`;
const selected = (store: AppStore): number[] =>
  store
    .getState()
    .playlistSelection.map((id) => open(store)?.items.find((item) => item.id === id))
    .map((item) => (item === undefined ? -1 : numberOf(item.link)));

async function openPlaylist(tracks: number[]) {
  const { store } = await storeWithTracks(tracks);
  await store.getState().loadPlaylists();
  const id = store.getState().saveQueueAsPlaylist() ?? '';
  store.getState().openPlaylist(id);
  return { store, edit: () => store.getState().playlistEditing };
}

describe('selecting in an open playlist', () => {
  it('selects by click, Ctrl/Cmd+click and Shift+click, in the playlist’s order', async () => {
    const { store, edit } = await openPlaylist([1, 2, 3, 4, 5]);
    store.getState().select(idOf(store, 1), 'replace');
    edit().select(pid(store, 4), 'replace');
    edit().select(pid(store, 2), 'toggle');
    expect(selected(store)).toEqual([2, 4]);
    edit().select(pid(store, 5), 'range');
    expect(selected(store)).toEqual([2, 3, 4, 5]);
    edit().select(pid(store, 3), 'toggle');
    expect(selected(store)).toEqual([2, 4, 5]);
    // The queue's selection is its own.
    expect(store.getState().selection).toEqual([idOf(store, 1)]);
    edit().selectAll();
    expect(selected(store)).toEqual([1, 2, 3, 4, 5]);
    edit().clearSelection();
    expect(store.getState()).toMatchObject({ playlistSelection: [], playlistAnchorId: null });
  });

  it('forgets the selection when another playlist opens, and drops removed items from it', async () => {
    const { store, edit } = await openPlaylist([1, 2, 3]);
    edit().selectAll();
    store.getState().removeFromPlaylist(open(store)?.id ?? '', [pid(store, 2)]);
    expect(selected(store)).toEqual([1, 3]);
    const other = store.getState().createPlaylist() ?? '';
    store.getState().openPlaylist(other);
    expect(store.getState().playlistSelection).toEqual([]);
  });
});

describe('moving in an open playlist', () => {
  it('drags a selection to a place, keeping its order, and the queue stays as it was', async () => {
    const { store, edit } = await openPlaylist([1, 2, 3, 4, 5]);
    edit().select(pid(store, 4), 'replace');
    edit().select(pid(store, 2), 'toggle');
    edit().move(store.getState().playlistSelection, 0);
    expect(listed(store)).toEqual([2, 4, 1, 3, 5]);
    expect(selected(store)).toEqual([2, 4]);
    expect(numbers(store)).toEqual([1, 2, 3, 4, 5]);
    edit().move([pid(store, 1)], 99);
    expect(listed(store)).toEqual([2, 4, 3, 5, 1]);
  });

  it('moves a block by one with Alt+↑/↓, a block at the edge staying put', async () => {
    const { store, edit } = await openPlaylist([1, 2, 3, 4]);
    edit().moveBy([pid(store, 2), pid(store, 3)], 1);
    expect(listed(store)).toEqual([1, 4, 2, 3]);
    edit().moveBy([pid(store, 2), pid(store, 3)], 1);
    expect(listed(store)).toEqual([1, 4, 2, 3]);
    edit().moveBy([pid(store, 1)], -1);
    expect(listed(store)).toEqual([1, 4, 2, 3]);
    edit().moveBy([pid(store, 2)], -1);
    expect(listed(store)).toEqual([1, 2, 4, 3]);
  });

  it('does nothing with no playlist open', async () => {
    const { store, edit } = await openPlaylist([1, 2]);
    store.getState().openPlaylist(null);
    const before = store.getState().playlists;
    edit().move([before[0]?.items[1]?.id ?? ''], 0);
    edit().selectAll();
    expect(store.getState().playlists).toBe(before);
    expect(store.getState().playlistSelection).toEqual([]);
  });
});
