// The saved session's file format: the versioned JSON text, and the migrations that bring every older file up
// to the current version. Pure: no file system, no clock.
import { z } from 'zod';
import { MAX_QUEUE_ITEMS, sessionSchema, trackSchema, type SavedItem, type Session } from '../../shared/ipc';
import { parseLink } from '../../shared/links';
import { DEFAULT_MESSAGES } from '../../shared/errors';
import { safePermalink, withSafeUrls } from '../../shared/safe-urls';
import { cleanDisplayText } from '../../shared/text-clean';
import { readVersioned, type FileData, type Migrations } from './versioned-json';

export const CURRENT_VERSION = 1;

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
  // Old files had no cap; the newest schema does, so the queue is cut rather than refused: decodeSession
  // counts what was left out, and the loader keeps the file aside and says so.
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
export const migrations: Migrations = {
  0: fromUnversioned,
};

/** What a file on disk holds. */
export type Decoded =
  | {
      kind: 'ok';
      session: Session;
      fromVersion: number;
      /** Entries of an old file past MAX_QUEUE_ITEMS, which the migration left out. */
      unkept: number;
    }
  | { kind: 'newer'; version: number }
  | { kind: 'bad'; reason: unknown };

type SavedTrack = NonNullable<SavedItem['track']>;
type SavedGroup = NonNullable<SavedItem['group']>;

/**
 * The title and artist as the resolver would have cleaned them: a file written by an older build, or edited,
 * may hold bidi overrides or controls that would spoof the window title, the tray or a notification.
 */
function cleanTrackText(track: SavedTrack): SavedTrack {
  const title = cleanDisplayText(track.title);
  const artist = cleanDisplayText(track.artist);
  return title === track.title && artist === track.artist ? track : { ...track, title, artist };
}

function cleanGroupText(group: SavedGroup): SavedGroup {
  const label = cleanDisplayText(group.label);
  return label === group.label ? group : { ...group, label };
}

/**
 * A saved item with each URL it cannot be trusted with cleared, field by field (a file may have been edited,
 * or written by a build that trusted SoundCloud's answers): the track's URLs as withSafeUrls says, its text
 * and its group's label cleaned; a link that is not https on SoundCloud becomes the track's permalink, or,
 * with no track, an item that says the link is not valid. The item itself always stays: nothing the user added is lost.
 */
export function trustedItem(item: SavedItem): SavedItem {
  const track = item.track === undefined ? undefined : cleanTrackText(withSafeUrls(item.track));
  const group = item.group === undefined ? undefined : cleanGroupText(item.group);
  const withTrack =
    track === item.track && group === item.group
      ? item
      : { ...item, ...(track === undefined ? {} : { track }), ...(group === undefined ? {} : { group }) };
  // A refused paste keeps its text as it was typed: it is shown, never opened or played.
  if (withTrack.kind === null || safePermalink(withTrack.link) !== null) return withTrack;
  if (track !== undefined) return { ...withTrack, link: track.permalink };
  const error = { code: 'INVALID_LINK' as const, message: DEFAULT_MESSAGES.INVALID_LINK };
  return { ...withTrack, kind: null, status: 'error', error };
}

/** Parses, migrates and validates a file's text. Pure; never throws. */
export function decodeSession(text: string): Decoded {
  const read = readVersioned(text, { current: CURRENT_VERSION, first: 0, migrations });
  if (read.kind !== 'ok') return read;
  const parsed = sessionSchema.safeParse(read.data);
  if (!parsed.success) return { kind: 'bad', reason: parsed.error };
  const session = { ...parsed.data, items: parsed.data.items.map(trustedItem) };
  const oldQueue = read.fromVersion === 0 ? read.source['queue'] : undefined;
  const unkept = Array.isArray(oldQueue) ? Math.max(0, oldQueue.length - MAX_QUEUE_ITEMS) : 0;
  return { kind: 'ok', session, fromVersion: read.fromVersion, unkept };
}

/** The file's text for a session (already validated): compact, since a long queue is megabytes. */
export function encodeSession(session: Session): string {
  return JSON.stringify({ ...session, version: CURRENT_VERSION });
}
