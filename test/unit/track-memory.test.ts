// The per-track memory (resume positions, measured loudness): bounded to the most recently set tracks, saved
// crash-safe and read back, a damaged file kept aside, a bad entry dropped alone, nothing lost to a load
// that finishes after a set.
import * as fs from 'node:fs/promises';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createTrackMemory, decodeEntries } from '../../electron/state/track-memory';
import type { FileSystem } from '../../electron/state/atomic-file';
import { useSavedFile } from '../helpers/main-saved-file';

const paths = useSavedFile('cloudcue-memory-', 'resume.json');
const seconds = z.number().nonnegative();
const memory = (capacity = 3, fsOverride: FileSystem = fs) =>
  createTrackMemory({ file: paths().file, capacity, value: seconds, debounceMs: 10_000, fs: fsOverride });

describe('the track memory', () => {
  it('keeps the most recently set tracks, evicting the least recently set', async () => {
    const kept = memory(3);
    await kept.load();
    kept.set(1, 10);
    kept.set(2, 20);
    kept.set(3, 30);
    kept.set(1, 11); // set again: now the newest
    kept.set(4, 40);
    expect([1, 2, 3, 4].map((id) => kept.get(id))).toEqual([11, null, 30, 40]);
  });

  it('reads back what it saved, in the same order of recency', async () => {
    const first = memory(3);
    await first.load();
    first.set(7, 70);
    first.set(8, 80);
    first.forget(7);
    first.set(9, 90);
    await first.flush();
    const second = memory(2);
    await second.load();
    expect([second.get(7), second.get(8), second.get(9)]).toEqual([null, 80, 90]);
    second.set(10, 100); // capacity 2: 8 is the oldest
    expect(second.get(8)).toBeNull();
  });

  it('keeps a damaged file aside and starts empty, then saves normally', async () => {
    const { dir, file } = paths();
    await fs.writeFile(file, '{"version": 1, "entries": [[1, 5]');
    const kept = memory();
    await kept.load();
    expect(kept.get(1)).toBeNull();
    const aside = (await fs.readdir(dir)).filter((name) => name.startsWith('resume.json.damaged-'));
    expect(aside).toHaveLength(1);
    kept.set(2, 20);
    await kept.flush();
    expect(decodeEntries(await fs.readFile(file, 'utf8'), seconds)).toEqual([[2, 20]]);
  });

  it('drops an entry that does not parse and keeps the others', () => {
    const text = JSON.stringify({ version: 1, entries: [[1, 5], [-2, 5], [3, 'x'], 'junk', [4, 7]] });
    expect(decodeEntries(text, seconds)).toEqual([
      [1, 5],
      [4, 7],
    ]);
    expect(decodeEntries(JSON.stringify({ version: 2, entries: [] }), seconds)).toBeNull();
  });

  it('never writes over the file before reading it: a set before the load keeps what was saved', async () => {
    const first = memory();
    await first.load();
    first.set(1, 10);
    await first.flush();
    const second = memory();
    second.set(2, 20); // before load
    await second.flush(); // reads first, then writes both
    const third = memory();
    await third.load();
    expect([third.get(1), third.get(2)]).toEqual([10, 20]);
  });

  it('keeps a change whose write failed for the next flush', async () => {
    let failing = true;
    const flaky: FileSystem = {
      ...fs,
      rename: (async (from: string, to: string) => {
        if (failing) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        return fs.rename(from, to);
      }) as FileSystem['rename'],
    };
    const kept = memory(3, flaky);
    await kept.load();
    kept.set(5, 50);
    await kept.flush();
    await expect(fs.readFile(paths().file, 'utf8')).rejects.toThrow();
    failing = false;
    await kept.flush();
    expect(decodeEntries(await fs.readFile(paths().file, 'utf8'), seconds)).toEqual([[5, 50]]);
  });
});
