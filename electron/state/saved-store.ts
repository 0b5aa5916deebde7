// A saved document (the session, the playlists) as the handlers use it: each save is kept in memory at once
// and written a little later (debounced), every disk operation one at a time; updates may name unchanged items
// by id. The files under it: saved-files.ts.
import { createSavedFiles, type SavedDocument, type SavedFilesOptions, type SavedLoad } from './saved-files';
import { createSerial } from './serial';

export interface SavedStoreOptions extends SavedFilesOptions {
  /** How long a save waits for later ones before the newest is written. */
  debounceMs?: number;
}

/** A saved document as the handlers need it: loaded once the window asks, saved as updates arrive. */
export interface SavedAccess<Loaded, Update> {
  load(): Promise<Loaded>;
  /**
   * Keeps the newest document and writes it a little later (debounced); false when the update names a kept
   * item this store does not have, and nothing is saved.
   */
  save(update: Update): boolean;
}

export interface SavedAccessStore<Loaded, Update> extends SavedAccess<Loaded, Update> {
  /** Writes a pending document now; resolves once it is on disk (or the write failed, which is logged). */
  flush(): Promise<void>;
}

/** An update's entry: a whole item, or the id of one the store already has. */
export type KeptOr<Item> = Item | { kept: string };

export interface SavedStore<Value, Item> {
  /** What is on disk, or what was saved in this run when that is newer. Never throws. */
  load(): Promise<SavedLoad<Value>>;
  /** The items the entries stand for, or null when one names an item this store does not have. */
  expand(entries: readonly KeptOr<Item>[]): Item[] | null;
  /** Keeps the newest document and writes it a little later. */
  save(value: Value): void;
  /** Writes a pending document now; resolves once it is on disk (or the write failed, which is logged). */
  flush(): Promise<void>;
}

const isKept = <Item>(entry: KeptOr<Item>): entry is { kept: string } =>
  typeof entry === 'object' && entry !== null && 'kept' in entry;

export function createSavedStore<Value, Item extends { id: string }>(
  options: SavedStoreOptions,
  document: SavedDocument<Value>,
  itemsOf: (value: Value) => readonly Item[],
): SavedStore<Value, Item> {
  const debounceMs = options.debounceMs ?? 500;
  const files = createSavedFiles(options, document);
  /**
   * Every disk operation (loads, writes) runs on this, one after another: two writes never overlap, and a
   * load never reads a file half-way through being backed up.
   */
  const serially = createSerial();

  /** The newest document not yet handed to a write. */
  let pending: Value | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** The items of the last document loaded or saved, by id: what the renderer may send as kept. */
  let known = new Map<string, Item>();
  /** The newest document saved in this run: newer than the file until it is written. */
  let latest: Value | null = null;

  function remember(value: Value | null): void {
    known = new Map(value === null ? [] : itemsOf(value).map((item) => [item.id, item]));
  }

  function expand(entries: readonly KeptOr<Item>[]): Item[] | null {
    const items: Item[] = [];
    for (const entry of entries) {
      const item = isKept(entry) ? known.get(entry.kept) : entry;
      if (item === undefined) return null;
      items.push(item);
    }
    return items;
  }

  async function load(): Promise<SavedLoad<Value>> {
    try {
      const result = await serially(files.load);
      // A document saved in this run is newer than the file (its write may still wait), and it is what the
      // window names items of by id: going back to the file would make later saves keep items as they were.
      if (latest !== null) return { value: latest, notice: null };
      remember(result.value);
      return result;
    } catch (error) {
      // Only a file system failing in an unexpected place gets here; the app still starts, empty.
      console.warn(`${document.name}: cannot load`, error);
      return { value: null, notice: document.notices.unreadable(null) };
    }
  }

  /** Writes whatever is pending when its turn comes, so a burst queued behind a slow write is written once. */
  function writePending(): Promise<void> {
    return serially(async () => {
      const value = pending;
      pending = null;
      if (value === null) return;
      try {
        await files.write(value);
      } catch (error) {
        console.warn(`${document.name}: cannot save`, error);
        // Kept for the next flush (on quit, say) unless a newer document has come in meanwhile.
        pending ??= value;
      }
    });
  }

  function save(value: Value): void {
    remember(value);
    latest = value;
    pending = value;
    // The timer is not restarted by later saves: a steady stream of saves still gets written every
    // debounceMs, so at most that much is lost in a crash.
    timer ??= setTimeout(() => {
      timer = null;
      void writePending();
    }, debounceMs);
  }

  function flush(): Promise<void> {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    return writePending();
  }

  return { load, expand, save, flush };
}
