// An open playlist in the middle of the window: its name (renamed in place), Play, Add to queue, Duplicate
// and Delete, and its items in the queue's own list: the same rows, selection, keys and drag reordering.
import { useMemo, useState, type DragEvent, type FormEvent } from 'react';
import { MAX_PLAYLIST_NAME_CHARS } from '../../../shared/playlist-limits';
import { formatCount } from '../format';
import { useAppStore } from '../store/context';
import { playlistSource } from './listSource';
import { PlaylistFiles } from './PlaylistFiles';
import { droppedText } from './QueuePanel';
import { QueueList } from './QueueList';
import { useStoreApi } from './useStoreApi';

export function PlaylistView({ id }: { id: string }) {
  const store = useStoreApi();
  const playlist = useAppStore((s) => s.playlists.find((each) => each.id === id));
  const [renaming, setRenaming] = useState<string | null>(null);
  const name = playlist?.name ?? '';
  const source = useMemo(() => playlistSource(id, name), [id, name]);
  if (playlist === undefined) return null;
  const count = playlist.items.length;
  const empty = count === 0;

  // Links or text dropped on an open playlist are added to it, as a paste is.
  const onDragOver = (event: DragEvent) => {
    if (
      !event.dataTransfer.types.includes('text/plain') &&
      !event.dataTransfer.types.includes('text/uri-list')
    ) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: DragEvent) => {
    const text = droppedText(event.dataTransfer);
    if (text.trim() === '') return;
    event.preventDefault();
    void store.getState().addTextToPlaylist(id, text);
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (renaming !== null) store.getState().renamePlaylist(id, renaming);
    setRenaming(null);
  };

  return (
    <main className="playlist-view" aria-label={playlist.name} onDragOver={onDragOver} onDrop={onDrop}>
      <div className="queue-toolbar playlist-toolbar">
        {renaming === null ? (
          <h2 className="playlist-view-title">
            {playlist.name}
            <span className="playlist-view-count">{` · ${formatCount(count)} ${count === 1 ? 'track' : 'tracks'}`}</span>
          </h2>
        ) : (
          <form className="playlist-rename" onSubmit={rename}>
            <h2 className="visually-hidden">{playlist.name}</h2>
            <input
              aria-label="Playlist name"
              value={renaming}
              maxLength={MAX_PLAYLIST_NAME_CHARS}
              autoFocus
              onChange={(event) => setRenaming(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') setRenaming(null);
              }}
            />
            <button type="submit">Save name</button>
          </form>
        )}
        <div className="toolbar-actions">
          <button type="button" disabled={empty} onClick={() => store.getState().playPlaylist(id)}>
            Play
          </button>
          <button type="button" disabled={empty} onClick={() => store.getState().queuePlaylist(id)}>
            Add to queue
          </button>
          <button type="button" onClick={() => setRenaming(playlist.name)}>
            Rename
          </button>
          <button type="button" onClick={() => store.getState().duplicatePlaylist(id)}>
            Duplicate
          </button>
          <button type="button" onClick={() => store.getState().deletePlaylist(id)}>
            Delete
          </button>
          <PlaylistFiles id={id} name={playlist.name} count={count} />
        </div>
      </div>
      {empty ? (
        <p className="playlist-empty">
          Empty. Select tracks in Now playing, then add them with the + beside this playlist in the panel.
        </p>
      ) : (
        <QueueList source={source} />
      )}
    </main>
  );
}
