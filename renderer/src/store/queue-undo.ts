// Removal with undo: what remove, removeFailed and clear take out of the queue, and how undo puts it back
// (at the same places, with the selection and the cursor as they were).
import type { StoreApi } from 'zustand';
import type { AppState } from './index';
import { cursorTo, stepInOrder } from './playback';
import type { QueueItem } from './queue';
import { inQueueOrder } from './queue-edit';

/** How many removals can be undone. */
export const UNDO_LIMIT = 20;

interface Removed {
  item: QueueItem;
  /** Its index in the queue before the removal. */
  index: number;
}

interface UndoStep {
  /** In ascending index order. */
  removed: Removed[];
  selection: string[];
  anchorId: string | null;
  /** Set when the removal moved the cursor off a removed item. */
  cursor: { before: string; after: string | null } | null;
}

/** Puts removed items back at their old indexes (exactly, if nothing else changed meanwhile). */
function reinsert(items: readonly QueueItem[], removed: readonly Removed[]): QueueItem[] {
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

/** What undo needs to put back after `removed` left `state`, the cursor moving as `cursor` says. */
function undoStep(state: AppState, removed: Removed[], cursor: Partial<AppState>): UndoStep {
  const before = state.currentId;
  const after = cursor.currentId;
  return {
    removed,
    selection: state.selection,
    anchorId: state.anchorId,
    cursor: before !== null && after !== undefined ? { before, after } : null,
  };
}

export interface Removals {
  removeWhere(predicate: (item: QueueItem) => boolean): void;
  /** Undoes the last removal; returns the ids put back. */
  undo(): string[];
}

export function createRemovals(
  set: StoreApi<AppState>['setState'],
  get: StoreApi<AppState>['getState'],
): Removals {
  const history: UndoStep[] = [];

  /** Where the cursor goes when the removal takes the current item: on to the next, if it was playing. */
  function cursorAfterRemoval(gone: ReadonlySet<string>): Partial<AppState> {
    const state = get();
    if (state.currentId === null || !gone.has(state.currentId)) return {};
    const target = state.playing
      ? stepInOrder(state, state.currentId, 1, state.repeat !== 'off', gone)
      : null;
    return { ...cursorTo(state, target), playing: target !== null };
  }

  /** The cursor as before the step, unless the listener has moved it since. */
  function cursorForUndo(step: UndoStep, present: ReadonlySet<string>): Partial<AppState> {
    const state = get();
    if (step.cursor === null || state.currentId !== step.cursor.after) return {};
    return present.has(step.cursor.before) ? cursorTo(state, step.cursor.before) : {};
  }

  return {
    removeWhere(predicate) {
      const state = get();
      const removed: Removed[] = [];
      const kept: QueueItem[] = [];
      state.items.forEach((item, index) => {
        if (predicate(item)) removed.push({ item, index });
        else kept.push(item);
      });
      if (removed.length === 0) return;
      const gone = new Set(removed.map((r) => r.item.id));
      const cursor = cursorAfterRemoval(gone);
      history.push(undoStep(state, removed, cursor));
      if (history.length > UNDO_LIMIT) history.shift();
      set({
        items: kept,
        selection: state.selection.filter((id) => !gone.has(id)),
        anchorId: state.anchorId !== null && gone.has(state.anchorId) ? null : state.anchorId,
        canUndo: true,
        ...cursor,
      });
    },

    undo() {
      const step = history.pop();
      if (step === undefined) return [];
      const state = get();
      const present = new Set(state.items.map((item) => item.id));
      const back = step.removed.filter((r) => !present.has(r.item.id));
      const items = reinsert(state.items, back);
      const ids = new Set(items.map((item) => item.id));
      set({
        items,
        selection: inQueueOrder(items, step.selection),
        anchorId: step.anchorId !== null && ids.has(step.anchorId) ? step.anchorId : null,
        canUndo: history.length > 0,
        ...cursorForUndo(step, ids),
      });
      return back.map((r) => r.item.id);
    },
  };
}
