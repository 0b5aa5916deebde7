// One undo history for the queue and the playlists: Ctrl/Cmd+Z (the store's undo) and the toolbar's Undo
// take back the latest action whichever list it changed, most recent first; a playlist's rename, removals and
// additions can be undone as its delete and Play can; one toast at a time.
import { describe, expect, it } from 'vitest';
import { UNDO_LIMIT } from '../../../renderer/src/store/undo-history';
import { createLiveStore, fakeApi, flush, idOf, linkOf, numbers, storeWithTracks, track } from './fakes';
import { playlistItemIds as itemIds, numberOf, playlistNumbers } from './playlists-world';

async function withPlaylist(tracks: number[]) {
  const { store } = await storeWithTracks(tracks);
  await store.getState().loadPlaylists();
  const id = store.getState().saveQueueAsPlaylist() ?? '';
  return { store, id };
}

describe('one undo history for the queue and the playlists', () => {
  it('undoes queue and playlist actions in reverse order, naming each in the toolbar', async () => {
    const { store, id } = await withPlaylist([1, 2, 3, 4]);
    const s = () => store.getState();
    s().remove([idOf(store, 2)]);
    s().removeFromPlaylist(id, itemIds(store, id).slice(0, 2));
    s().renamePlaylist(id, 'Mornings');
    s().remove([idOf(store, 4)]);
    expect(numbers(store)).toEqual([1, 3]);
    expect(playlistNumbers(store, id)).toEqual([3, 4]);
    expect(s().undoLabel).toBe('Undo remove (1 track)');

    s().undo();
    expect(numbers(store)).toEqual([1, 3, 4]);
    expect(s().undoLabel).toBe('Undo rename playlist');
    s().undo();
    expect(s().playlists[0]?.name).toBe('Playlist 1');
    expect(s().undoLabel).toBe('Undo remove from playlist (2 tracks)');
    s().undo();
    expect(playlistNumbers(store, id)).toEqual([1, 2, 3, 4]);
    expect(s().undoLabel).toBe('Undo remove (1 track)');
    s().undo();
    expect(numbers(store)).toEqual([1, 2, 3, 4]);
    expect(s()).toMatchObject({ canUndo: false, undoLabel: null });
  });

  it('Ctrl/Cmd+Z takes back a delete, and a Play that replaced the queue', async () => {
    const { store, id } = await withPlaylist([1, 2]);
    const s = () => store.getState();
    s().remove([idOf(store, 1)]);
    const queue = s().items;
    s().playPlaylist(id);
    expect(numbers(store)).toEqual([1, 2]);
    s().deletePlaylist(id);
    expect(s().playlists).toEqual([]);
    s().undo();
    expect(s().playlists.map((playlist) => playlist.id)).toEqual([id]);
    s().undo();
    expect(s().items).toBe(queue);
    expect(s().playing).toBe(false);
    s().undo();
    expect(numbers(store)).toEqual([1, 2]);
  });

  it('undoes the copies added to a playlist, leaving what was there before', async () => {
    const { store, id } = await withPlaylist([1, 2]);
    store.getState().addToPlaylist(id, [idOf(store, 2)]);
    expect(playlistNumbers(store, id)).toEqual([1, 2, 2]);
    expect(store.getState().playlistToast?.message).toBe('Added 1 track to “Playlist 1”.');
    store.getState().undo();
    expect(playlistNumbers(store, id)).toEqual([1, 2]);
  });

  it('shows one toast at a time, the latest action’s, whose Undo is that action’s', async () => {
    const { store, id } = await withPlaylist([1, 2, 3]);
    const s = () => store.getState();
    s().removeFromPlaylist(id, itemIds(store, id).slice(0, 1));
    expect(s().playlistToast?.undoLabel).toBe('Undo remove from playlist (1 track)');
    s().remove([idOf(store, 3)]);
    expect(s().playlistToast).toBeNull();
    expect(s().toast?.undoLabel).toBe('Undo remove (1 track)');
    s().renamePlaylist(id, 'Evenings');
    expect(s().toast).toBeNull();
    // The playlist toast's Undo: the rename, the latest action.
    s().undoPlaylistAction();
    expect(s().playlists[0]?.name).toBe('Playlist 1');
    expect(numbers(store)).toEqual([1, 2]);
    expect(s().playlistToast).toBeNull();
  });

  it(`keeps the ${UNDO_LIMIT} latest steps across both lists`, async () => {
    const { store, id } = await withPlaylist([1, 2]);
    const s = () => store.getState();
    s().remove([idOf(store, 1)]);
    for (let i = 1; i <= UNDO_LIMIT; i++) s().renamePlaylist(id, `Name ${i}`);
    for (let i = 0; i < UNDO_LIMIT; i++) s().undo();
    expect(s().playlists[0]?.name).toBe('Playlist 1');
    // The queue's removal was the oldest: it went.
    expect(s().canUndo).toBe(false);
    s().undo();
    expect(numbers(store)).toEqual([2]);
  });

  it('a clear is forgotten once new links come in; the playlists’ steps stay', async () => {
    const { store, id } = await withPlaylist([1, 2]);
    const s = () => store.getState();
    s().renamePlaylist(id, 'Kept');
    s().clear();
    expect(s().undoLabel).toBe('Undo clear (2 tracks)');
    await s().addText('https://soundcloud.com/a/track-5');
    expect(s().undoLabel).toBe('Undo rename playlist');
    expect(s().toast).toBeNull();
  });

  it.each(['removed from the playlist', 'in a deleted playlist'])(
    'gives a link %s while it resolved, brought back with undo, the result that came meanwhile',
    async (how) => {
      let answer = (): void => {};
      const answered = new Promise<void>((done) => (answer = done));
      const api = fakeApi({ answer: (link) => answered.then(() => track(numberOf(link))) });
      const store = createLiveStore(api);
      const s = () => store.getState();
      await s().loadPlaylists();
      const id = s().createPlaylist() ?? '';
      await s().addTextToPlaylist(id, `${linkOf(3)} ${linkOf(4)}`);
      if (how === 'in a deleted playlist') s().deletePlaylist(id);
      else s().removeFromPlaylist(id, itemIds(store, id).slice(0, 1));
      answer();
      await flush();
      s().undo();
      expect(playlistNumbers(store, id)).toEqual([3, 4]);
      expect(s().playlists[0]?.items.map((item) => item.status)).toEqual(['ready', 'ready']);
    },
  );
});
