// The saved listening session (userData/session.json): the queue and the player's state, written debounced
// and atomically, with the previous good copy kept as `.bak`, and recovered (never lost) when damaged.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import {
  MAX_QUEUE_ITEMS,
  sessionSchema,
  trackSchema,
  type SavedItem,
  type Session,
  type SessionUpdate,
} from '../../shared/ipc';
import { parseLink } from '../../shared/links';
import { DEFAULT_MESSAGES } from '../../shared/errors';
import type { SessionAccess } from '../handlers';
import { removeStaleTemporaries, writeFileAtomic, type FileSystem } from './atomic-file';

/** The file system as used here: atomic-file's, plus what keeping copies needs. Tests pass a recording one. */
export type SessionFileSystem = FileSystem & Pick<typeof nodeFs, 'link' | 'copyFile'>;

export interface SessionStoreOptions {
  /** userData/session.json */
  file: string;
  /** How long a save waits for later ones before the newest is written. */
  debounceMs?: number;
  fs?: SessionFileSystem;
  now?: () => number;
}

export interface SessionStore extends SessionAccess {
  /** Writes a pending session now; resolves once it is on disk (or the write failed, which is logged). */
  flush(): Promise<void>;
}

export type LoadResult = Awaited<ReturnType<SessionAccess['load']>>;

export const CURRENT_VERSION = 1;

export const NOTICES = {
  restored: "Cloudcue's saved queue was damaged; the previous copy was restored.",
  unreadable: (name: string | null): string =>
    "Cloudcue's saved queue could not be read" + (name === null ? '.' : `; it was kept aside as ${name}.`),
  newer: (name: string | null, restored: boolean): string =>
    'This queue was saved by a newer Cloudcue, which this version cannot read' +
    (name === null ? '.' : `; it was kept aside as ${name}.`) +
    (restored ? ' The previous copy was restored.' : ''),
} as const;

type FileData = Record<string, unknown>;

/** The shape before files had a version: a queue of links (or loose items), and the player's basics. */
const unversionedSchema = z.object({
  queue: z.array(z.unknown()),
  current: z.union([z.string(), z.number(), z.null()]).optional(),
  position: z.number().optional(),
  volume: z.number().optional(),
});

/** A link as saved before versions: a plain string, or an object with at least the link. */
const unversionedItemSchema = z.union([
  z.string(),
  z.looseObject({
    id: z.string().optional(),
    link: z.string().optional(),
    url: z.string().optional(),
    startSeconds: z.number().optional(),
    track: z.unknown().optional(),
  }),
]);

/** A saved link re-parsed as a paste would be, so an old file gets canonical links, kinds and offsets. */
function itemFromLink(id: string, text: string, startSeconds: number | undefined): SavedItem {
  const found = parseLink(text);
  if (found === null || found.link === null || found.kind === null) {
    const message = found?.refusal ?? DEFAULT_MESSAGES.INVALID_LINK;
    return {
      id,
      link: text.slice(0, 2048),
      kind: null,
      startSeconds: 0,
      status: 'error',
      error: { code: 'INVALID_LINK', message },
    };
  }
  // 'resolving': the renderer turns it into a retryable item, since nothing is resolving after a restart.
  return {
    id,
    link: found.link,
    kind: found.kind,
    startSeconds: startSeconds !== undefined && startSeconds >= 0 ? startSeconds : found.startSeconds,
    status: 'resolving',
  };
}

/** Version 0 (no `version` field) → 1. Throws when the data is not that shape either. */
function fromUnversioned(data: FileData): FileData {
  const old = unversionedSchema.parse(data);
  const used = new Set<string>();
  const items: SavedItem[] = [];
  // Old files had no cap; the newest schema does, so the queue is cut rather than refused.
  for (const [index, raw] of old.queue.slice(0, MAX_QUEUE_ITEMS).entries()) {
    const entry = unversionedItemSchema.safeParse(raw);
    if (!entry.success) continue;
    const value = entry.data;
    const text = typeof value === 'string' ? value : (value.link ?? value.url);
    if (text === undefined) continue;
    // `m…` ids cannot collide with the service's `i…`/`p…` ones given to links added later.
    const given = typeof value === 'string' ? undefined : value.id;
    const id =
      given !== undefined && given !== '' && given.length <= 100 && !used.has(given) ? given : `m${index}`;
    used.add(id);
    const item = itemFromLink(id, text, typeof value === 'string' ? undefined : value.startSeconds);
    const track = typeof value === 'string' ? undefined : trackSchema.safeParse(value.track);
    items.push(
      track?.success === true && item.status !== 'error'
        ? { ...item, status: 'ready', track: track.data }
        : item,
    );
  }
  // `current` was an index into the queue in some builds and an id (or the link) in others.
  let currentId: string | null = null;
  if (typeof old.current === 'number') currentId = items[old.current]?.id ?? null;
  else if (typeof old.current === 'string') {
    const wanted = old.current;
    currentId = items.find((item) => item.id === wanted || item.link === wanted)?.id ?? null;
  }
  const volume = old.volume ?? 1;
  return {
    version: 1,
    items,
    currentId,
    positionSeconds: currentId !== null && old.position !== undefined ? Math.max(0, old.position) : 0,
    volume: Number.isFinite(volume) ? Math.min(1, Math.max(0, volume)) : 1,
    muted: false,
    shuffle: false,
    repeat: 'off',
  };
}

