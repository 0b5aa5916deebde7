// The saved playlists (userData/playlists.json) as the handlers use them: saves arrive as updates that may
// name unchanged playlists by id, and are written debounced, one disk operation at a time (playlists-files.ts).
// A file of their own, not part of session.json: the session is written every few seconds while music plays,
// and rewriting every playlist with it would cost megabytes a save for nothing.
import type { Playlist, PlaylistsUpdate } from '../../shared/ipc';
import type { FileSystem } from './atomic-file';
import { createPlaylistsFiles, PLAYLIST_NOTICES, type PlaylistsLoad } from './playlists-files';
import { createSerial } from './serial';

/** The saved playlists as the handlers need them. */
export interface PlaylistsAccess {
  load(): Promise<PlaylistsLoad>;
  /** Keeps the newest playlists and writes them a little later; false when one sent as kept is unknown here. */
  save(update: PlaylistsUpdate): boolean;
}

export interface PlaylistsStore extends PlaylistsAccess {
  /** Writes pending playlists now; resolves once they are on disk (or the write failed, which is logged). */
  flush(): Promise<void>;
}

export interface PlaylistsStoreOptions {
  /** userData/playlists.json */
  file: string;
  debounceMs?: number;
  fs?: FileSystem;
  now?: () => number;
}

export function createPlaylistsStore(options: PlaylistsStoreOptions): PlaylistsStore {
  const debounceMs = options.debounceMs ?? 500;
  const files = createPlaylistsFiles(options);
  const serially = createSerial();
  let pending: Playlist[] | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** The playlists last loaded or saved, by id: what the renderer may send as kept. */
  let known = new Map<string, Playlist>();

  const remember = (playlists: readonly Playlist[]): void => {
    known = new Map(playlists.map((playlist) => [playlist.id, playlist]));
  };

  async function load(): Promise<PlaylistsLoad> {
    try {
      const result = await serially(files.load);
      remember(result.playlists);
      return result;
    } catch (error) {
      console.warn('playlists: cannot load', error);
      return { playlists: [], notice: PLAYLIST_NOTICES.unreadable(null) };
    }
  }

  function writePending(): Promise<void> {
    return serially(async () => {
      const playlists = pending;
      pending = null;
      if (playlists === null) return;
      try {
        await files.write(playlists);
      } catch (error) {
        console.warn('playlists: cannot save', error);
        pending ??= playlists;
      }
    });
  }

  function save(update: PlaylistsUpdate): boolean {
    const playlists: Playlist[] = [];
    for (const entry of update) {
      const playlist = 'kept' in entry ? known.get(entry.kept) : entry;
      if (playlist === undefined) return false;
      playlists.push(playlist);
    }
    remember(playlists);
    pending = playlists;
    // Not restarted by later saves: a steady stream of them is still written every debounceMs.
    timer ??= setTimeout(() => {
      timer = null;
      void writePending();
    }, debounceMs);
    return true;
  }

  function flush(): Promise<void> {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    return writePending();
  }

  return { load, save, flush };
}
