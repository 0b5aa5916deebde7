// The official API's lists (/users/<urn>/tracks, /playlists/<urn>/tracks): pages with an opaque cursor in
// next_href under linked_partitioning, else a bare array. Like api-v2's, realistic pages are cut before
// hidden tracks are filtered out, so they come back short or empty while next_href goes on.
import type { ServerResponse } from 'node:http';
import type { SimPlaylist, SimTrack } from '../catalogue';
import { json, officialErrorBody, type SimContext, type SimRequest } from '../context';
import { accessOf, API, officialPlaylist, officialTrack } from './official-json';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

function limitOf(query: URLSearchParams): number {
  const limit = Number(query.get('limit') ?? DEFAULT_LIMIT);
  return Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_LIMIT) : DEFAULT_LIMIT;
}

/** Cursors are opaque to clients (they must follow next_href), so the offset is wrapped, not bare. */
function cursorFor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function offsetOf(cursor: string | null): number | null {
  if (cursor === null) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? null : Number(match[1]);
}

export function linked(query: URLSearchParams): boolean {
  const value = query.get('linked_partitioning');
  return value === 'true' || value === '1';
}

/** `access=playable,preview,blocked` (any list naming `blocked`) asks for blocked tracks too. */
function wantsBlocked(query: URLSearchParams): boolean {
  return (query.get('access') ?? '').split(',').some((a) => a.trim() === 'blocked');
}

export interface ListSource {
  /** Every item of the list in order: with realistic paging, hidden ones too. */
  items: SimTrack[];
  /** Which of them a listener may see (blocked ones are judged separately). */
  visible(track: SimTrack): boolean;
}

/**
 * The paging both kinds of list share: the cursor read (a bad one answers 400), `pageOf` the page's items
 * from `offset`, and `{collection, next_href}` with linked_partitioning, else a bare array.
 */
function sendPaged(
  req: SimRequest,
  res: ServerResponse,
  total: number,
  pathOnApi: string,
  pageOf: (offset: number, limit: number) => unknown[],
): void {
  const offset = offsetOf(req.query.get('cursor'));
  if (offset === null) {
    json(res, 400, officialErrorBody(400, 'Bad Request', 'invalid cursor'));
    return;
  }
  const limit = limitOf(req.query);
  const collection = pageOf(offset, limit);
  if (!linked(req.query)) {
    json(res, 200, collection);
    return;
  }
  const next = new URLSearchParams(req.query);
  next.set('limit', String(limit));
  next.set('cursor', cursorFor(offset + limit));
  const nextHref = offset + limit < total ? `${API}${pathOnApi}?${next.toString()}` : null;
  json(res, 200, { collection, next_href: nextHref });
}

/** One page of a list: `{collection, next_href}` with linked_partitioning, else a bare array. */
export function sendPage(
  req: SimRequest,
  res: ServerResponse,
  ctx: SimContext,
  source: ListSource,
  pathOnApi: string,
): void {
  const realistic = ctx.settings.realisticPaging;
  const blockedToo = wantsBlocked(req.query);
  const shown = (t: SimTrack): boolean => source.visible(t) && (blockedToo || accessOf(t) !== 'blocked');
  // Without realistic paging the list is filtered first, so every page is full (the kinder behaviour).
  const items = realistic ? source.items : source.items.filter(source.visible);
  sendPaged(req, res, items.length, pathOnApi, (offset, limit) => {
    const page = items.slice(offset, offset + limit);
    return (realistic ? page.filter(shown) : page).map(officialTrack);
  });
}

/** One page of sets (a profile's sets, the sets it liked), without their tracks; `albums` says which are. */
export function sendPlaylistPage(
  req: SimRequest,
  res: ServerResponse,
  playlists: readonly SimPlaylist[],
  albums: ReadonlySet<number>,
  pathOnApi: string,
): void {
  sendPaged(req, res, playlists.length, pathOnApi, (offset, limit) =>
    playlists.slice(offset, offset + limit).map((p) => officialPlaylist(p, null, albums.has(p.id))),
  );
}
