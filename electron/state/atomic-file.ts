// Crash-safe file writes: a temporary file beside the target, flushed to disk, then renamed over it, so a
// crash or a full disk leaves either the old file or the new one, never half of one.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The parts of node:fs/promises used here; tests pass one that fails on purpose. */
export type FileSystem = Pick<typeof nodeFs, 'readFile' | 'open' | 'rename' | 'unlink' | 'mkdir' | 'readdir'>;

export const defaultFileSystem: FileSystem = nodeFs;

const TEMP_MARK = '.tmp-';

export interface WriteOptions {
  fs?: FileSystem;
  /** Permissions of a new file: settings hold credentials, so only the user reads them by default. */
  mode?: number;
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
  const temp = join(
    directory,
    `${basename(file)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    await writeAndSync(fs, temp, data, options.mode ?? 0o600);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(fs, directory);
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
