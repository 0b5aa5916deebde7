// Removal with undo: what remove, removeFailed and clear take out of the queue, and how undo puts it back
// (at the same places, with the selection as it was; playback is never moved by an undo). Each removal is
// announced by a short-lived toast that names what its undo would undo.
import { formatCount } from '../format';
import type { StoreApi } from 'zustand';
import type { AppState } from './state';
import { cursorTo, stepInOrder } from './order';
import type { Toast } from './notices';
import type { QueueItem } from './queue';
import { inQueueOrder } from './queue-edit';
import { roomLeft, undoRefused } from './queue-room';

/**
 * How many removals can be undone. The oldest step goes without a word: nothing in the queue is lost by
 * it, only an undo 20 removals back, which Undo (naming the latest) never offered.
 */
export const UNDO_LIMIT = 20;

/** Which action removed the items, for the words of its undo. */
export type RemovalKind = 'remove' | 'remove failed' | 'clear';

const tracks = (count: number): string => `${formatCount(count)} ${count === 1 ? 'track' : 'tracks'}`;

/** "Undo clear (26 tracks)". */
export const undoLabelOf = (kind: RemovalKind, count: number): string => `Undo ${kind} (${tracks(count)})`;

/** What the toast says was done: "Cleared 26 tracks." */
function doneMessage(kind: RemovalKind, count: number): string {
  if (kind === 'clear') return `Cleared ${tracks(count)}.`;
  return kind === 'remove' ? `Removed ${tracks(count)}.` : `Removed ${formatCount(count)} failed.`;
}

interface Removed {
  item: QueueItem;
  /** Its index in the queue before the removal. */
  index: number;
}

interface UndoStep {
  kind: RemovalKind;
  /** In ascending index order. */
  removed: Removed[];
  selection: string[];
  anchorId: string | null;
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

export interface Removals {
  removeWhere(predicate: (item: QueueItem) => boolean, kind: RemovalKind): void;
  /**
   * Undoes the last removal; returns the ids put back. One that would take the queue past its cap puts back
   * nothing and stays undoable: the notice says why.
   */
  undo(): string[];
  /**
   * New items came in: a cleared queue is never merged back into the newer one, so clears can no longer
   * be undone. Returns the state change (the undo label), or an empty one.
   */
  forgetClears(): Partial<AppState>;
}

export function createRemovals(
  set: StoreApi<AppState>['setState'],
  get: StoreApi<AppState>['getState'],
): Removals {
  const history: UndoStep[] = [];
  let toastSerial = 0;

  /** canUndo and the label of what Undo would undo now. */
  function undoState(): Pick<AppState, 'canUndo' | 'undoLabel'> {
    const last = history[history.length - 1];
    return {
      canUndo: last !== undefined,
      undoLabel: last === undefined ? null : undoLabelOf(last.kind, last.removed.length),
    };
  }

  function toastFor(step: UndoStep): Toast {
    toastSerial += 1;
    return {
      serial: toastSerial,
      message: doneMessage(step.kind, step.removed.length),
      undoLabel: undoLabelOf(step.kind, step.removed.length),
    };
  }

  /** Where the cursor goes when the removal takes the current item: on to the next, if it was playing. */
  function cursorAfterRemoval(gone: ReadonlySet<string>): Partial<AppState> {
    const state = get();
    if (state.currentId === null || !gone.has(state.currentId)) return {};
    const target = state.playing
      ? stepInOrder(state, state.currentId, 1, state.repeat !== 'off', gone)
      : null;
    return { ...cursorTo(state, target), playing: target !== null };
  }

  return {
    removeWhere(predicate, kind) {
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
      const step: UndoStep = { kind, removed, selection: state.selection, anchorId: state.anchorId };
      history.push(step);
      if (history.length > UNDO_LIMIT) history.shift();
      set({
        items: kept,
        selection: state.selection.filter((id) => !gone.has(id)),
        anchorId: state.anchorId !== null && gone.has(state.anchorId) ? null : state.anchorId,
        ...undoState(),
        toast: toastFor(step),
        notice: null,
        ...cursor,
      });
    },

    undo() {
      const step = history.pop();
      if (step === undefined) return [];
      const state = get();
      const present = new Set(state.items.map((item) => item.id));
      const back = step.removed.filter((r) => !present.has(r.item.id));
      const room = roomLeft(state.queueCap, state.items.length);
      if (back.length > room) {
        history.push(step);
        set({ notice: undoRefused(back.length, room, state.queueCap) });
        return [];
      }
      const items = reinsert(state.items, back);
      const ids = new Set(items.map((item) => item.id));
      set({
        items,
        selection: inQueueOrder(items, step.selection),
        anchorId: step.anchorId !== null && ids.has(step.anchorId) ? step.anchorId : null,
        ...undoState(),
        toast: null,
        notice: null,
      });
      return back.map((r) => r.item.id);
    },

    forgetClears() {
      const kept = history.filter((step) => step.kind !== 'clear');
      if (kept.length === history.length) return {};
      history.splice(0, history.length, ...kept);
      const toast = get().toast;
      return { ...undoState(), ...(toast?.undoLabel.startsWith('Undo clear') ? { toast: null } : {}) };
    },
  };
}
