// Covers the saved playlists (electron/state/playlists*.ts) on a real temporary folder: a versioned file with
// a backup, updates that name unchanged playlists by id, recovery from damaged and newer files, the bounds,
// and the contract's checks of what the renderer sends.
import * as fsp from 'node:fs/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { decodePlaylists, encodePlaylists, PLAYLISTS_VERSION } from '../../electron/state/playlists-format';
import { createPlaylistsStore, PLAYLIST_NOTICES } from '../../electron/state/playlists';
import {
  argSchemas,
  MAX_PLAYLIST_NAME_CHARS,
  MAX_PLAYLISTS,
  MAX_QUEUE_ITEMS,
  type Playlist,
} from '../../shared/ipc';
import { backendAtBorder } from '../helpers/backend-at-border';
import { useSavedFile } from '../helpers/main-saved-file';
import { readyItem } from '../helpers/main-saved-item';
import { trackOf } from '../helpers/main-track';

function playlist(id: string, name: string, count: number, from = 1): Playlist {
  return { id, name, items: Array.from({ length: count }, (_, index) => readyItem(from + index)) };
}

const paths = useSavedFile('cloudcue-playlists-', 'playlists.json');
let dir: string;
let file: string;

beforeEach(() => {
  ({ dir, file } = paths());
});

const store = () => createPlaylistsStore({ file, debounceMs: 60_000, now: () => Date.UTC(2026, 0, 2) });

async function saved(playlists: Playlist[]): Promise<void> {
  const writer = store();
  expect(writer.save(playlists)).toBe(true);
  await writer.flush();
}

