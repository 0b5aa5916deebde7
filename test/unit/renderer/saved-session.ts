// Saved sessions as main hands them to the renderer at start, for the tests of restoring and saving.
import type { SavedItem, Session } from '../../../shared/ipc';
import { createAppStore } from '../../../renderer/src/store';
import { toSession } from '../../../renderer/src/store/persist';
import { fakeApi, track } from './fakes';

/** Saved item `s<n>`: track n, resolved. */
export const savedReady = (n: number): SavedItem => ({
  id: `s${n}`,
  link: track(n).permalink,
  kind: 'track',
  startSeconds: 0,
  status: 'ready',
  track: track(n),
});

/**
 * A session of `items` with the rest as a new store saves it (nothing current, full volume, in order), so
 * the tests do not restate the store's starting state; `changes` replace any of it.
 */
export function savedSession(items: SavedItem[], changes: Partial<Session> = {}): Session {
  return { ...toSession(createAppStore(fakeApi({})).getState(), 0), items, ...changes };
}
