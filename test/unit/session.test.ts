// Covers the saved session (electron/state/session.ts, on saved-store.ts and saved-files.ts; session-format.ts)
// on a real temporary folder: debounced, serialized, atomic writes with a backup, and recovery from damaged,
// newer and pre-versioned files.
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSavedFile } from '../helpers/main-saved-file';
import { readyItem } from '../helpers/main-saved-item';
import { trackOf } from '../helpers/main-track';
import type { FileSystem } from '../../electron/state/atomic-file';
import type { SavedStoreOptions } from '../../electron/state/saved-store';
import { createSessionStore, NOTICES } from '../../electron/state/session';
import {
  argSchemas,
  MAX_QUEUE_ITEMS,
  sessionSchema,
  type SavedItem,
  type Session,
  type Track,
} from '../../shared/ipc';

const RESTORED = "Cloudcue's saved queue was damaged; the previous copy was restored.";
const DAMAGED = '{"version":1,"items":[{"id":"a","li';

/** Items `i0`, `i1`… hold tracks 1, 2… */
const item = (index: number): SavedItem => readyItem(index, index + 1);

/** A session whose `label` (kept in positionSeconds) tells which save it came from. */
function session(label: number, count = 3): Session {
  return {
    version: 1,
    items: Array.from({ length: count }, (_, index) => item(index)),
    currentId: count > 0 ? 'i0' : null,
    positionSeconds: label,
    volume: 0.8,
    muted: false,
    shuffle: false,
    repeat: 'all',
  };
}

const paths = useSavedFile('cloudcue-session-', 'session.json');
let dir: string;
let file: string;

beforeEach(() => {
  ({ dir, file } = paths());
});

afterEach(() => {
  vi.useRealTimers();
});

const FIXED_NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const ASIDE_TIME = '2026-01-02T03-04-05-678Z';

function store(options: Partial<SavedStoreOptions> = {}) {
  return createSessionStore({ file, debounceMs: 10_000, now: () => FIXED_NOW, ...options });
}

async function saved(value: Session): Promise<void> {
  const writer = store();
  writer.save(value);
  await writer.flush();
}

const readJson = async (path: string): Promise<unknown> => JSON.parse(await fsp.readFile(path, 'utf8'));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The real file system, counting the main file's writes and how many ran at the same time. */
function recordingFs(writeDelayMs = 0) {
  const record = { writes: 0, active: 0, maxActive: 0, written: [] as unknown[] };
  const isTemporary = (path: unknown) => String(path).startsWith(`${file}.tmp-`);
  const fs: FileSystem = {
    ...fsp,
    open: async (...args: Parameters<typeof fsp.open>) => {
      const handle = await fsp.open(...args);
      if (args[1] === 'wx' && isTemporary(args[0])) {
        record.active++;
        record.maxActive = Math.max(record.maxActive, record.active);
        // Slow writes, so a second write would have every chance to start during the first.
        if (writeDelayMs > 0) await sleep(writeDelayMs);
      }
      return handle;
    },
    rename: async (from, to) => {
      await fsp.rename(from, to);
      if (to === file && isTemporary(from)) {
        record.active--;
        record.writes++;
        record.written.push(await readJson(file));
      }
    },
  };
  return { fs, record };
}

