// Which list a QueueList shows, the queue or an open playlist, and the actions its rows, keys and drags take
// there: the same gestures on either, each list with its own items and selection.
import { createContext, useContext } from 'react';
import type { AppState } from '../store';
import type { ListEditing } from '../store/list-editing';
import type { QueueItem } from '../store/queue';

export interface ListActions extends ListEditing {
  remove(ids: readonly string[]): void;
  play(id: string): void;
  retry(id: string): void;
}

export interface ListSource {
  /** The grid's name: "Queue", or the playlist's. */
  label: string;
  /** The playlist shown, or null for the queue. */
  playlistId: string | null;
  items(state: AppState): readonly QueueItem[];
  selection(state: AppState): string[];
  actions(state: AppState): ListActions;
}

export const QUEUE_SOURCE: ListSource = {
  label: 'Queue',
  playlistId: null,
  items: (state) => state.items,
  selection: (state) => state.selection,
  actions: (state) => state,
};

const NO_ITEMS: readonly QueueItem[] = [];

/** An open playlist as a list: a row's play plays the playlist from it (the queue becomes the playlist). */
export function playlistSource(id: string, name: string): ListSource {
  return {
    label: name,
    playlistId: id,
    items: (state) => state.playlists.find((playlist) => playlist.id === id)?.items ?? NO_ITEMS,
    selection: (state) => state.playlistSelection,
    actions: (state) => ({
      ...state.playlistEditing,
      remove: (ids) => state.removeFromPlaylist(id, ids),
      play: (itemId) => state.playPlaylist(id, itemId),
      retry: (itemId) => void state.retryInPlaylist(id, itemId),
    }),
  };
}

export const ListSourceContext = createContext<ListSource>(QUEUE_SOURCE);

export const useListSource = (): ListSource => useContext(ListSourceContext);
