// Sends the playlists to main, debounced, once they have been loaded (saving before would replace the saved
// ones with none); playlists main already has, unchanged, go by id alone.
import type { CloudcueApi, PlaylistsUpdate } from '../../../shared/ipc';
import { toSavedPlaylist } from './playlists-items';
import type { PlaylistEntry } from './state';

export interface PlaylistSaver {
  /** The playlists main holds now (loaded): their objects go by id in later saves. */
  loaded(playlists: readonly PlaylistEntry[]): void;
  /** Saves the playlists `read` gives a little later; changes meanwhile are saved together. */
  schedule(): void;
}

export function createPlaylistSaver(
  api: CloudcueApi,
  read: () => readonly PlaylistEntry[],
  debounceMs = 500,
): PlaylistSaver {
  let ready = false;
  let waiting = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Playlist objects main has (loaded, or sent in an accepted save): a changed playlist is a new object. */
  let known = new WeakSet<PlaylistEntry>();

  function update(playlists: readonly PlaylistEntry[]): PlaylistsUpdate {
    return playlists.map((playlist) =>
      known.has(playlist) ? { kept: playlist.id } : toSavedPlaylist(playlist),
    );
  }

  async function save(): Promise<void> {
    timer = null;
    const playlists = read();
    const answer = await api.savePlaylists({ playlists: update(playlists) });
    if (answer.ok && answer.value.accepted) {
      for (const playlist of playlists) known.add(playlist);
      return;
    }
    // Main lacks one sent as kept (it restarted), or the call was lost: everything goes in full next time,
    // now if main asked for it, else with the next change (a lost main is not called again and again).
    known = new WeakSet();
    if (answer.ok) schedule();
  }

  function schedule(): void {
    if (!ready) {
      waiting = true;
      return;
    }
    timer ??= setTimeout(() => void save(), debounceMs);
  }

  return {
    loaded(playlists) {
      ready = true;
      for (const playlist of playlists) known.add(playlist);
      if (waiting) schedule();
    },
    schedule,
  };
}