describe('playlists file', () => {
  it('loads none and writes nothing on a first start (before playlists, there was no such file)', async () => {
    expect(await store().load()).toEqual({ playlists: [], notice: null });
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  it('round-trips playlists through a versioned file, and keeps the previous copy as the backup', async () => {
    const first = [playlist('a', 'Mornings', 3), playlist('b', 'Evenings', 0)];
    await saved(first);
    const text = JSON.parse(await fsp.readFile(file, 'utf8')) as { version: number };
    expect(text.version).toBe(PLAYLISTS_VERSION);
    const second = [playlist('b', 'Evenings', 2, 10)];
    await saved(second);
    expect(await store().load()).toEqual({ playlists: second, notice: null });
    expect(decodePlaylists(await fsp.readFile(`${file}.bak`, 'utf8'))).toMatchObject({
      kind: 'ok',
      playlists: first,
    });
  });

  it('restores the previous copy when the file is damaged, keeping the damaged one aside', async () => {
    await saved([playlist('a', 'Old', 2)]);
    await saved([playlist('a', 'New', 2)]);
    await fsp.writeFile(file, '{"version":1,"playlists":[{"id":"a","na');
    expect(await store().load()).toEqual({
      playlists: [playlist('a', 'Old', 2)],
      notice: PLAYLIST_NOTICES.restored,
    });
    const names = await fsp.readdir(dir);
    expect(names.some((name) => name.startsWith('playlists.json.corrupt-'))).toBe(true);
    // The restored copy is the file now.
    expect(decodePlaylists(await fsp.readFile(file, 'utf8'))).toMatchObject({ kind: 'ok' });
  });

  it('keeps a newer version aside and says so, rather than overwriting it', async () => {
    await fsp.writeFile(file, JSON.stringify({ version: PLAYLISTS_VERSION + 1, playlists: [], shelves: [] }));
    const loaded = await store().load();
    expect(loaded.playlists).toEqual([]);
    expect(loaded.notice).toMatch(/newer Cloudcue.*kept aside as playlists\.json\.newer-/);
  });

  it('cleans what it cannot trust in a file: spoofing text in names and titles, links off SoundCloud', async () => {
    const bad: Playlist = {
      id: 'a',
      name: 'Mix\u202Egnp.exe',
      items: [{ ...readyItem(1), link: 'javascript:alert(1)', track: trackOf(1, { title: 'T\u202Eitle' }) }],
    };
    const decoded = decodePlaylists(encodePlaylists([bad]));
    expect(decoded.kind).toBe('ok');
    if (decoded.kind !== 'ok') return;
    const [loaded] = decoded.playlists;
    expect(loaded?.name).not.toContain('\u202E');
    expect(loaded?.items[0]?.track?.title).not.toContain('\u202E');
    expect(loaded?.items[0]?.link).toBe(trackOf(1).permalink);
  });
});

describe('playlists store updates', () => {
  it('takes unchanged playlists by id, and refuses one it does not have', async () => {
    const writer = store();
    writer.save([playlist('a', 'A', 2), playlist('b', 'B', 1)]);
    expect(writer.save([{ kept: 'b' }, { ...playlist('a', 'A renamed', 2) }])).toBe(true);
    await writer.flush();
    expect((await store().load()).playlists.map((list) => list.name)).toEqual(['B', 'A renamed']);
    // A fresh main (after a restart) knows only what it loaded.
    const restarted = store();
    await restarted.load();
    expect(restarted.save([{ kept: 'zzz' }])).toBe(false);
  });

  it('loads what this run saved before its write, and later saves keep those playlists by id', async () => {
    await saved([playlist('a', 'On disk', 1)]);
    const live = store();
    await live.load();
    const newest = [playlist('a', 'Renamed', 1), playlist('b', 'New', 2, 5)];
    live.save(newest);
    // The write still waits for its debounce: the file holds the old name.
    expect(await live.load()).toEqual({ playlists: newest, notice: null });
    expect(live.save([{ kept: 'b' }, { kept: 'a' }])).toBe(true);
    await live.flush();
    expect((await store().load()).playlists).toEqual([newest[1], newest[0]]);
  });
});

describe('savePlaylists arguments', () => {
  const parse = (playlists: unknown) => argSchemas.savePlaylists.safeParse({ playlists });

  it('accepts playlists within the bounds', () => {
    const many = Array.from({ length: MAX_PLAYLISTS }, (_, index) => playlist(`p${index}`, 'x', 0));
    expect(parse(many).success).toBe(true);
    expect(parse([playlist('a', 'n'.repeat(MAX_PLAYLIST_NAME_CHARS), 1), { kept: 'b' }]).success).toBe(true);
  });

  it.each([
    ['one playlist too many', Array.from({ length: MAX_PLAYLISTS + 1 }, (_, i) => ({ kept: `p${i}` }))],
    ['a name too long', [playlist('a', 'n'.repeat(MAX_PLAYLIST_NAME_CHARS + 1), 0)]],
    [
      'more items than the queue holds',
      [
        playlist('a', 'A', 0, 0),
        { id: 'b', name: 'B', items: Array(MAX_QUEUE_ITEMS + 1).fill(readyItem(1)) },
      ],
    ],
    ['two playlists with one id', [playlist('a', 'A', 0), { kept: 'a' }]],
    ['an empty id', [playlist('', 'A', 0)]],
    ['an item of the wrong shape', [{ id: 'a', name: 'A', items: [{ id: 'x', link: 1 }] }]],
    ['unknown fields in a kept one', [{ kept: 'a', name: 'x' }]],
  ])('refuses %s', (_what, playlists) => {
    expect(parse(playlists).success).toBe(false);
  });

  it('the file is checked again before writing: an invalid list never becomes the saved copy', async () => {
    await saved([playlist('a', 'Good', 1)]);
    const writer = store();
    await writer.load();
    writer.save([playlist('a', 'A', 0), playlist('a', 'Twin', 0)]);
    await writer.flush();
    expect((await store().load()).playlists.map((list) => list.name)).toEqual(['Good']);
  });
});

describe('the playlists channels on the real backend', () => {
  it('saves through the border, refuses what breaks the contract, and a new main loads what was saved', async () => {
    const start = () => backendAtBorder(dir);
    const first = await start();
    await expect(first.call('loadPlaylists', {})).resolves.toEqual({
      ok: true,
      value: { playlists: [], notice: null },
    });
    const refused = await first.call('savePlaylists', { playlists: [playlist('a', 'x'.repeat(201), 0)] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const lists = [playlist('a', 'Mornings', 2), playlist('b', 'Evenings', 1, 5)];
    await expect(first.call('savePlaylists', { playlists: lists })).resolves.toEqual({
      ok: true,
      value: { accepted: true },
    });
    await expect(first.call('savePlaylists', { playlists: [{ kept: 'b' }] })).resolves.toEqual({
      ok: true,
      value: { accepted: true },
    });
    await first.backend.playlists.flush();
    const second = await start();
    await expect(second.call('loadPlaylists', {})).resolves.toEqual({
      ok: true,
      value: { playlists: [lists[1]], notice: null },
    });
  });
});
