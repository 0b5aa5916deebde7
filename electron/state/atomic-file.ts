// Crash-safe files: writes and copies go to a temporary beside the target, flushed to disk, then renamed over
// it, so a crash or a full disk leaves either the old file or the new one, never half of one.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The parts of node:fs/promises used here; tests pass one that fails on purpose. */
export type FileSystem = Pick<
  typeof nodeFs,
  'readFile' | 'open' | 'rename' | 'unlink' | 'mkdir' | 'readdir' | 'link' | 'copyFile'
>;

export const defaultFileSystem: FileSystem = nodeFs;

const TEMP_MARK = '.tmp-';

export interface WriteOptions {
  fs?: FileSystem;
  /** Permissions of a new file: settings hold credentials, so only the user reads them by default. */
  mode?: number;
}

/** The `code` of a Node file system error (ENOENT, EEXIST…), or undefined. */
export function errorCode(error: unknown): unknown {
  return error instanceof Error && 'code' in error ? error.code : undefined;
}

/** What a saved file held: its text, nothing (never written), or the error that kept it from being read. */
export type SavedText =
  { kind: 'text'; text: string } | { kind: 'missing' } | { kind: 'unreadable'; error: unknown };

/**
 * Reads a file this module writes, as UTF-8, after removing the temporaries a write cut short by a crash left
 * beside it. A missing file (ENOENT) is no damage: the app has not saved it yet.
 */
export async function readSavedFile(file: string, fs: FileSystem = defaultFileSystem): Promise<SavedText> {
  await removeStaleTemporaries(file, fs);
  try {
    return { kind: 'text', text: await fs.readFile(file, 'utf8') };
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', error };
  }
}

/** `2026-01-02T03-04-05-678Z`: a time that sorts, and is a valid file name everywhere. */
export function fileTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

/** A temporary's name beside `file`: unique per process and call, and found again by removeStaleTemporaries. */
function temporaryFor(file: string): string {
  return `${file}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Opens and fsyncs a file, so its content is on disk before it is renamed into place. */
async function syncFile(fs: FileSystem, path: string): Promise<void> {
  const handle = await fs.open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a directory entry (the rename) to disk; not every platform can, and that is not an error. */
async function syncDirectory(fs: FileSystem, directory: string): Promise<void> {
  try {
    const handle = await fs.open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a directory for fsync; the rename is still atomic there.
  }
}

async function writeAndSync(fs: FileSystem, path: string, data: string, mode: number): Promise<void> {
  const handle = await fs.open(path, 'wx', mode);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces `file` with `data` atomically. On failure the old file is untouched and the temporary is removed. */
export async function writeFileAtomic(file: string, data: string, options: WriteOptions = {}): Promise<void> {
  const fs = options.fs ?? defaultFileSystem;
  const directory = dirname(file);
  await fs.mkdir(directory, { recursive: true });
  const temp = temporaryFor(file);
  try {
    await writeAndSync(fs, temp, data, options.mode ?? 0o600);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(fs, directory);
}

/**
 * Makes `to` a copy of `from` without ever removing `from`. A hard link costs no copying (the file is
 * replaced by a rename later, so the link keeps the old content); file systems without links get a copy,
 * flushed to disk. `exclusive`: fail with EEXIST rather than replace `to`; otherwise `to` is replaced
 * atomically. A missing `from` fails with ENOENT.
 */
export async function copyFileAtomic(
  from: string,
  to: string,
  options: { fs?: FileSystem; exclusive: boolean },
): Promise<void> {
  const fs = options.fs ?? defaultFileSystem;
  const target = options.exclusive ? to : temporaryFor(to);
  try {
    await fs.link(from, target);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST' || code === 'ENOENT') throw error;
    await fs.copyFile(from, target, nodeFs.constants.COPYFILE_EXCL);
    await syncFile(fs, target);
  }
  if (options.exclusive) return;
  try {
    await fs.rename(target, to);
  } finally {
    // Normally gone already. But when `to` is already a link to the same file (a save that failed after
    // the backup step, then saved again), rename() does nothing and leaves the temporary behind.
    await fs.unlink(target).catch(() => undefined);
  }
}

export interface AsideOptions {
  fs?: FileSystem;
  now?: () => number;
  /** Remove `path` once the copy is safe, so the next start does not report it again. */
  remove: boolean;
}

/**
 * Keeps an unusable file as `<path>.<label>-<time>` (for the user, or a bug report) and returns that path,
 * or null when it cannot (logged). Never replaces an earlier copy, and `path` stays until the copy is made,
 * so a crash half-way never loses it.
 */
export async function keepAside(path: string, label: string, options: AsideOptions): Promise<string | null> {
  const fs = options.fs ?? defaultFileSystem;
  const stem = `${path}.${label}-${fileTime((options.now ?? Date.now)())}`;
  for (let attempt = 0; attempt < 20; attempt++) {
    const aside = attempt === 0 ? stem : `${stem}-${attempt}`;
    try {
      await copyFileAtomic(path, aside, { fs, exclusive: true });
    } catch (error) {
      if (errorCode(error) === 'EEXIST') continue;
      console.warn(`cannot keep ${path} aside`, error);
      return null;
    }
    if (options.remove) await fs.unlink(path).catch(() => undefined);
    return aside;
  }
  return null;
}

/** Removes temporaries an earlier run left behind when it died between writing and renaming. */
export async function removeStaleTemporaries(
  file: string,
  fs: FileSystem = defaultFileSystem,
): Promise<void> {
  const directory = dirname(file);
  const prefix = `${basename(file)}${TEMP_MARK}`;
  let names: string[];
  try {
    names = await fs.readdir(directory);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix))
      .map((name) => fs.unlink(join(directory, name)).catch(() => undefined)),
  );
}
