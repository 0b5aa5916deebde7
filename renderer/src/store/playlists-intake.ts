// Links added straight to a playlist (pasted, dropped, imported while it is open): main resolves them as it
// does a paste into the queue, and its results replace the playlist's placeholders, a set by its tracks.
import type { CloudcueApi, CloudcueEvent, Placeholder } from '../../../shared/ipc';
import { MAX_ITEM_LINK_CHARS, MAX_PASTE_CHARS } from '../../../shared/limits';
import { copyItems } from './playlists-items';
import type { QueueItem } from './queue';
import { fromEntry, type ResolvedEvent } from './queue-events';
import type { PlaylistEntry } from './state';

/** Results that came before the answer naming their placeholders: kept a while, as the queue's intake does. */
const EARLY_MAX = 5_000;

export interface PlaylistIntakeHost {
  read(): readonly PlaylistEntry[];
  /** Replaces the playlists (and saves them). */
  write(playlists: PlaylistEntry[]): void;
  cap(): number;
  tell(notice: string): void;
}

export const placeholderItem = (p: Placeholder): QueueItem => ({
  id: p.itemId,
  link: p.link,
  kind: p.kind,
  startSeconds: p.startSeconds,
  ...(p.error === null ? { status: 'resolving' as const } : { status: 'error' as const, error: p.error }),
});

/**
 * The playlists with each resolved placeholder replaced by what it became (a set may add several tracks), or
 * null when none was there; and the results that found their placeholder.
 */
function applied(
  playlists: readonly PlaylistEntry[],
  results: ReadonlyMap<string, ResolvedEvent>,
  cap: number,
) {
  let changed = false;
  const used = new Set<string>();
  const next = playlists.map((playlist) => {
    if (!playlist.items.some((item) => results.has(item.id))) return playlist;
    changed = true;
    let room = cap - playlist.items.length;
    const items = playlist.items.flatMap((item) => {
      const event = results.get(item.id);
      if (event === undefined || item.status !== 'resolving') return [item];
      used.add(item.id);
      const single = (item.kind === 'track' || item.kind === 'short') && event.entries.length === 1;
      const entries = event.entries.slice(0, Math.max(1, room + 1));
      room -= entries.length - 1;
      return entries.map((entry) => fromEntry(entry, single ? item.startSeconds : 0));
    });
    return { ...playlist, items };
  });
  return { next: changed ? next : null, used };
}

export function createPlaylistIntake(api: CloudcueApi, host: PlaylistIntakeHost) {
  /** Placeholder ids still waiting for main's result. */
  const waiting = new Set<string>();
  const early = new Map<string, ResolvedEvent>();
  /**
   * Results whose placeholder was in no playlist when they came (removed, or its playlist deleted, while it
   * resolved): kept a while, so that an undo bringing the placeholder back brings its result too.
   */
  const held = new Map<string, ResolvedEvent>();
  let listening = false;

  /** Keeps `event` in `kept`, letting the oldest go past EARLY_MAX. */
  function keep(kept: Map<string, ResolvedEvent>, event: ResolvedEvent): void {
    if (kept.size >= EARLY_MAX) kept.delete(kept.keys().next().value ?? '');
    kept.set(event.itemId, event);
  }

  function receive(results: ReadonlyMap<string, ResolvedEvent>): void {
    const { next, used } = applied(host.read(), results, host.cap());
    for (const [id, event] of results) {
      waiting.delete(id);
      if (!used.has(id)) keep(held, event);
    }
    if (next !== null) host.write(next);
  }

  /** Gives the held results to their placeholders that are back in a playlist. */
  function settle(): void {
    if (held.size === 0) return;
    const { next, used } = applied(host.read(), held, host.cap());
    for (const id of used) held.delete(id);
    if (next !== null) host.write(next);
  }

  function listen(): void {
    if (listening) return;
    listening = true;
    api.onEvent((event: CloudcueEvent) => {
      if (event.type !== 'resolved') return;
      if (waiting.has(event.itemId)) receive(new Map([[event.itemId, event]]));
      else {
        // Perhaps one of ours, ahead of the answer that names it; the queue's own are let go in turn.
        keep(early, event);
      }
    });
  }

  /** Adds the links in `text` to the end of the playlist; resolves to how many items were added. */
  async function addText(playlistId: string, text: string): Promise<number> {
    const playlist = host.read().find((each) => each.id === playlistId);
    if (playlist === undefined) return 0;
    const room = host.cap() - playlist.items.length;
    if (room <= 0 || text.length > MAX_PASTE_CHARS) {
      host.tell(room <= 0 ? 'The playlist is full.' : 'That is more text than one paste takes.');
      return 0;
    }
    listen();
    const answer = await api.addLinks({ text });
    if (!answer.ok) {
      host.tell(answer.error.message);
      return 0;
    }
    const now = host.read().find((each) => each.id === playlistId);
    if (now === undefined) return 0;
    const fits = Math.max(0, host.cap() - now.items.length);
    const added = answer.value.items.slice(0, fits).map(placeholderItem);
    if (added.length < answer.value.items.length) {
      host.tell(`Added ${added.length} of ${answer.value.items.length} links: the playlist is full.`);
    }
    for (const item of added) if (item.status === 'resolving') waiting.add(item.id);
    host.write(
      host
        .read()
        .map((each) => (each.id === playlistId ? { ...now, items: [...now.items, ...added] } : each)),
    );
    const arrived = new Map([...early].filter(([id]) => waiting.has(id)));
    for (const id of arrived.keys()) early.delete(id);
    if (arrived.size > 0) receive(arrived);
    return added.length;
  }

  /** Asks main again for an item of a playlist that failed with a reason a second try may fix. */
  async function retry(playlistId: string, itemId: string): Promise<void> {
    const item = host
      .read()
      .find((each) => each.id === playlistId)
      ?.items.find((each) => each.id === itemId);
    if (item === undefined || item.status !== 'error') return;
    listen();
    // Asked under an id of its own: one saved in an earlier run may be a queue item's id in this one, and
    // main's answer, heard by the queue too, must not replace that item.
    const { error: _error, ...rest } = item;
    const id = copyItems([item])[0]?.id ?? itemId;
    waiting.add(id);
    replaceItem(playlistId, itemId, { ...rest, id, status: 'resolving' });
    const answer = await api.retry({ itemId: id, link: item.link.slice(0, MAX_ITEM_LINK_CHARS) });
    if (!answer.ok) {
      waiting.delete(id);
      replaceItem(playlistId, id, { ...rest, id, status: 'error', error: answer.error });
    }
  }

  function replaceItem(playlistId: string, itemId: string, item: QueueItem): void {
    host.write(
      host
        .read()
        .map((each) =>
          each.id === playlistId
            ? { ...each, items: each.items.map((old) => (old.id === itemId ? item : old)) }
            : each,
        ),
    );
  }

  return { addText, retry, settle };
}
