// The saved session on disk: session.json and its `.bak`, the previous good copy. Loads recover from damage
// (never losing a file: damaged ones are kept aside) and writes keep the backup a state the app can load.
import { basename } from 'node:path';
import { MAX_QUEUE_ITEMS, sessionSchema, type Session } from '../../shared/ipc';
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
import { decodeSession, encodeSession, type Decoded } from './session-format';

export interface SessionFilesOptions {
  /** userData/session.json */
  file: string;
  fs?: FileSystem;
  now?: () => number;
}

/** What a load gives the window: the session, if any, and a sentence to show when something was recovered. */
export interface LoadResult {
  session: Session | null;
  notice: string | null;
}

/** Not safe to call concurrently: the session store runs them one at a time. */
export interface SessionFiles {
  /** Never throws for a damaged file (only for a file system failing in an unexpected place). */
  load(): Promise<LoadResult>;
  /** Writes a session, after making the current file (when loadable) the backup. Throws when it fails. */
  write(session: Session): Promise<void>;
}

export const NOTICES = {
  restored: "Cloudcue's saved queue was damaged; the previous copy was restored.",
  unreadable: (name: string | null): string =>
    "Cloudcue's saved queue could not be read" + (name === null ? '.' : `; it was kept aside as ${name}.`),
  newer: (name: string | null, restored: boolean): string =>
    'This queue was saved by a newer Cloudcue, which this version cannot read' +
    (name === null ? '.' : `; it was kept aside as ${name}.`) +
    (restored ? ' The previous copy was restored.' : ''),
  /** An older Cloudcue's file held more entries than the queue holds. */
  unkept: (held: number, name: string | null): string =>
    `The saved queue, from an older Cloudcue, held ${held.toLocaleString('en')} entries; the first ` +
    `${MAX_QUEUE_ITEMS.toLocaleString('en')} were restored, as many as the queue holds` +
    (name === null ? '.' : `. The file as it was is kept as ${name}.`),
} as const;

export function createSessionFiles(options: SessionFilesOptions): SessionFiles {
  const { file } = options;
  const backup = `${file}.bak`;
  const fs = options.fs ?? defaultFileSystem;
  const now = options.now ?? Date.now;

  /** Whether `file` holds a loadable session (null: not known yet), i.e. whether it may become the backup. */
  let fileIsGood: boolean | null = null;

  async function read(path: string): Promise<Decoded | { kind: 'missing' }> {
    const found = await readSavedFile(path, fs);
    if (found.kind === 'text') return decodeSession(found.text);
    return found.kind === 'missing' ? found : { kind: 'bad', reason: found.error };
  }

  /** Writes a restored session over the unusable main file (already kept aside), atomically. */
  async function restore(session: Session): Promise<void> {
    try {
      await writeFileAtomic(file, encodeSession(session), { fs });
      fileIsGood = true;
    } catch (error) {
      console.warn('session: cannot write the restored copy back', error);
    }
  }

  async function load(): Promise<LoadResult> {
    // read() clears the main file's temporaries; the backup is read only after damage, so its are cleared here.
    await removeStaleTemporaries(backup, fs);
    const main = await read(file);
    if (main.kind === 'missing') {
      fileIsGood = false;
      return { session: null, notice: null };
    }
    if (main.kind === 'ok') {
      // An older version's file stays as it is until the next save: it is loadable, so a fine backup.
      fileIsGood = true;
      if (main.unkept === 0) return { session: main.session, notice: null };
      // What the migration left out stays on disk, in a copy no save replaces.
      const aside = await keepAside(file, 'older', { fs, now, remove: false });
      const name = aside === null ? null : basename(aside);
      return { session: main.session, notice: NOTICES.unkept(MAX_QUEUE_ITEMS + main.unkept, name) };
    }
    console.warn(
      `session: ${file} cannot be used`,
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
      if (aside !== null) await restore(copy.session);
      const notice = main.kind === 'newer' ? NOTICES.newer(asideName, true) : NOTICES.restored;
      return { session: copy.session, notice };
    }
    // An unusable backup is kept aside too (a later save would replace it): nothing is ever deleted.
    if (copy.kind !== 'missing') {
      await keepAside(backup, copy.kind === 'newer' ? 'newer' : 'corrupt', { fs, now, remove: true });
    }
    if (main.kind === 'newer') return { session: null, notice: NOTICES.newer(asideName, false) };
    return { session: null, notice: NOTICES.unreadable(asideName) };
  }

  async function write(session: Session): Promise<void> {
    // The handlers validated it at the IPC border; checked again since a bad file would pass for a good one
    // and later become the backup. Cheap next to the write (a few ms for 10,000 items).
    const parsed = sessionSchema.safeParse(session);
    if (!parsed.success) {
      console.warn('session: refusing to save an invalid session', parsed.error);
      return;
    }
    const text = encodeSession(parsed.data);
    // Only a loadable file becomes the backup, so the backup is always a state the app can come back to.
    fileIsGood ??= (await read(file)).kind === 'ok';
    if (fileIsGood) {
      // A failed backup does not stop the save: the old backup is still a good (older) state.
      await copyFileAtomic(file, backup, { fs, exclusive: false }).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') console.warn('session: cannot back up the previous copy', error);
      });
    }
    await writeFileAtomic(file, text, { fs });
    fileIsGood = true;
  }

  return { load, write };
}
