// api-v2's /users/<id>/tracks pages. The real service takes `limit` uploads first and filters private,
// removed and blocked ones afterwards, so pages come back short or empty while next_href goes on.
import type { ServerResponse } from 'node:http';
import { isPublic, tracksOfUser, uploadsOfUser, type SimTrack, type SimUser } from '../catalogue';
import { errorsBody, json, type SimContext, type SimRequest } from '../context';
import { API_V2, trackJson } from './v2-json';

export const DEFAULT_PAGE = 10;
export const MAX_PAGE = 200;

/** The paging cursor api-v2 puts in `offset=`: the last item's date, its kind, and its zero-padded id. */
function cursorOf(track: SimTrack): string {
  return `${track.createdAt.replace(/Z$/, '.000Z')},tracks,${String(track.id).padStart(11, '0')}`;
}

/** Where a page starts: after the track the cursor names, or at a plain numeric offset; null: garbled. */
function pageStart(tracks: readonly SimTrack[], offset: string | null): number | null {
  if (offset === null || offset === '') return 0;
  if (/^\d+$/.test(offset)) return Number(offset);
  const id = Number(offset.split(',').at(-1));
  const index = tracks.findIndex((t) => t.id === id);
  return index < 0 ? null : index + 1;
}

function pageLimit(value: string | null): number {
  const limit = Number(value ?? DEFAULT_PAGE);
  if (!Number.isInteger(limit) || limit < 1) return DEFAULT_PAGE;
  return Math.min(limit, MAX_PAGE);
}

/** What a listener may see of an upload: public, and playable in their country. */
const listable = (track: SimTrack): boolean => isPublic(track) && track.policy !== 'BLOCK';

/**
 * One page of a user's tracks, newest first. With `realisticPaging` the page is cut from every upload and
 * filtered afterwards, and next_href carries neither linked_partitioning nor the client_id (the client adds
 * its own back); without it, the page is cut from the public tracks and keeps linked_partitioning.
 */
export function userTracks(req: SimRequest, res: ServerResponse, ctx: SimContext, user: SimUser): void {
  const realistic = ctx.settings.realisticPaging;
  const all = realistic ? uploadsOfUser(ctx.catalogue, user) : tracksOfUser(ctx.catalogue, user);
  const start = pageStart(all, req.query.get('offset'));
  if (start === null) {
    json(res, 400, errorsBody(400, 'Bad Request'));
    return;
  }
  const limit = pageLimit(req.query.get('limit'));
  const page = all.slice(start, start + limit);
  const last = page.at(-1);
  let nextHref: string | null = null;
  if (last !== undefined && start + limit < all.length) {
    const query = new URLSearchParams({ offset: cursorOf(last), limit: String(limit) });
    if (!realistic && req.query.has('linked_partitioning')) query.set('linked_partitioning', '1');
    nextHref = `${API_V2}/users/${user.id}/tracks?${query.toString()}`;
  }
  const nowMs = ctx.now();
  const shown = realistic ? page.filter(listable) : page;
  const collection = shown.map((t) => trackJson(ctx.catalogue, t, { fullUser: false, nowMs }));
  json(res, 200, { collection, next_href: nextHref, query_urn: null });
}
