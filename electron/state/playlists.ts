// The saved playlists (userData/playlists.json) as the handlers use them: saves arrive as updates that may
// name unchanged playlists by id, and are written debounced, with a backup, by the saved-document store.
// A file of their own, not part of session.json: the session is written every few seconds while music plays,
// and rewriting every playlist with it would cost megabytes a save for nothing.
import { playlistsSchema, type Playlist, type PlaylistsUpdate, type ResultTypes } from '../../shared/ipc';
import { decodePlaylists, encodePlaylists } from './playlists-format';
import { recoveryNotices, type SavedDocument } from './saved-files';
import {
  createSavedStore,
  type SavedAccess,
  type SavedAccessStore,
  type SavedStoreOptions,
} from './saved-store';

/** What a load gives the window: the playlists (none on a first start), and a sentence when one was recovered. */
export type PlaylistsLoad = ResultTypes['loadPlaylists'];

/** The saved playlists as the handlers need them. */
export type PlaylistsAccess = SavedAccess<PlaylistsLoad, PlaylistsUpdate>;
export type PlaylistsStore = SavedAccessStore<PlaylistsLoad, PlaylistsUpdate>;

export const PLAYLIST_NOTICES = recoveryNotices('playlists', true);

const playlistsDocument: SavedDocument<Playlist[]> = {
  name: 'playlists',
  decode(text) {
    const decoded = decodePlaylists(text);
    return decoded.kind === 'ok' ? { kind: 'ok', value: decoded.playlists, unkept: 0 } : decoded;
  },
  encode: encodePlaylists,
  schema: playlistsSchema,
  notices: PLAYLIST_NOTICES,
};

/** `options.file`: userData/playlists.json */
export function createPlaylistsStore(options: SavedStoreOptions): PlaylistsStore {
  const store = createSavedStore(options, playlistsDocument, (playlists) => playlists);

  async function load(): Promise<PlaylistsLoad> {
    const { value, notice } = await store.load();
    return { playlists: value ?? [], notice };
  }

  function save(update: PlaylistsUpdate): boolean {
    const playlists = store.expand(update);
    if (playlists === null) return false;
    store.save(playlists);
    return true;
  }

  return { load, save, flush: store.flush };
}
