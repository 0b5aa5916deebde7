// Removal with undo: what remove, removeFailed and clear take out of the queue, and how undo puts it back
// (at the same places, with the selection as it was; playback is never moved by an undo). Each removal is a
// step of the window's one undo history (undo-history.ts), announced by a toast that names its undo.
import { formatCount } from '../format';
import type { StoreApi } from 'zustand';
import type { AppState } from './state';
import { cursorTo, stepInOrder } from './order';
import type { QueueItem } from './queue';
import { inQueueOrder } from './queue-edit';
import { roomLeft, undoRefused } from './queue-room';
import { undoHistoryOf } from './undo-history';

export { UNDO_LIMIT } from './undo-history';

/** Which action removed the items, for the words of its undo. */
export type RemovalKind = 'remove' | 'remove failed' | 'clear';

export const tracks = (count: number): string => `${formatCount(count)} ${count === 1 ? 'track' : 'tracks'}`;

/** "Undo clear (26 tracks)". */
export const undoLabelOf = (kind: RemovalKind, count: number): string => `Undo ${kind} (${tracks(count)})`;

/** What the toast says was done: "Cleared 26 tracks." */
function doneMessage(kind: RemovalKind, count: number): string {
  if (kind === 'clear') return `Cleared ${tracks(count)}.`;
  return kind === 'remove' ? `Removed ${tracks(count)}.` : `Removed ${formatCount(count)} failed.`;
}

export interface Removed {
  item: QueueItem;
  /** Its index in the queue before the removal. */
  index: number;
}

/** Puts removed items (in ascending index order) back at their old indexes (exactly, if nothing else changed). */
export function reinsert(items: readonly QueueItem[], removed: readonly Removed[]): QueueItem[] {
  const result: QueueItem[] = [];
  let kept = 0;
  let back = 0;
  while (kept < items.length || back < removed.length) {
    const next = removed[back];
    const item = items[kept];
    if (next !== undefined && (next.index <= result.length || item === undefined)) {
      result.push(next.item);
      back++;
    } else if (item !== undefined) {
      result.push(item);
      kept++;
    }
  }
  return result;
}

/** The items `predicate` picks, with their places, and the rest. */
export function splitOut(
  items: readonly QueueItem[],
  predicate: (item: QueueItem) => boolean,
): { removed: Removed[]; kept: QueueItem[] } {
  const removed: Removed[] = [];
  const kept: QueueItem[] = [];
  items.forEach((item, index) => {
    if (predicate(item)) removed.push({ item, index });
    else kept.push(item);
  });
  return { removed, kept };
}

/** Takes the items `predicate` picks out of the queue; `kind` names the action for its undo. */
export type RemoveWhere = (predicate: (item: QueueItem) => boolean, kind: RemovalKind) => void;

export function createRemovals(
  set: StoreApi<AppState>['setState'],
  get: StoreApi<AppState>['getState'],
  store: StoreApi<AppState>,
): RemoveWhere {
  const history = undoHistoryOf(store);

  /** Where the cursor goes when the removal takes the current item: on to the next, if it was playing. */
  function cursorAfterRemoval(gone: ReadonlySet<string>): Partial<AppState> {
    const state = get();
    if (state.currentId === null || !gone.has(state.currentId)) return {};
    const target = state.playing
      ? stepInOrder(state, state.currentId, 1, state.repeat !== 'off', gone)
      : null;
    return { ...cursorTo(state, target), playing: target !== null };
  }

  /**
   * Puts the removed items back, with the selection as it was then. One that would take the queue past its
   * cap puts back nothing and stays undoable: the notice says why.
   */
  function putBack(removed: readonly Removed[], selection: string[], anchorId: string | null): boolean {
    const state = get();
    const present = new Set(state.items.map((item) => item.id));
    const back = removed.filter((r) => !present.has(r.item.id));
    const room = roomLeft(state.queueCap, state.items.length);
    if (back.length > room) {
      set({ notice: undoRefused(back.length, room, state.queueCap) });
      return false;
    }
    const items = reinsert(state.items, back);
    const ids = new Set(items.map((item) => item.id));
    set({
      items,
      selection: inQueueOrder(items, selection),
      anchorId: anchorId !== null && ids.has(anchorId) ? anchorId : null,
      notice: null,
    });
    // Items put back may have been resolved while they were out of the queue.
    get().replayEarly(
      back.map((r) => r.item.id),
      true,
    );
    return true;
  }

  return (predicate, kind) => {
    const state = get();
    const { removed, kept } = splitOut(state.items, predicate);
    if (removed.length === 0) return;
    const gone = new Set(removed.map((r) => r.item.id));
    const cursor = cursorAfterRemoval(gone);
    const { selection, anchorId } = state;
    const step = {
      label: undoLabelOf(kind, removed.length),
      clear: kind === 'clear',
      undo: () => putBack(removed, selection, anchorId),
    };
    set({
      items: kept,
      selection: selection.filter((id) => !gone.has(id)),
      anchorId: anchorId !== null && gone.has(anchorId) ? null : anchorId,
      ...history.push(step, doneMessage(kind, removed.length), 'toast'),
      notice: null,
      ...cursor,
    });
  };
}
