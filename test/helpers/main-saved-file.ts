// A fresh folder per test with the path of the one file a main-process store saves there (session, settings,
// atomic writes), and main's warnings about damaged files kept out of the test output.
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { useTempFolder } from './temp-folder';

export interface SavedFilePaths {
  dir: string;
  file: string;
}

/** Registers the hooks; the returned function gives the current test's folder and file. */
export function useSavedFile(prefix: string, name: string): () => SavedFilePaths {
  const folder = useTempFolder(prefix);
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return () => ({ dir: folder(), file: join(folder(), name) });
}
