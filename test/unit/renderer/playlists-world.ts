// What the playlists' store tests share: a playlist's items as track numbers, and its item ids.
import type { AppStore } from '../../../renderer/src/store';
import type { QueueItem } from '../../../renderer/src/store/queue';

/** The number in an item's link (`…/track-N`), ready or failed alike. */
export const numberOf = (link: string): number => Number(link.split('-').pop());

const itemsOf = (store: AppStore, id: string): readonly QueueItem[] =>
  store.getState().playlists.find((playlist) => playlist.id === id)?.items ?? [];

/** The playlist's items as track numbers, in its order. */
export const playlistNumbers = (store: AppStore, id: string): number[] =>
  itemsOf(store, id).map((item) => numberOf(item.link));

/** The playlist's item ids, in its order. */
export const playlistItemIds = (store: AppStore, id: string): string[] =>
  itemsOf(store, id).map((item) => item.id);
