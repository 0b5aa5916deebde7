// The middle of the full window: the Playlists panel beside the list it opens, the queue ("Now playing") or
// a playlist. The queue stays mounted while a playlist is open (its scroll and focus stay where they were).
import { useEffect } from 'react';
import { useAppStore } from '../store/context';
import { PlaylistsPanel } from './PlaylistsPanel';
import { PlaylistToast } from './PlaylistToast';
import { PlaylistView } from './PlaylistView';
import { QueuePanel } from './QueuePanel';
import './Playlists.css';

export function PlaylistsLayout() {
  const openId = useAppStore((s) => s.openPlaylistId);
  const loadPlaylists = useAppStore((s) => s.loadPlaylists);

  useEffect(() => {
    void loadPlaylists();
  }, [loadPlaylists]);

  return (
    <div className="library">
      <PlaylistsPanel />
      <div className="library-main">
        <div className="library-queue" hidden={openId !== null}>
          <QueuePanel />
        </div>
        {openId !== null && <PlaylistView key={openId} id={openId} />}
        <PlaylistToast />
      </div>
    </div>
  );
}