/**
 * migrations[v] turns a file of version v into version v + 1; version 0 is a file without `version`.
 * A new version adds its step here and bumps CURRENT_VERSION, so every older file still loads.
 */
export const migrations: Readonly<Record<number, (data: FileData) => FileData>> = {
  0: fromUnversioned,
};

/** What a file on disk holds. */
export type Decoded =
  | { kind: 'ok'; session: Session; fromVersion: number }
  | { kind: 'newer'; version: number }
  | { kind: 'bad'; reason: unknown };

/** Parses, migrates and validates a file's text. Pure; never throws. */
export function decodeSession(text: string): Decoded {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { kind: 'bad', reason: error };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { kind: 'bad', reason: new Error('not a JSON object') };
  }
  let record = data as FileData;
  const version = record['version'] ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { kind: 'bad', reason: new Error(`unknown version ${JSON.stringify(version)}`) };
  }
  if (version > CURRENT_VERSION) return { kind: 'newer', version };
  try {
    for (let from = version; from < CURRENT_VERSION; from++) {
      const step = migrations[from];
      if (step === undefined) throw new Error(`no migration from version ${from}`);
      record = step(record);
    }
  } catch (error) {
    return { kind: 'bad', reason: error };
  }
  const parsed = sessionSchema.safeParse(record);
  return parsed.success
    ? { kind: 'ok', session: parsed.data, fromVersion: version }
    : { kind: 'bad', reason: parsed.error };
}

/** The file's text for a session (already validated): compact, since a long queue is megabytes. */
export function encodeSession(session: Session): string {
  return JSON.stringify({ ...session, version: CURRENT_VERSION });
}

function errorCode(error: unknown): unknown {
  return error instanceof Error && 'code' in error ? error.code : undefined;
}

/** `2026-01-02T03-04-05-678Z`: a time that sorts, and is a valid file name everywhere. */
function fileTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

const TEMP_MARK = '.tmp-';

