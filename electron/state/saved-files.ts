// A saved document on disk (session.json, playlists.json) and its `.bak`, the previous good copy: loads
// recover from damage without losing a file (damaged ones are kept aside), and writes keep the backup a state
// the app can load. What the document is (its format, checks and sentences) is the caller's.
import { basename } from 'node:path';
import type { z } from 'zod';
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

export interface SavedFilesOptions {
  /** The file in userData, e.g. userData/session.json */
  file: string;
  fs?: FileSystem;
  now?: () => number;
}

/** The sentences a load shows when it recovered something; `name` is the kept-aside file's, when kept. */
export interface SavedNotices {
  restored: string;
  unreadable(name: string | null): string;
  newer(name: string | null, restored: boolean): string;
  /** An older version's file held `unkept` entries past what the current version holds. */
  unkept?(unkept: number, name: string | null): string;
}

/** The recovery sentences for a document the user knows as its `noun` ('queue', 'playlists'). */
export function recoveryNotices(noun: string, plural: boolean): SavedNotices {
  const [was, it, these] = plural ? ['were', 'they were', 'These'] : ['was', 'it was', 'This'];
  const keptAs = (name: string | null): string => (name === null ? '.' : `; ${it} kept aside as ${name}.`);
  return {
    restored: `Cloudcue's saved ${noun} ${was} damaged; the previous copy was restored.`,
    unreadable: (name) => `Cloudcue's saved ${noun} could not be read${keptAs(name)}`,
    newer: (name, restored) =>
      `${these} ${noun} ${was} saved by a newer Cloudcue, which this version cannot read${keptAs(name)}` +
      (restored ? ' The previous copy was restored.' : ''),
  };
}

/** What a file's text decodes to, in the terms the files need. */
export type DocumentRead<Value> =
  | { kind: 'ok'; value: Value; unkept: number }
  | { kind: 'newer'; version: number }
  | { kind: 'bad'; reason: unknown };

export interface SavedDocument<Value> {
  /** How warnings name it: 'session', 'playlists'. */
  name: string;
  decode(text: string): DocumentRead<Value>;
  encode(value: Value): string;
  /** Checked again before each write: a bad file would pass for a good one and later become the backup. */
  schema: z.ZodType<Value>;
  notices: SavedNotices;
}

/** What a load gives: the document (null when there is none to load) and a sentence when one was recovered. */
export interface SavedLoad<Value> {
  value: Value | null;
  notice: string | null;
}

/** Not safe to call concurrently: the store runs them one at a time. */
export interface SavedFiles<Value> {
  /** Never throws for a damaged file (only for a file system failing in an unexpected place). */
  load(): Promise<SavedLoad<Value>>;
  /** Writes the document, after making the current file (when loadable) the backup. Throws when it fails. */
  write(value: Value): Promise<void>;
}

export function createSavedFiles<Value>(
  options: SavedFilesOptions,
  document: SavedDocument<Value>,
): SavedFiles<Value> {
  const { file } = options;
  const { name, notices } = document;
  const backup = `${file}.bak`;
  const fs = options.fs ?? defaultFileSystem;
  const now = options.now ?? Date.now;

  /** Whether `file` holds a loadable document (null: not known yet), i.e. whether it may become the backup. */
  let fileIsGood: boolean | null = null;

  async function read(path: string): Promise<DocumentRead<Value> | { kind: 'missing' }> {
    const found = await readSavedFile(path, fs);
    if (found.kind === 'text') return document.decode(found.text);
    return found.kind === 'missing' ? found : { kind: 'bad', reason: found.error };
  }

  /** Writes a restored copy over the unusable main file (already kept aside), atomically. */
  async function restore(value: Value): Promise<void> {
    try {
      await writeFileAtomic(file, document.encode(value), { fs });
      fileIsGood = true;
    } catch (error) {
      console.warn(`${name}: cannot write the restored copy back`, error);
    }
  }

  async function load(): Promise<SavedLoad<Value>> {
    // read() clears the main file's temporaries; the backup is read only after damage, so its are cleared here.
    await removeStaleTemporaries(backup, fs);
    const main = await read(file);
    if (main.kind === 'missing') {
      fileIsGood = false;
      return { value: null, notice: null };
    }
    if (main.kind === 'ok') {
      // An older version's file stays as it is until the next save: it is loadable, so a fine backup.
      fileIsGood = true;
      if (main.unkept === 0 || notices.unkept === undefined) return { value: main.value, notice: null };
      // What the migration left out stays on disk, in a copy no save replaces.
      const aside = await keepAside(file, 'older', { fs, now, remove: false });
      return {
        value: main.value,
        notice: notices.unkept(main.unkept, aside === null ? null : basename(aside)),
      };
    }
    console.warn(
      `${name}: ${file} cannot be used`,
      main.kind === 'newer' ? `version ${main.version}` : main.reason,
    );
    fileIsGood = false;
    const copy = await read(backup);
    const label = main.kind === 'newer' ? 'newer' : 'corrupt';
    // With a good backup the file is replaced by it (atomically) rather than removed first.
    const aside = await keepAside(file, label, { fs, now, remove: copy.kind !== 'ok' });
    const asideName = aside === null ? null : basename(aside);
    if (copy.kind === 'ok') {
      // Not written over a file that could not be kept aside: it would be lost.
      if (aside !== null) await restore(copy.value);
      const notice = main.kind === 'newer' ? notices.newer(asideName, true) : notices.restored;
      return { value: copy.value, notice };
    }
    // An unusable backup is kept aside too (a later save would replace it): nothing is ever deleted.
    if (copy.kind !== 'missing') {
      await keepAside(backup, copy.kind === 'newer' ? 'newer' : 'corrupt', { fs, now, remove: true });
    }
    const notice = main.kind === 'newer' ? notices.newer(asideName, false) : notices.unreadable(asideName);
    return { value: null, notice };
  }

  async function write(value: Value): Promise<void> {
    // The handlers validated it at the IPC border; checked again since a bad file would pass for a good one
    // and later become the backup. Cheap next to the write (a few ms for 10,000 items).
    const parsed = document.schema.safeParse(value);
    if (!parsed.success) {
      console.warn(`${name}: refusing to save an invalid ${name}`, parsed.error);
      return;
    }
    const text = document.encode(parsed.data);
    // Only a loadable file becomes the backup, so the backup is always a state the app can come back to.
    fileIsGood ??= (await read(file)).kind === 'ok';
    if (fileIsGood) {
      // A failed backup does not stop the save: the old backup is still a good (older) state.
      await copyFileAtomic(file, backup, { fs, exclusive: false }).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') console.warn(`${name}: cannot back up the previous copy`, error);
      });
    }
    await writeFileAtomic(file, text, { fs });
    fileIsGood = true;
  }

  return { load, write };
}
