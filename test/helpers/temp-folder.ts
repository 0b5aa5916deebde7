// A fresh folder for each test under the system's temporary one, removed after the test, so tests that use
// real files never see each other's.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** Registers the hooks; the returned function gives the current test's folder. */
export function useTempFolder(prefix: string): () => string {
  let folder: string | null = null;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    if (folder !== null) await rm(folder, { recursive: true, force: true });
    folder = null;
  });
  return () => {
    if (folder === null) throw new Error('the temporary folder exists only during a test');
    return folder;
  };
}
