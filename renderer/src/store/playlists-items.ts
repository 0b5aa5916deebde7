// Pure helpers of the playlists: copies of queue items with ids of their own, default names, the bounds'
// messages, and the saved form main keeps (the queue's own item shape, so items restore the same way).
import type { Playlist as SavedPlaylist } from '../../../shared/ipc';
import { MAX_PLAYLIST_NAME_CHARS, MAX_PLAYLISTS } from '../../../shared/playlist-limits';
import { formatCount } from '../format';
import { fromSavedItem, toSavedItem } from './persist';
import type { QueueItem } from './queue';
import type { PlaylistEntry } from './state';

let copies = 0;
/** A session-unique prefix: ids made before a restart were saved, and must not be made again after it. */
const RUN = Date.now().toString(36);

/**
 * The items again, each with an id of its own, so a playlist and the queue never share an item: editing one
 * leaves the other as it was. An item still resolving is saved as one to retry, as a restart would leave it.
 */
export function copyItems(items: readonly QueueItem[]): QueueItem[] {
  return items.map((item) => fromSavedItem({ ...toSavedItem(item), id: `l${RUN}-${++copies}` }));
}

/** "Playlist 1", "Playlist 2"…: the first such name no playlist has. */
export function nextPlaylistName(playlists: readonly PlaylistEntry[]): string {
  const taken = new Set(playlists.map((playlist) => playlist.name));
  let number = 1;
  while (taken.has(`Playlist ${number}`)) number++;
  return `Playlist ${number}`;
}

/** A name as kept: trimmed, cut to the most a name holds, and never empty. */
export function cleanName(name: string, fallback: string): string {
  const trimmed = name.trim().slice(0, MAX_PLAYLIST_NAME_CHARS).trim();
  return trimmed === '' ? fallback : trimmed;
}

/** "Copy of Mornings", cut to fit. */
export const copyName = (name: string): string => cleanName(`Copy of ${name}`, name);

export const PLAYLISTS_FULL = `Cloudcue keeps at most ${formatCount(MAX_PLAYLISTS)} playlists: delete one to make another.`;

/** What adding to a playlist left out: it holds as many items as the queue does. */
export const playlistCut = (added: number, wanted: number, cap: number): string =>
  `Added ${formatCount(added)} of ${formatCount(wanted)} to the playlist: a playlist holds at most ` +
  `${formatCount(cap)} items.`;

export const toSavedPlaylist = (playlist: PlaylistEntry): SavedPlaylist => ({
  id: playlist.id,
  name: playlist.name,
  items: playlist.items.map(toSavedItem),
});

export const fromSavedPlaylist = (saved: SavedPlaylist): PlaylistEntry => ({
  id: saved.id,
  name: saved.name,
  items: saved.items.map(fromSavedItem),
});

let made = 0;
/** A new playlist's id, unique across restarts (see RUN). */
export const newPlaylistId = (): string => `pl${RUN}-${++made}`;
