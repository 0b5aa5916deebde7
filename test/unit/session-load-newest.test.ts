// A load while the window keeps saving (another window, a reload, the soak reading the queue) hands back the
// newest session saved, not the file it may not have reached yet, and never makes later saves go back to it.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createSessionStore } from '../../electron/state/session';
import { savedItem, sessionOf } from '../helpers/main-session';
import { trackOf } from '../helpers/main-track';
import { useTempFolder } from '../helpers/temp-folder';

const folder = useTempFolder('cloudcue-session-newest-');

it('loads the newest session saved, and later saves keep its items by id as they are now', async () => {
  const store = createSessionStore({ file: join(folder(), 'session.json'), debounceMs: 60_000 });
  expect(store.save(sessionOf([savedItem()]))).toBe(true);
  // On disk: the item still resolving.
  await store.flush();
  // Resolved since, not yet written.
  expect(store.save(sessionOf([savedItem({ status: 'ready', track: trackOf(7) })]))).toBe(true);
  const loaded = await store.load();
  expect(loaded.session?.items.map((i) => i.status)).toEqual(['ready']);
  // The window names the item it has already sent by its id.
  expect(store.save({ ...sessionOf([]), items: [{ kept: 'p1' }] })).toBe(true);
  expect((await store.load()).session?.items.map((i) => i.status)).toEqual(['ready']);
  await store.flush();
  const fresh = await createSessionStore({ file: join(folder(), 'session.json') }).load();
  expect(fresh.session?.items.map((i) => i.status)).toEqual(['ready']);
});