describe('session store: saving', () => {
  it('loads nothing, and writes nothing, on a first start', async () => {
    expect(await store().load()).toEqual({ session: null, notice: null });
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  it('round-trips a session through a versioned JSON file', async () => {
    const value: Session = {
      ...session(42),
      items: [
        item(0),
        {
          id: 'p1',
          link: 'https://soundcloud.com/a/sets/b',
          kind: 'set',
          startSeconds: 0,
          status: 'resolving',
        },
        {
          id: 'e1',
          link: 'https://soundcloud.com/a/gone',
          kind: 'track',
          startSeconds: 90,
          status: 'error',
          error: { code: 'NOT_FOUND', message: 'This track does not exist or was removed.' },
        },
      ],
      muted: true,
      shuffle: true,
      repeat: 'one',
      volume: 0,
    };
    await saved(value);
    expect(await readJson(file)).toEqual({ ...value, version: 1 });
    expect(await store().load()).toEqual({ session: value, notice: null });
  });

  it('writes once per burst, the newest session, after the debounce delay', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fs, record } = recordingFs();
    const writer = store({ fs, debounceMs: 500 });
    for (let label = 1; label <= 50; label++) writer.save(session(label));
    await vi.advanceTimersByTimeAsync(499);
    expect(record.writes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    await writer.flush();
    expect(record.writes).toBe(1);
    expect(record.written).toEqual([session(50)]);
  });

  it('is not postponed forever by a steady stream of saves', async () => {
    const { fs, record } = recordingFs();
    const writer = store({ fs, debounceMs: 50 });
    // A save every 10 ms for 300 ms: a debounce restarted by each save would write nothing until the end;
    // this one writes about every 50 ms (real timers: loose bounds, for a busy machine).
    for (let label = 1; label <= 30; label++) {
      writer.save(session(label));
      await sleep(10);
    }
    const duringStream = record.writes;
    await writer.flush();
    expect(duringStream).toBeGreaterThanOrEqual(2);
    expect(record.written.at(-1)).toEqual(session(30));
  });

  it('flush writes the pending session at once, and resolves once it is on disk', async () => {
    const { fs, record } = recordingFs();
    const writer = store({ fs, debounceMs: 60_000 });
    writer.save(session(1));
    writer.save(session(2));
    await writer.flush();
    expect(record.writes).toBe(1);
    expect(await readJson(file)).toEqual(session(2));
    // Nothing pending: no write; and the cancelled timer does not write again later.
    await writer.flush();
    expect(record.writes).toBe(1);
  });

  it('never runs two writes at once; a save during a write is written after it', async () => {
    const { fs, record } = recordingFs(30);
    const writer = store({ fs, debounceMs: 5 });
    writer.save(session(1));
    const first = writer.flush();
    await sleep(10); // the first write is under way (it takes 30 ms)
    writer.save(session(2));
    const second = writer.flush();
    writer.save(session(3));
    await sleep(20); // the debounce timer fires while the first write still runs
    writer.save(session(4));
    await Promise.all([first, second, writer.flush()]);
    expect(record.maxActive).toBe(1);
    expect(record.written.at(0)).toEqual(session(1));
    expect(record.written.at(-1)).toEqual(session(4));
    expect(await store().load()).toEqual({ session: session(4), notice: null });
  });

  it('keeps the previous good file as the backup', async () => {
    const writer = store();
    writer.save(session(1));
    await writer.flush();
    expect(await fsp.readdir(dir)).toEqual(['session.json']);
    writer.save(session(2));
    await writer.flush();
    writer.save(session(3));
    await writer.flush();
    expect(await readJson(file)).toEqual(session(3));
    expect(await readJson(`${file}.bak`)).toEqual(session(2));
    expect((await fsp.readdir(dir)).sort()).toEqual(['session.json', 'session.json.bak']);
  });

  it('copies the backup where the file system has no hard links', async () => {
    const fs: FileSystem = {
      ...fsp,
      link: () => Promise.reject(Object.assign(new Error('not supported'), { code: 'EPERM' })),
    };
    const writer = store({ fs });
    writer.save(session(1));
    await writer.flush();
    writer.save(session(2));
    await writer.flush();
    expect(await readJson(`${file}.bak`)).toEqual(session(1));
    expect((await fsp.readdir(dir)).sort()).toEqual(['session.json', 'session.json.bak']);
  });

  it('never makes a backup of a file that does not load', async () => {
    await fsp.writeFile(file, DAMAGED);
    // Saved without loading first: the damaged file must not become the backup.
    await saved(session(1));
    expect(await fsp.readdir(dir)).toEqual(['session.json']);
    expect(await readJson(file)).toEqual(session(1));
  });

  it('refuses to save an invalid session, keeping the file as it was', async () => {
    await saved(session(1));
    await saved({ ...session(2), volume: 7 });
    expect(await readJson(file)).toEqual(session(1));
    expect(console.warn).toHaveBeenCalled();
  });

  it('survives a failed write: the old file stays, and the session is written by the next flush', async () => {
    await saved(session(1));
    let failures = 1;
    const fs: FileSystem = {
      ...fsp,
      open: (...args: Parameters<typeof fsp.open>) =>
        args[1] === 'wx' && failures-- > 0
          ? Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' }))
          : fsp.open(...args),
    };
    const writer = store({ fs });
    writer.save(session(2));
    await expect(writer.flush()).resolves.toBeUndefined();
    expect(await readJson(file)).toEqual(session(1));
    await writer.flush();
    expect(await readJson(file)).toEqual(session(2));
    expect((await fsp.readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it(`saves ${(10_000).toLocaleString('en')} items quickly, and loads them back`, async () => {
    const big = session(7, 10_000);
    const started = performance.now();
    await saved(big);
    // Loose on purpose (a shared CI machine); the benchmarks measure it properly.
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(await store().load()).toEqual({ session: big, notice: null });
  });
});

describe('session store: loading damaged files', () => {
  it('restores the backup when the file is corrupt, keeping the damaged file aside', async () => {
    await saved(session(1));
    await saved(session(2));
    await fsp.writeFile(file, DAMAGED);
    expect(await store().load()).toEqual({ session: session(1), notice: RESTORED });
    const aside = join(dir, `session.json.corrupt-${ASIDE_TIME}`);
    expect(await fsp.readFile(aside, 'utf8')).toBe(DAMAGED);
    // The file is the restored copy again, so the next start does not depend on the backup.
    expect(await readJson(file)).toEqual(session(1));
    expect(await store().load()).toEqual({ session: session(1), notice: null });
  });

  it('reports the file kept aside when the backup is damaged too, deleting nothing', async () => {
    await fsp.writeFile(file, DAMAGED);
    await fsp.writeFile(`${file}.bak`, 'not json either');
    const result = await store().load();
    const name = `session.json.corrupt-${ASIDE_TIME}`;
    expect(result).toEqual({
      session: null,
      notice: `Cloudcue's saved queue could not be read; it was kept aside as ${name}.`,
    });
    expect(await fsp.readFile(join(dir, name), 'utf8')).toBe(DAMAGED);
    expect(await fsp.readFile(join(dir, `session.json.bak.corrupt-${ASIDE_TIME}`), 'utf8')).toBe(
      'not json either',
    );
    // The next start is a clean first start, not the same notice again.
    expect(await store().load()).toEqual({ session: null, notice: null });
  });

  it('keeps a backup from a newer version aside too, rather than letting a later save replace it', async () => {
    const newer = JSON.stringify({ version: 2 });
    await fsp.writeFile(file, DAMAGED);
    await fsp.writeFile(`${file}.bak`, newer);
    expect((await store().load()).session).toBeNull();
    expect((await fsp.readdir(dir)).sort()).toEqual([
      `session.json.bak.newer-${ASIDE_TIME}`,
      `session.json.corrupt-${ASIDE_TIME}`,
    ]);
    expect(await fsp.readFile(join(dir, `session.json.bak.newer-${ASIDE_TIME}`), 'utf8')).toBe(newer);
  });

  it('reports the file kept aside when it is corrupt and there is no backup', async () => {
    await fsp.writeFile(file, '');
    const result = await store().load();
    expect(result.session).toBeNull();
    expect(result.notice).toBe(NOTICES.unreadable(`session.json.corrupt-${ASIDE_TIME}`));
    expect(await fsp.readdir(dir)).toEqual([`session.json.corrupt-${ASIDE_TIME}`]);
  });

  it('never overwrites an earlier file kept aside at the same moment', async () => {
    await fsp.writeFile(file, 'first');
    await store().load();
    await fsp.writeFile(file, 'second');
    await store().load();
    const names = (await fsp.readdir(dir)).sort();
    expect(names).toEqual([`session.json.corrupt-${ASIDE_TIME}`, `session.json.corrupt-${ASIDE_TIME}-1`]);
    expect(await fsp.readFile(join(dir, names[0] ?? ''), 'utf8')).toBe('first');
    expect(await fsp.readFile(join(dir, names[1] ?? ''), 'utf8')).toBe('second');
  });

  it.each([
    ['an item without an id', { ...session(1), items: [{ ...item(0), id: '' }] }],
    ['an unknown status', { ...session(1), items: [{ ...item(0), status: 'playing' }] }],
    ['a volume out of range', { ...session(1), volume: 2 }],
    ['a missing field', { version: 1, items: [] }],
    [
      'more items than allowed',
      { ...session(1), items: Array.from({ length: MAX_QUEUE_ITEMS + 1 }, (_, i) => item(i)) },
    ],
    ['a version that is not a number', { ...session(1), version: '1' }],
    ['an array', [session(1)]],
  ])('treats a file with %s like a corrupt one', async (_case, content) => {
    await saved(session(1));
    await saved(session(2));
    const text = JSON.stringify(content);
    await fsp.writeFile(file, text);
    expect(await store().load()).toEqual({ session: session(1), notice: RESTORED });
    expect(await fsp.readFile(join(dir, `session.json.corrupt-${ASIDE_TIME}`), 'utf8')).toBe(text);
  });

  it('treats an unreadable file like a corrupt one, and never throws', async () => {
    await saved(session(1));
    await saved(session(2));
    const fs: FileSystem = {
      ...fsp,
      readFile: ((path: string, options: BufferEncoding) =>
        path === file
          ? Promise.reject(Object.assign(new Error('I/O error'), { code: 'EIO' }))
          : fsp.readFile(path, options)) as typeof fsp.readFile,
    };
    expect(await store({ fs }).load()).toEqual({ session: session(1), notice: RESTORED });
    // Even a file system failing everywhere gives an empty start with a notice, not an exception.
    const gone = (): Promise<never> => Promise.reject(new Error('gone'));
    const broken: FileSystem = { ...fsp, readdir: gone, readFile: gone, link: gone, copyFile: gone };
    const result = await store({ fs: broken }).load();
    expect(result.session).toBeNull();
    expect(result.notice).toMatch(/^Cloudcue's saved queue could not be read/);
  });

  it('removes temporaries a killed writer left behind', async () => {
    await saved(session(1));
    await fsp.writeFile(`${file}.tmp-123-abcd`, '{"half');
    await fsp.writeFile(`${file}.bak.tmp-123-abcd`, '');
    expect(await store().load()).toEqual({ session: session(1), notice: null });
    expect(await fsp.readdir(dir)).toEqual(['session.json']);
  });
});

describe('session store: versions', () => {
  it('keeps a newer version’s file aside, untouched, and starts empty', async () => {
    const newer = JSON.stringify({ version: 2, tracks: [], somethingNew: true });
    await fsp.writeFile(file, newer);
    const result = await store().load();
    const name = `session.json.newer-${ASIDE_TIME}`;
    expect(result.session).toBeNull();
    expect(result.notice).toMatch(/^This queue was saved by a newer Cloudcue/);
    expect(result.notice).toContain(name);
    expect(await fsp.readFile(join(dir, name), 'utf8')).toBe(newer);
    // A save now cannot overwrite the newer version's data.
    await saved(session(1));
    expect(await fsp.readFile(join(dir, name), 'utf8')).toBe(newer);
  });

  it('restores the backup when the file is from a newer version', async () => {
    await saved(session(1));
    await saved(session(2));
    const newer = JSON.stringify({ version: 3 });
    await fsp.writeFile(file, newer);
    const result = await store().load();
    expect(result.session).toEqual(session(1));
    expect(result.notice).toBe(NOTICES.newer(`session.json.newer-${ASIDE_TIME}`, true));
    expect(result.notice).toMatch(/^This queue was saved by a newer Cloudcue.*previous copy was restored\.$/);
    expect(await fsp.readFile(join(dir, `session.json.newer-${ASIDE_TIME}`), 'utf8')).toBe(newer);
  });

  it('migrates the pre-versioned shape: a queue of links and items, an index, a position, a volume', async () => {
    const old = {
      queue: [
        'https://soundcloud.com/artist/track-one#t=1:30',
        { id: 'kept', link: 'https://soundcloud.com/artist/track-two', track: trackOf(2) },
        { url: 'https://soundcloud.com/artist/sets/mix', startSeconds: 5 },
        'https://example.com/not-soundcloud',
        42,
      ],
      current: 1,
      position: 61.5,
      volume: 0.25,
    };
    await fsp.writeFile(file, JSON.stringify(old));
    const result = await store().load();
    expect(result).toEqual({
      notice: null,
      session: {
        version: 1,
        items: [
          {
            id: 'm0',
            link: 'https://soundcloud.com/artist/track-one',
            kind: 'track',
            startSeconds: 90,
            status: 'resolving',
          },
          {
            id: 'kept',
            link: 'https://soundcloud.com/artist/track-two',
            kind: 'track',
            startSeconds: 0,
            status: 'ready',
            track: trackOf(2),
          },
          {
            id: 'm2',
            link: 'https://soundcloud.com/artist/sets/mix',
            kind: 'set',
            startSeconds: 5,
            status: 'resolving',
          },
          {
            id: 'm3',
            link: 'https://example.com/not-soundcloud',
            kind: null,
            startSeconds: 0,
            status: 'error',
            error: { code: 'INVALID_LINK', message: 'This is not a SoundCloud track link.' },
          },
        ],
        currentId: 'kept',
        positionSeconds: 61.5,
        volume: 0.25,
        muted: false,
        shuffle: false,
        repeat: 'off',
      },
    });
    // The old file stays until the next save, which writes version 1 and keeps the old one as the backup.
    expect(await readJson(file)).toEqual(old);
    const writer = store();
    await writer.load();
    writer.save({ ...session(3) });
    await writer.flush();
    expect(await readJson(`${file}.bak`)).toEqual(old);
    expect(await readJson(file)).toEqual(session(3));
  });

  it('migrates a pre-versioned current given as a link, and clamps what the old shape did not', async () => {
    const links = Array.from({ length: MAX_QUEUE_ITEMS + 5 }, (_, i) => `https://soundcloud.com/a/t-${i}`);
    await fsp.writeFile(
      file,
      JSON.stringify({ queue: links, current: 'https://soundcloud.com/a/t-3', position: -4, volume: 80 }),
    );
    const { session: migrated, notice } = await store().load();
    // The cut is told, and the file as it was kept aside.
    expect(notice).toBe(NOTICES.unkept(MAX_QUEUE_ITEMS + 5, `session.json.older-${ASIDE_TIME}`));
    expect(migrated?.items).toHaveLength(MAX_QUEUE_ITEMS);
    expect(migrated?.currentId).toBe('m3');
    expect(migrated?.positionSeconds).toBe(0);
    expect(migrated?.volume).toBe(1);
  });

  it('treats a file matching no known shape like a corrupt one', async () => {
    await fsp.writeFile(file, JSON.stringify({ tracks: ['https://soundcloud.com/a/b'] }));
    const result = await store().load();
    expect(result).toEqual({
      session: null,
      notice: NOTICES.unreadable(`session.json.corrupt-${ASIDE_TIME}`),
    });
  });
});

describe('session store: items sent by id', () => {
  it('fills items sent as kept from the last save, and writes them in full', async () => {
    const writer = store();
    expect(writer.save(session(1))).toBe(true);
    const update = { ...session(2), items: [{ kept: 'i2' }, item(7), { kept: 'i0' }] };
    expect(writer.save(update)).toBe(true);
    await writer.flush();
    const reader = store();
    const loaded = await reader.load();
    expect(loaded.session?.items.map((i) => i.id)).toEqual(['i2', 'i7', 'i0']);
    expect(loaded.session?.items[0]).toEqual(item(2));
  });

  it('fills items sent as kept from the loaded session', async () => {
    await saved(session(1));
    const writer = store();
    await writer.load();
    expect(writer.save({ ...session(3), items: [{ kept: 'i1' }] })).toBe(true);
    await writer.flush();
    expect((await store().load()).session?.items).toEqual([item(1)]);
  });

  it('refuses an update naming an item it does not have, and keeps what it had', async () => {
    await saved(session(1));
    const writer = store();
    await writer.load();
    expect(writer.save({ ...session(5), items: [{ kept: 'i0' }, { kept: 'nowhere' }] })).toBe(false);
    await writer.flush();
    expect((await store().load()).session?.positionSeconds).toBe(1);
  });

  it('forgets items the last save dropped', async () => {
    const writer = store();
    writer.save(session(1));
    writer.save({ ...session(2), items: [{ kept: 'i0' }] });
    expect(writer.save({ ...session(3), items: [{ kept: 'i1' }] })).toBe(false);
  });
});

describe('session store: URLs a file cannot be trusted with', () => {
  it('clears each bad URL of each item on load, keeping every item and every good field', async () => {
    const good = item(0);
    const evilTrack: Track = {
      ...trackOf(7),
      permalink: 'javascript:alert(document.cookie)',
      artworkUrl: 'https://evil.example/pixel.gif',
      waveformUrl: 'file:///etc/passwd',
    };
    const withArtwork: Track = {
      ...trackOf(8),
      permalink: 'https://soundcloud.com/artist/track-8\n#EXTINF:0,forged',
      artworkUrl: 'https://i1.sndcdn.com/artworks-8-t500x500.jpg',
      waveformUrl: 'https://wave.sndcdn.com/abc_m.png',
    };
    const stored: Session = {
      ...session(3, 0),
      items: [
        good,
        { ...item(1), link: 'javascript:alert(1)', track: evilTrack },
        { ...item(2), track: withArtwork },
        { id: 'loose', link: 'data:text/html,hi', kind: 'track', startSeconds: 0, status: 'resolving' },
        {
          id: 'typed',
          link: 'just text',
          kind: null,
          startSeconds: 0,
          status: 'error',
          error: { code: 'INVALID_LINK', message: 'x' },
        },
      ],
      currentId: 'i1',
    };
    await fsp.writeFile(file, JSON.stringify(stored));
    const loaded = (await store().load()).session;
    expect(loaded?.items.map((i) => i.id)).toEqual(['i0', 'i1', 'i2', 'loose', 'typed']);
    const [first, second, third, fourth, fifth] = loaded?.items ?? [];
    expect(first).toEqual(good);
    expect(second?.track).toEqual({
      ...evilTrack,
      permalink: 'https://api.soundcloud.com/tracks/7',
      artworkUrl: null,
      waveformUrl: null,
    });
    expect(second?.link).toBe('https://api.soundcloud.com/tracks/7');
    expect(third?.track).toEqual({ ...withArtwork, permalink: 'https://api.soundcloud.com/tracks/8' });
    expect(third?.link).toBe(item(2).link);
    expect(fourth).toMatchObject({ link: 'data:text/html,hi', kind: null, status: 'error' });
    expect(fourth?.error?.code).toBe('INVALID_LINK');
    expect(fifth).toEqual(stored.items[4]);
    expect(loaded?.currentId).toBe('i1');
  });
});

describe('session store: URLs the renderer sends', () => {
  it('writes a saved session through the IPC schema with each bad URL cleared, keeping the item', async () => {
    const sent = {
      ...session(4, 1),
      items: [
        {
          ...item(0),
          track: {
            ...trackOf(1),
            permalink: 'javascript:alert(document.cookie)',
            artworkUrl: 'https://evil.example/pixel.gif',
            waveformUrl: 'https://wave.sndcdn.com/ok_m.png',
          },
        },
      ],
    };
    const parsed = argSchemas.saveSession.parse({ session: sent });
    const writer = store();
    expect(writer.save(parsed.session)).toBe(true);
    await writer.flush();
    // The file itself, not what a load makes of it: the save path refused the URLs on its own.
    const written = JSON.stringify(await readJson(file));
    expect(written).not.toContain('javascript:');
    expect(written).not.toContain('evil.example');
    const [kept] = sessionSchema.parse(await readJson(file)).items;
    expect(kept?.track).toEqual({
      ...trackOf(1),
      permalink: 'https://api.soundcloud.com/tracks/1',
      artworkUrl: null,
      waveformUrl: 'https://wave.sndcdn.com/ok_m.png',
    });
    expect(kept?.link).toBe(item(0).link);
  });
});
