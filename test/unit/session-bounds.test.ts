// An older Cloudcue's saved queue that holds more than the queue does: what is restored, what the notice
// says, and the file as it was, kept aside so nothing is lost.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../electron/state/session';
import { decodeSession } from '../../electron/state/session-format';
import { MAX_QUEUE_ITEMS } from '../../shared/ipc';
import { useTempFolder } from '../helpers/temp-folder';

const folder = useTempFolder('cloudcue-session-bounds-');
const link = (n: number): string => `https://soundcloud.com/a/track-${n}`;

describe('an older file longer than the queue holds', () => {
  it('restores the first MAX_QUEUE_ITEMS, says how many of how many, and keeps the file as it was', async () => {
    const file = join(folder(), 'session.json');
    const held = MAX_QUEUE_ITEMS + 5;
    const text = JSON.stringify({ queue: Array.from({ length: held }, (_, i) => link(i)), current: 0 });
    await writeFile(file, text);
    const store = createSessionStore({ file, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });

    const { session, notice } = await store.load();
    expect(session?.items.map((item) => item.link)).toEqual(
      Array.from({ length: MAX_QUEUE_ITEMS }, (_, i) => link(i)),
    );
    const names = await readdir(folder());
    const aside = names.find((name) => name.startsWith('session.json.older-'));
    expect(aside).toBeDefined();
    expect(notice).toBe(
      'The saved queue, from an older Cloudcue, held 20,005 entries; the first 20,000 were restored, as many ' +
        `as the queue holds. The file as it was is kept as ${aside}.`,
    );
    expect(await readFile(join(folder(), aside ?? ''), 'utf8')).toBe(text);
    // The file itself is left for the next save, and still loads the same way.
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('counts only the entries past the cap as not kept (an old file at the cap loses none)', () => {
    const queue = (length: number) => JSON.stringify({ queue: Array.from({ length }, (_, i) => link(i)) });
    const at = decodeSession(queue(MAX_QUEUE_ITEMS));
    const past = decodeSession(queue(MAX_QUEUE_ITEMS + 2));
    expect(at.kind === 'ok' && [at.session.items.length, at.unkept]).toEqual([MAX_QUEUE_ITEMS, 0]);
    expect(past.kind === 'ok' && [past.session.items.length, past.unkept]).toEqual([MAX_QUEUE_ITEMS, 2]);
  });

  it('a file that loses nothing loads without a notice, and nothing is kept aside', async () => {
    const file = join(folder(), 'session.json');
    await writeFile(file, JSON.stringify({ queue: [link(1), link(2)] }));
    const { session, notice } = await createSessionStore({ file }).load();
    expect([session?.items.length, notice]).toEqual([2, null]);
    expect(await readdir(folder())).toEqual(['session.json']);
    const current = decodeSession(JSON.stringify({ ...session, version: 1 }));
    expect(current.kind === 'ok' && current.unkept).toBe(0);
  });
});
