// The playlists' undoable actions as steps of the window's one undo history (undo-history.ts): a delete, a
// Play that replaced the queue, and the edits of one playlist (rename, items added or removed).
import { MAX_PLAYLISTS } from '../../../shared/playlist-limits';
import { PLAYLISTS_FULL, playlistCut } from './playlists-items';
import type { QueueItem } from './queue';
import { reinsert, tracks, type Removed } from './queue-undo';
import { roomLeft } from './queue-room';
import type { AppState, PlaylistEntry } from './state';
import type { UndoStep } from './undo-history';

/** What the steps need of the slice: the state, and the two ways it changes (the playlists are saved). */
export interface PlaylistUndoHost {
  get(): AppState;
  set(patch: Partial<AppState>): void;
  change(playlists: PlaylistEntry[], more?: Partial<AppState>): void;
  edit(id: string, update: (playlist: PlaylistEntry) => PlaylistEntry): void;
}

/** The queue as a Play of a playlist found it. */
export type QueueBefore = Pick<AppState, 'items' | 'currentId' | 'selection' | 'anchorId' | 'shuffleOrder'>;

/** A deleted playlist comes back at its place (open again if it was), unless the playlists are full now. */
export function deleteStep(
  host: PlaylistUndoHost,
  playlist: PlaylistEntry,
  index: number,
  wasOpen: boolean,
): UndoStep {
  return {
    label: `Undo delete playlist (${tracks(playlist.items.length)})`,
    undo() {
      const { playlists } = host.get();
      if (playlists.length >= MAX_PLAYLISTS) {
        host.set({ notice: PLAYLISTS_FULL });
        return false;
      }
      const at = Math.min(index, playlists.length);
      host.change(
        [...playlists.slice(0, at), playlist, ...playlists.slice(at)],
        wasOpen ? { openPlaylistId: playlist.id } : {},
      );
      return true;
    },
  };
}

/** The queue a Play replaced comes back, paused: what was playing then has long moved on. */
export function playStep(host: PlaylistUndoHost, before: QueueBefore): UndoStep {
  return {
    label: `Undo play (bring back the queue of ${tracks(before.items.length)})`,
    undo() {
      host.set({ ...before, playing: false, restoredPosition: 0 });
      return true;
    },
  };
}

export const renameStep = (host: PlaylistUndoHost, id: string, oldName: string): UndoStep => ({
  label: 'Undo rename playlist',
  undo() {
    host.edit(id, (playlist) => ({ ...playlist, name: oldName }));
    return true;
  },
});

/** Items removed from a playlist go back at their places, unless the playlist has no room for them now. */
export function removeStep(host: PlaylistUndoHost, id: string, removed: readonly Removed[]): UndoStep {
  return {
    label: `Undo remove from playlist (${tracks(removed.length)})`,
    undo() {
      let fits = true;
      host.edit(id, (playlist) => {
        const present = new Set(playlist.items.map((item) => item.id));
        const back = removed.filter((r) => !present.has(r.item.id));
        const room = roomLeft(host.get().queueCap, playlist.items.length);
        fits = back.length <= room;
        if (!fits) host.set({ notice: playlistCut(0, back.length, host.get().queueCap) });
        return fits ? { ...playlist, items: reinsert(playlist.items, back) } : playlist;
      });
      return fits;
    },
  };
}

/** The copies added to a playlist (from the queue) leave it again. */
export function addStep(host: PlaylistUndoHost, id: string, added: readonly QueueItem[]): UndoStep {
  const ids = new Set(added.map((item) => item.id));
  return {
    label: `Undo add to playlist (${tracks(added.length)})`,
    undo() {
      host.edit(id, (playlist) => ({
        ...playlist,
        items: playlist.items.filter((item) => !ids.has(item.id)),
      }));
      return true;
    },
  };
}
