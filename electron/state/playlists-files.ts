// The saved playlists on disk: playlists.json and its `.bak`, the previous good copy, kept as session.json is
// (session-files.ts): loads recover from damage without losing a file (damaged ones are kept aside), and
// writes keep the backup a state the app can load.
import { basename } from 'node:path';
import { playlistsSchema, type Playlist } from '../../shared/ipc';
import {
  copyFileAtomic,
  defaultFileSystem,
  errorCode,
  keepAside,
  readSavedFile,
  removeStaleTemporaries,
  writeFileAtomic,
  type FileSystem,
} from './atomic-file';
import { decodePlaylists, encodePlaylists, type DecodedPlaylists } from './playlists-format';

export interface PlaylistsFilesOptions {
  /** userData/playlists.json */
  file: string;
  fs?: FileSystem;
  now?: () => number;
}

/** What a load gives the window: the playlists (none on a first start), and a sentence when one was recovered. */
export interface PlaylistsLoad {
  playlists: Playlist[];
  notice: string | null;
}

export const PLAYLIST_NOTICES = {
  restored: "Cloudcue's saved playlists were damaged; the previous copy was restored.",
  unreadable: (name: string | null): string =>
    "Cloudcue's saved playlists could not be read" +
    (name === null ? '.' : `; they were kept aside as ${name}.`),
  newer: (name: string | null, restored: boolean): string =>
    'These playlists were saved by a newer Cloudcue, which this version cannot read' +
    (name === null ? '.' : `; they were kept aside as ${name}.`) +
    (restored ? ' The previous copy was restored.' : ''),
} as const;

/** Not safe to call concurrently: the playlists store runs them one at a time. */
export interface PlaylistsFiles {
  /** Never throws for a damaged file (only for a file system failing in an unexpected place). */
  load(): Promise<PlaylistsLoad>;
  /** Writes the playlists, after making the current file (when loadable) the backup. Throws when it fails. */
  write(playlists: readonly Playlist[]): Promise<void>;
}

export function createPlaylistsFiles(options: PlaylistsFilesOptions): PlaylistsFiles {
  const { file } = options;
  const backup = `${file}.bak`;
  const fs = options.fs ?? defaultFileSystem;
  const now = options.now ?? Date.now;
  /** Whether `file` holds loadable playlists (null: not known yet), i.e. whether it may become the backup. */
  let fileIsGood: boolean | null = null;

  async function read(path: string): Promise<DecodedPlaylists | { kind: 'missing' }> {
    const found = await readSavedFile(path, fs);
    if (found.kind === 'text') return decodePlaylists(found.text);
    return found.kind === 'missing' ? found : { kind: 'bad', reason: found.error };
  }

  async function load(): Promise<PlaylistsLoad> {
    await removeStaleTemporaries(backup, fs);
    const main = await read(file);
    if (main.kind === 'missing' || main.kind === 'ok') {
      fileIsGood = main.kind === 'ok';
      return { playlists: main.kind === 'ok' ? main.playlists : [], notice: null };
    }
    console.warn(`playlists: ${file} cannot be used`, main.kind === 'newer' ? main.version : main.reason);
    fileIsGood = false;
    const copy = await read(backup);
    const label = main.kind === 'newer' ? 'newer' : 'corrupt';
    const aside = await keepAside(file, label, { fs, now, remove: copy.kind !== 'ok' });
    const asideName = aside === null ? null : basename(aside);
    if (copy.kind === 'ok') {
      // Not written over a file that could not be kept aside: it would be lost.
      if (aside !== null) {
        await writeFileAtomic(file, encodePlaylists(copy.playlists), { fs }).then(
          () => (fileIsGood = true),
          (error: unknown) => console.warn('playlists: cannot write the restored copy back', error),
        );
      }
      const notice =
        main.kind === 'newer' ? PLAYLIST_NOTICES.newer(asideName, true) : PLAYLIST_NOTICES.restored;
      return { playlists: copy.playlists, notice };
    }
    // An unusable backup is kept aside too (a later save would replace it): nothing is ever deleted.
    if (copy.kind !== 'missing') {
      await keepAside(backup, copy.kind === 'newer' ? 'newer' : 'corrupt', { fs, now, remove: true });
    }
    const notice =
      main.kind === 'newer'
        ? PLAYLIST_NOTICES.newer(asideName, false)
        : PLAYLIST_NOTICES.unreadable(asideName);
    return { playlists: [], notice };
  }

  async function write(playlists: readonly Playlist[]): Promise<void> {
    // Checked again (the handlers parsed it): a bad file would pass for a good one and become the backup.
    const parsed = playlistsSchema.safeParse(playlists);
    if (!parsed.success) {
      console.warn('playlists: refusing to save invalid playlists', parsed.error);
      return;
    }
    const text = encodePlaylists(parsed.data);
    fileIsGood ??= (await read(file)).kind === 'ok';
    if (fileIsGood) {
      // A failed backup does not stop the save: the old backup is still a good (older) state.
      await copyFileAtomic(file, backup, { fs, exclusive: false }).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') console.warn('playlists: cannot back up the previous copy', error);
      });
    }
    await writeFileAtomic(file, text, { fs });
    fileIsGood = true;
  }

  return { load, write };
}
