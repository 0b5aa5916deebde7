// The saved listening session (userData/session.json) as the handlers use it: saves arrive as updates that may
// name items by id, and are written debounced, with a backup, by the saved-document store (saved-store.ts).
import {
  MAX_QUEUE_ITEMS,
  sessionSchema,
  type ResultTypes,
  type Session,
  type SessionUpdate,
} from '../../shared/ipc';
import { recoveryNotices, type SavedDocument } from './saved-files';
import {
  createSavedStore,
  type SavedAccess,
  type SavedAccessStore,
  type SavedStoreOptions,
} from './saved-store';
import { decodeSession, encodeSession } from './session-format';

/** What a load gives the window: the session, if any, and a sentence to show when something was recovered. */
export type LoadResult = ResultTypes['loadSession'];

/** The saved session as the handlers need it. */
export type SessionAccess = SavedAccess<LoadResult, SessionUpdate>;
export type SessionStore = SavedAccessStore<LoadResult, SessionUpdate>;

export const NOTICES = {
  ...recoveryNotices('queue', false),
  /** An older Cloudcue's file held more entries than the queue holds. */
  unkept: (held: number, name: string | null): string =>
    `The saved queue, from an older Cloudcue, held ${held.toLocaleString('en')} entries; the first ` +
    `${MAX_QUEUE_ITEMS.toLocaleString('en')} were restored, as many as the queue holds` +
    (name === null ? '.' : `. The file as it was is kept as ${name}.`),
} as const;

const sessionDocument: SavedDocument<Session> = {
  name: 'session',
  decode(text) {
    const decoded = decodeSession(text);
    return decoded.kind === 'ok' ? { kind: 'ok', value: decoded.session, unkept: decoded.unkept } : decoded;
  },
  encode: encodeSession,
  schema: sessionSchema,
  notices: { ...NOTICES, unkept: (unkept, name) => NOTICES.unkept(MAX_QUEUE_ITEMS + unkept, name) },
};

/** `options.file`: userData/session.json */
export function createSessionStore(options: SavedStoreOptions): SessionStore {
  const store = createSavedStore(options, sessionDocument, (session) => session.items);

  async function load(): Promise<LoadResult> {
    const { value, notice } = await store.load();
    return { session: value, notice };
  }

  function save(update: SessionUpdate): boolean {
    const items = store.expand(update.items);
    if (items === null) return false;
    store.save({ ...update, items });
    return true;
  }

  return { load, save, flush: store.flush };
}
