// @vitest-environment jsdom
// The Playlists panel and an open playlist in the window: a navigation landmark with "Now playing" and each
// playlist, New playlist, adding the queue's selection to a playlist, and an open playlist's Rename, Delete
// (undone from its toast) and rows in the queue's look.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PlaylistsPanel } from '../../../renderer/src/components/PlaylistsPanel';
import { PlaylistToast } from '../../../renderer/src/components/PlaylistToast';
import { PlaylistView } from '../../../renderer/src/components/PlaylistView';
import type { AppStore } from '../../../renderer/src/store';
import { StoreContext } from '../../../renderer/src/store/context';
import { idOf, storeWithTracks } from './fakes';

afterEach(cleanup);

function show(store: AppStore) {
  return render(
    <StoreContext.Provider value={store}>
      <PlaylistsPanel />
      <PlaylistToast />
    </StoreContext.Provider>,
  );
}

const nav = () => screen.getByRole('navigation', { name: 'Playlists' });

describe('the Playlists panel', () => {
  it('lists Now playing and each new playlist, and adds the queue selection to one', async () => {
    const { store } = await storeWithTracks([1, 2, 3]);
    await store.getState().loadPlaylists();
    show(store);
    expect(within(nav()).getByRole('button', { name: /^Now playing[,\s]*3 tracks$/ })).toBeDefined();
    fireEvent.click(within(nav()).getByRole('button', { name: 'New playlist' }));
    expect(store.getState().openPlaylistId).toBe(store.getState().playlists[0]?.id);
    const entry = within(nav()).getByRole('button', { name: /^Playlist 1[,\s]*0 tracks$/ });
    expect(entry.getAttribute('aria-current')).toBe('page');

    // The add buttons show while the queue is open and has a selection.
    fireEvent.click(within(nav()).getByRole('button', { name: /^Now playing[,\s]*3 tracks$/ }));
    expect(within(nav()).queryByRole('button', { name: /^Add / })).toBeNull();
    store.getState().select(idOf(store, 3), 'replace');
    store.getState().select(idOf(store, 1), 'toggle');
    fireEvent.click(await within(nav()).findByRole('button', { name: 'Add 2 tracks to Playlist 1' }));
    expect(within(nav()).getByRole('button', { name: /^Playlist 1[,\s]*2 tracks$/ })).toBeDefined();
  });
});

describe('an open playlist', () => {
  it('shows its rows, renames it, and deletes it with an undo in its toast', async () => {
    const { store } = await storeWithTracks([4, 5]);
    await store.getState().loadPlaylists();
    const id = store.getState().saveQueueAsPlaylist() ?? '';
    render(
      <StoreContext.Provider value={store}>
        <PlaylistView id={id} />
        <PlaylistToast />
      </StoreContext.Provider>,
    );
    const list = screen.getByRole('grid', { name: 'Playlist 1' });
    // jsdom lays nothing out, so the virtualizer renders no rows: the count is the proof here.
    expect(list).toBeDefined();
    expect(screen.getByRole('heading', { name: /^Playlist 1\s*· 2 tracks$/ })).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Playlist name' }), { target: { value: 'Night' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect(store.getState().playlists[0]?.name).toBe('Night');

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(store.getState().playlists).toEqual([]);
    fireEvent.click(await screen.findByRole('button', { name: 'Undo delete playlist (2 tracks)' }));
    expect(store.getState().playlists.map((p) => p.name)).toEqual(['Night']);
  });
});
