// Covers the crash-safe file helpers (electron/state/atomic-file.ts) shared by the session, the settings and the
// client id cache, on a real temporary folder: what is flushed before each rename, what a failure leaves, how
// copies and backups are made, and how damaged files are kept aside.
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSavedFile } from '../helpers/main-saved-file';
import {
  copyFileAtomic,
  keepAside,
  readSavedFile,
  removeStaleTemporaries,
  writeFileAtomic,
  type FileSystem,
} from '../../electron/state/atomic-file';
import { recordingFs } from './recording-fs';

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const ASIDE = 'data.json.corrupt-2026-01-02T03-04-05-678Z';

const paths = useSavedFile('cloudcue-atomic-', 'data.json');
let dir: string;
let file: string;

beforeEach(() => {
  ({ dir, file } = paths());
});

const names = async (): Promise<string[]> => (await fsp.readdir(dir)).sort();
const text = (path: string): Promise<string> => fsp.readFile(path, 'utf8');

describe('writeFileAtomic', () => {
  it('flushes the new content before renaming it into place, then flushes the folder', async () => {
    const { fs, steps } = recordingFs(dir);
    await writeFileAtomic(file, 'new', { fs });
    expect(steps).toEqual([
      'open data.json.tmp wx',
      'sync data.json.tmp',
      'rename data.json.tmp data.json',
      'open . r',
      'sync .',
    ]);
    expect(await text(file)).toBe('new');
    expect(await names()).toEqual(['data.json']);
  });

  it('creates a missing folder, and a file only its owner can read', async () => {
    const nested = join(dir, 'a', 'b', 'data.json');
    await writeFileAtomic(nested, 'x');
    expect(await text(nested)).toBe('x');
    expect((await fsp.stat(nested)).mode & 0o777).toBe(0o600);
  });

  it('leaves the old file untouched, and no temporary, when the rename fails', async () => {
    await fsp.writeFile(file, 'old');
    const failing: FileSystem = {
      ...fsp,
      rename: () => Promise.reject(Object.assign(new Error('EIO: simulated'), { code: 'EIO' })),
    };
    await expect(writeFileAtomic(file, 'new', { fs: failing })).rejects.toThrow(/simulated/);
    expect(await text(file)).toBe('old');
    expect(await names()).toEqual(['data.json']);
  });
});

describe('removeStaleTemporaries', () => {
  it("removes only that file's temporaries, not another file's nor the file itself", async () => {
    for (const name of ['data.json', 'data.json.tmp-1-ab', 'data.json.tmp-2-cd', 'data.json.bak.tmp-3-ef']) {
      await fsp.writeFile(join(dir, name), 'x');
    }
    await removeStaleTemporaries(file);
    expect(await names()).toEqual(['data.json', 'data.json.bak.tmp-3-ef']);
  });

  it('does nothing when the folder does not exist', async () => {
    await expect(removeStaleTemporaries(join(dir, 'missing', 'data.json'))).resolves.toBeUndefined();
  });
});

describe('readSavedFile', () => {
  it("gives the file's text after removing the temporaries a crashed write left beside it", async () => {
    for (const name of ['data.json', 'data.json.tmp-1-ab']) await fsp.writeFile(join(dir, name), name);
    expect(await readSavedFile(file)).toEqual({ kind: 'text', text: 'data.json' });
    expect(await names()).toEqual(['data.json']);
  });

  it('tells a file never written from one that cannot be read', async () => {
    expect(await readSavedFile(file)).toEqual({ kind: 'missing' });
    await fsp.mkdir(file);
    expect(await readSavedFile(file)).toMatchObject({ kind: 'unreadable', error: { code: 'EISDIR' } });
  });
});

describe('copyFileAtomic', () => {
  it('replaces the backup through a link renamed into place, keeping the source', async () => {
    await fsp.writeFile(file, 'current');
    await fsp.writeFile(`${file}.bak`, 'older');
    const { fs, steps } = recordingFs(dir);
    await copyFileAtomic(file, `${file}.bak`, { fs, exclusive: false });
    expect(steps).toEqual(['link data.json data.json.bak.tmp', 'rename data.json.bak.tmp data.json.bak']);
    expect([await text(file), await text(`${file}.bak`)]).toEqual(['current', 'current']);
    // A later atomic write of the file leaves the backup as it was: the link pointed at the old inode.
    await writeFileAtomic(file, 'next');
    expect([await text(file), await text(`${file}.bak`)]).toEqual(['next', 'current']);
  });

  it('copies and flushes the copy before renaming it where links are refused', async () => {
    await fsp.writeFile(file, 'current');
    const { fs, steps } = recordingFs(dir, { failLink: 'EPERM' });
    await copyFileAtomic(file, `${file}.bak`, { fs, exclusive: false });
    expect(steps).toEqual([
      'link data.json data.json.bak.tmp',
      'copy data.json data.json.bak.tmp',
      'open data.json.bak.tmp r+',
      'sync data.json.bak.tmp',
      'rename data.json.bak.tmp data.json.bak',
    ]);
    expect(await text(`${file}.bak`)).toBe('current');
    expect(await names()).toEqual(['data.json', 'data.json.bak']);
  });

  it('leaves no temporary when the backup is already a link to the file', async () => {
    await fsp.writeFile(file, 'current');
    await fsp.link(file, `${file}.bak`);
    await copyFileAtomic(file, `${file}.bak`, { exclusive: false });
    expect(await names()).toEqual(['data.json', 'data.json.bak']);
  });

  it('fails with ENOENT for a missing source, and with EEXIST rather than replace when exclusive', async () => {
    await expect(copyFileAtomic(file, `${file}.bak`, { exclusive: false })).rejects.toMatchObject({
      code: 'ENOENT',
    });
    await fsp.writeFile(file, 'current');
    await fsp.writeFile(`${file}.aside`, 'earlier');
    await expect(copyFileAtomic(file, `${file}.aside`, { exclusive: true })).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect(await text(`${file}.aside`)).toBe('earlier');
    expect(await names()).toEqual(['data.json', 'data.json.aside']);
  });
});

describe('keepAside', () => {
  it('keeps a copy named by its label and time, and removes the original only when asked', async () => {
    await fsp.writeFile(file, 'damaged');
    expect(await keepAside(file, 'corrupt', { now: () => NOW, remove: false })).toBe(join(dir, ASIDE));
    expect(await names()).toEqual(['data.json', ASIDE]);
    expect(await keepAside(file, 'corrupt', { now: () => NOW, remove: true })).toBe(join(dir, `${ASIDE}-1`));
    expect(await names()).toEqual([ASIDE, `${ASIDE}-1`]);
    expect(await text(join(dir, `${ASIDE}-1`))).toBe('damaged');
  });

  it('returns null, keeping the original, when no copy can be made', async () => {
    await fsp.writeFile(file, 'damaged');
    const { fs } = recordingFs(dir, { failLink: 'EPERM' });
    const noCopies: FileSystem = { ...fs, copyFile: () => Promise.reject(new Error('EROFS: read-only')) };
    expect(await keepAside(file, 'corrupt', { fs: noCopies, now: () => NOW, remove: true })).toBeNull();
    expect(await names()).toEqual(['data.json']);
  });
});
