// The Playlists panel (a navigation landmark): "Now playing" (the queue) and each playlist, to open in the
// middle of the window; New playlist, Save queue as playlist, and adding the queue's selection to a playlist
// (the keyboard's way to do what a drag would). Collapsible, and collapsed at first in a narrow window.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../format';
import { useAppStore } from '../store/context';
import { useStoreApi } from './useStoreApi';

/** Below this width the panel starts collapsed, so the queue keeps the room (the window goes down to 480). */
const NARROW_PX = 760;

const startsCollapsed = (): boolean =>
  typeof window.matchMedia === 'function' && window.matchMedia(`(max-width: ${NARROW_PX}px)`).matches;

const countOf = (count: number): string => `${formatCount(count)} ${count === 1 ? 'track' : 'tracks'}`;

export function PlaylistsPanel() {
  const store = useStoreApi();
  const [collapsed, setCollapsed] = useState(startsCollapsed);
  const { playlists, openId, queueCount, selected } = useAppStore(
    useShallow((s) => ({
      playlists: s.playlists,
      openId: s.openPlaylistId,
      queueCount: s.items.length,
      selected: s.selection.length,
    })),
  );
  const showSelectionActions = selected > 0 && openId === null;

  const newPlaylist = () => {
    const id = store.getState().createPlaylist();
    if (id !== null) store.getState().openPlaylist(id);
  };
  const saveQueue = () => {
    const id = store.getState().saveQueueAsPlaylist();
    if (id !== null) store.getState().openPlaylist(id);
  };

  return (
    <nav className={collapsed ? 'playlists-panel collapsed' : 'playlists-panel'} aria-label="Playlists">
      <div className="playlists-head">
        <button
          type="button"
          className="playlists-toggle"
          aria-expanded={!collapsed}
          aria-controls="playlists-body"
          title={collapsed ? 'Show playlists' : 'Hide playlists'}
          onClick={() => setCollapsed(!collapsed)}
        >
          <span aria-hidden="true">{collapsed ? '»' : '«'}</span>
          <span className="visually-hidden">Playlists</span>
        </button>
        {!collapsed && <h2 className="playlists-title">Playlists</h2>}
      </div>
      <div id="playlists-body" className="playlists-body" hidden={collapsed}>
        <ul className="playlists-list">
          <li>
            <button
              type="button"
              className="playlist-link"
              aria-current={openId === null ? 'page' : undefined}
              onClick={() => store.getState().openPlaylist(null)}
            >
              <span className="playlist-name">
                Now playing<span className="visually-hidden">,</span>
              </span>
              <span className="playlist-count">{countOf(queueCount)}</span>
            </button>
          </li>
          {playlists.map((playlist) => (
            <li key={playlist.id} data-playlist-id={playlist.id}>
              <button
                type="button"
                className="playlist-link"
                aria-current={openId === playlist.id ? 'page' : undefined}
                onClick={() => store.getState().openPlaylist(playlist.id)}
              >
                <span className="playlist-name">
                  {playlist.name}
                  <span className="visually-hidden">,</span>
                </span>
                <span className="playlist-count">{countOf(playlist.items.length)}</span>
              </button>
              {showSelectionActions && (
                <button
                  type="button"
                  className="playlist-add"
                  aria-label={`Add ${countOf(selected)} to ${playlist.name}`}
                  title={`Add the selected tracks to ${playlist.name}`}
                  onClick={() => {
                    const state = store.getState();
                    state.addToPlaylist(playlist.id, state.selection);
                  }}
                >
                  +
                </button>
              )}
            </li>
          ))}
        </ul>
        <div className="playlists-actions">
          <button type="button" onClick={newPlaylist}>
            New playlist
          </button>
          <button type="button" onClick={saveQueue} disabled={queueCount === 0}>
            Save queue as playlist
          </button>
        </div>
      </div>
    </nav>
  );
}