export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const { file } = options;
  const backup = `${file}.bak`;
  const debounceMs = options.debounceMs ?? 500;
  const fs = options.fs ?? nodeFs;
  const now = options.now ?? Date.now;

  /** The newest session not yet handed to a write. */
  let pending: Session | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Every disk operation (loads, writes) runs on this chain, one after another: two writes never overlap,
   * and a load never reads a file half-way through being backed up.
   */
  let chain: Promise<void> = Promise.resolve();
  /** Whether `file` holds a loadable session (null: not known yet), i.e. whether it may become the backup. */
  let fileIsGood: boolean | null = null;

  function enqueue<T>(step: () => Promise<T>): Promise<T> {
    const result = chain.then(step);
    chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  async function read(path: string): Promise<Decoded | { kind: 'missing' }> {
    let text: string;
    try {
      text = await fs.readFile(path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
      return { kind: 'bad', reason: error };
    }
    return decodeSession(text);
  }

  /** Opens and fsyncs a file, so a copy is on disk before it is renamed into place. */
  async function syncFile(path: string): Promise<void> {
    const handle = await fs.open(path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Makes `to` a copy of `from` without ever removing `from`. A hard link costs no copying (the file is
   * replaced by a rename later, so the link keeps the old content); file systems without links get a copy.
   * `exclusive`: fail with EEXIST rather than replace `to`; otherwise `to` is replaced atomically.
   */
  async function copyOf(from: string, to: string, exclusive: boolean): Promise<void> {
    const target = exclusive ? to : `${to}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await fs.link(from, target);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST' || code === 'ENOENT') throw error;
      await fs.copyFile(from, target, nodeFs.constants.COPYFILE_EXCL);
      await syncFile(target);
    }
    if (exclusive) return;
    try {
      await fs.rename(target, to);
    } finally {
      // Normally gone already. But when `to` is already a link to the same file (a save that failed after
      // the backup step, then saved again), rename() does nothing and leaves the temporary behind.
      await fs.unlink(target).catch(() => undefined);
    }
  }

  /**
   * Keeps an unusable file under a new name (for the user, or a bug report) and returns that name. The
   * original stays until it is replaced or `remove`d, so a crash half-way never leaves the queue missing.
   */
  async function keepAside(path: string, label: string, remove: boolean): Promise<string | null> {
    const stem = `${path}.${label}-${fileTime(now())}`;
    for (let attempt = 0; attempt < 20; attempt++) {
      const aside = attempt === 0 ? stem : `${stem}-${attempt}`;
      try {
        await copyOf(path, aside, true);
      } catch (error) {
        if (errorCode(error) === 'EEXIST') continue;
        console.warn(`session: cannot keep ${path} aside`, error);
        return null;
      }
      // The copy is safe, so the original name can go: the next start does not report it again.
      if (remove) await fs.unlink(path).catch(() => undefined);
      return aside;
    }
    return null;
  }

  /** Writes a restored session over the unusable main file (already kept aside), atomically. */
  async function restore(session: Session): Promise<void> {
    try {
      await writeFileAtomic(file, encodeSession(session), { fs });
      fileIsGood = true;
    } catch (error) {
      console.warn('session: cannot write the restored copy back', error);
    }
  }

  async function loadNow(): Promise<LoadResult> {
    await removeStaleTemporaries(file, fs);
    await removeStaleTemporaries(backup, fs);
    const main = await read(file);
    if (main.kind === 'missing') {
      fileIsGood = false;
      return { session: null, notice: null };
    }
    if (main.kind === 'ok') {
      // An older version's file stays as it is until the next save: it is loadable, so a fine backup.
      fileIsGood = true;
      return { session: main.session, notice: null };
    }
    console.warn(
      `session: ${file} cannot be used`,
      main.kind === 'newer' ? `version ${main.version}` : main.reason,
    );
    fileIsGood = false;
    const copy = await read(backup);
    const label = main.kind === 'newer' ? 'newer' : 'corrupt';
    // With a good backup the file is replaced by it (atomically) rather than removed first.
    const aside = await keepAside(file, label, copy.kind !== 'ok');
    const asideName = aside === null ? null : basename(aside);
    if (copy.kind === 'ok') {
      // Not written over a file that could not be kept aside: it would be lost.
      if (aside !== null) await restore(copy.session);
      const notice = main.kind === 'newer' ? NOTICES.newer(asideName, true) : NOTICES.restored;
      return { session: copy.session, notice };
    }
    // An unusable backup is kept aside too (a later save would replace it): nothing is ever deleted.
    if (copy.kind !== 'missing') await keepAside(backup, copy.kind === 'newer' ? 'newer' : 'corrupt', true);
    if (main.kind === 'newer') return { session: null, notice: NOTICES.newer(asideName, false) };
    return { session: null, notice: NOTICES.unreadable(asideName) };
  }

  async function load(): Promise<LoadResult> {
    try {
      const result = await enqueue(loadNow);
      remember(result.session);
      return result;
    } catch (error) {
      // Only a file system failing in an unexpected place gets here; the app still starts, empty.
      console.warn('session: cannot load', error);
      return { session: null, notice: NOTICES.unreadable(null) };
    }
  }

  async function writeNow(session: Session): Promise<void> {
    // The handlers validated it at the IPC border; checked again since a bad file would pass for a good one
    // and later become the backup. Cheap next to the write (a few ms for 10,000 items).
    const parsed = sessionSchema.safeParse(session);
    if (!parsed.success) {
      console.warn('session: refusing to save an invalid session', parsed.error);
      return;
    }
    const text = encodeSession(parsed.data);
    // Only a loadable file becomes the backup, so the backup is always a state the app can come back to.
    fileIsGood ??= (await read(file)).kind === 'ok';
    if (fileIsGood) {
      // A failed backup does not stop the save: the old backup is still a good (older) state.
      await copyOf(file, backup, false).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') console.warn('session: cannot back up the previous copy', error);
      });
    }
    await writeFileAtomic(file, text, { fs });
    fileIsGood = true;
  }

  /** Writes whatever is pending when its turn on the chain comes. */
  function writePending(): Promise<void> {
    return enqueue(async () => {
      const session = pending;
      pending = null;
      if (session === null) return;
      try {
        await writeNow(session);
      } catch (error) {
        console.warn('session: cannot save', error);
        // Kept for the next flush (on quit, say) unless a newer session has come in meanwhile.
        pending ??= session;
      }
    });
  }

  /** The items of the last session loaded or saved, by id: what the renderer may send as kept. */
  let known = new Map<string, SavedItem>();
  const remember = (session: Session | null): void => {
    known = new Map(session?.items.map((item) => [item.id, item]) ?? []);
  };

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

  function save(update: SessionUpdate): boolean {
    const session = expand(update);
    if (session === null) return false;
    remember(session);
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
