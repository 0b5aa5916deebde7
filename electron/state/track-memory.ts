// What the app remembers per track, for the most recently touched tracks only: where a long mix was left,
// how loud a track measured. One small JSON file per kind in userData, written debounced and crash-safe; a
// damaged file is kept aside and the memory starts empty, an entry that does not parse is dropped alone.
import { z } from 'zod';
import { defaultFileSystem, keepAside, readSavedFile, writeFileAtomic, type FileSystem } from './atomic-file';
import { createSerial } from './serial';

const VERSION = 1;
const trackIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export interface TrackMemoryOptions<V> {
  /** userData/<kind>.json */
  file: string;
  /** The most tracks kept; the least recently set go first. */
  capacity: number;
  /** One remembered value, as read back from the file. */
  value: z.ZodType<V>;
  debounceMs?: number;
  fs?: FileSystem;
  now?: () => number;
}

export interface TrackMemory<V> {
  /** Reads the file once; every later call returns the same promise. */
  load(): Promise<void>;
  get(trackId: number): V | null;
  /** Keeps `value` as the track's newest, evicting the least recently set past capacity. */
  set(trackId: number, value: V): void;
  forget(trackId: number): void;
  /** Writes pending changes now; resolves once they are on disk (or the write failed, which is logged). */
  flush(): Promise<void>;
}

/** The entries a file holds, oldest first, each parsed alone; null when the file is not this format at all. */
export function decodeEntries<V>(text: string, value: z.ZodType<V>): Array<[number, V]> | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const file = z.object({ version: z.literal(VERSION), entries: z.array(z.unknown()) }).safeParse(raw);
  if (!file.success) return null;
  const entries: Array<[number, V]> = [];
  // One schema for every entry: a full file holds thousands.
  const entrySchema = z.tuple([trackIdSchema, value]);
  for (const entry of file.data.entries) {
    const parsed = entrySchema.safeParse(entry);
    if (parsed.success) entries.push(parsed.data as [number, V]);
  }
  return entries;
}

export function createTrackMemory<V>(options: TrackMemoryOptions<V>): TrackMemory<V> {
  const { file, capacity, value } = options;
  const debounceMs = options.debounceMs ?? 1_000;
  const serially = createSerial();
  const fs = options.fs ?? defaultFileSystem;
  const now = options.now ?? Date.now;
  /** In insertion order: the first is the least recently set. */
  const entries = new Map<number, V>();
  let loading: Promise<void> | null = null;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function read(): Promise<void> {
    const saved = await readSavedFile(file, fs);
    if (saved.kind === 'missing') return;
    const decoded = saved.kind === 'text' ? decodeEntries(saved.text, value) : null;
    if (decoded === null) {
      console.warn(`${file}: not readable, kept aside and started empty`);
      await keepAside(file, 'damaged', { fs, now, remove: true });
      return;
    }
    // Entries set before the load finished are newer than the file's.
    const early = [...entries];
    entries.clear();
    for (const [trackId, remembered] of [...decoded, ...early]) put(trackId, remembered);
  }

  function put(trackId: number, remembered: V): void {
    entries.delete(trackId);
    entries.set(trackId, remembered);
    while (entries.size > capacity) entries.delete(entries.keys().next().value!);
  }

  function writeSoon(): void {
    dirty = true;
    timer ??= setTimeout(() => {
      timer = null;
      void write();
    }, debounceMs);
  }

  /** The file is read before anything is written over it, whichever comes first. */
  const loaded = (): Promise<void> => (loading ??= serially(read));

  async function write(): Promise<void> {
    await loaded();
    return serially(async () => {
      if (!dirty) return;
      dirty = false;
      const text = JSON.stringify({ version: VERSION, entries: [...entries] });
      try {
        await writeFileAtomic(file, text, { fs });
      } catch (error) {
        console.warn(`${file}: cannot save`, error);
        dirty = true;
      }
    });
  }

  return {
    load: loaded,
    get: (trackId) => entries.get(trackId) ?? null,
    set(trackId, remembered) {
      put(trackId, remembered);
      writeSoon();
    },
    forget(trackId) {
      if (entries.delete(trackId)) writeSoon();
    },
    flush() {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      return write();
    },
  };
}
