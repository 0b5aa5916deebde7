// The saved listening session (userData/session.json) as the handlers use it: saves arrive as updates that may
// name items by id, and are written debounced, one disk operation at a time (the files: session-files.ts).
import type { SavedItem, Session, SessionUpdate } from '../../shared/ipc';
import type { FileSystem } from './atomic-file';
import { createSerial } from './serial';
import { createSessionFiles, NOTICES, type LoadResult } from './session-files';

/** The saved session as the handlers need it. */
export interface SessionAccess {
  load(): Promise<LoadResult>;
  /**
   * Keeps the newest session and writes it a little later (debounced); false when it names a kept item
   * this store does not have, and nothing is saved.
   */
  save(session: SessionUpdate): boolean;
}

export interface SessionStore extends SessionAccess {
  /** Writes a pending session now; resolves once it is on disk (or the write failed, which is logged). */
  flush(): Promise<void>;
}

export interface SessionStoreOptions {
  /** userData/session.json */
  file: string;
  /** How long a save waits for later ones before the newest is written. */
  debounceMs?: number;
  fs?: FileSystem;
  now?: () => number;
}

export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const debounceMs = options.debounceMs ?? 500;
  const files = createSessionFiles(options);
  /**
   * Every disk operation (loads, writes) runs on this, one after another: two writes never overlap, and a
   * load never reads a file half-way through being backed up.
   */
  const serially = createSerial();

  /** The newest session not yet handed to a write. */
  let pending: Session | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** The items of the last session loaded or saved, by id: what the renderer may send as kept. */
  let known = new Map<string, SavedItem>();
  /** The newest session saved in this run: newer than the file until it is written. */
  let latest: Session | null = null;

  function remember(session: Session | null): void {
    known = new Map(session?.items.map((item) => [item.id, item]) ?? []);
  }

  /** The full session an update describes, or null when it keeps an item this store does not have. */
  function expand(update: SessionUpdate): Session | null {
    const items: SavedItem[] = [];
    for (const entry of update.items) {
      const item = 'kept' in entry ? known.get(entry.kept) : entry;
      if (item === undefined) return null;
      items.push(item);
    }
    return { ...update, items };
  }

  async function load(): Promise<LoadResult> {
    try {
      const result = await serially(files.load);
      // A session saved in this run is newer than the file (its write may still wait), and it is what the
      // window names items of by id: going back to the file would make later saves keep items as they were.
      if (latest !== null) return { session: latest, notice: null };
      remember(result.session);
      return result;
    } catch (error) {
      // Only a file system failing in an unexpected place gets here; the app still starts, empty.
      console.warn('session: cannot load', error);
      return { session: null, notice: NOTICES.unreadable(null) };
    }
  }

  /** Writes whatever is pending when its turn comes, so a burst queued behind a slow write is written once. */
  function writePending(): Promise<void> {
    return serially(async () => {
      const session = pending;
      pending = null;
      if (session === null) return;
      try {
        await files.write(session);
      } catch (error) {
        console.warn('session: cannot save', error);
        // Kept for the next flush (on quit, say) unless a newer session has come in meanwhile.
        pending ??= session;
      }
    });
  }

  function save(update: SessionUpdate): boolean {
    const session = expand(update);
    if (session === null) return false;
    remember(session);
    latest = session;
    pending = session;
    // The timer is not restarted by later saves: a steady stream of saves still gets written every
    // debounceMs, so at most that much is lost in a crash.
    timer ??= setTimeout(() => {
      timer = null;
      void writePending();
    }, debounceMs);
    return true;
  }

  function flush(): Promise<void> {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    return writePending();
  }

  return { load, save, flush };
}
