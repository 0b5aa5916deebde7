// What the listener does to the queue: selection, reordering (drag, Alt+↑/↓, play next), and removal with
// undo.
import type { StateCreator } from 'zustand';
import type { AppState } from './index';
import type { Toast } from './notices';
import { moveAfter, playOrder } from './order';
import type { QueueItem, SelectMode } from './queue';
import { inQueueOrder, movedTo, sameOrder, selectionAfter, stepUp } from './queue-edit';
import { createRemovals } from './queue-undo';

export interface EditingSlice {
  /** Selected ids, in queue order. */
  selection: string[];
  /** Where a range selection (Shift+click) starts. */
  anchorId: string | null;
  canUndo: boolean;
  /** What Undo would undo ("Undo clear (26 tracks)"), or null. */
  undoLabel: string | null;
  toast: Toast | null;
  dismissToast(serial: number): void;
  /** 'replace': click; 'toggle': Ctrl/Cmd+click; 'range': Shift+click, from the anchor. */
  select(id: string, mode: SelectMode): void;
  selectAll(): void;
  clearSelection(): void;
  remove(ids: readonly string[]): void;
  removeFailed(): void;
  clear(): void;
  /** Puts back what the last remove, removeFailed or clear took away. */
  undo(): void;
  /** New items came in: a cleared queue is never merged back into the newer one, so clears leave the undo. */
  forgetClears(): void;
  /** Drag and drop: the items keep their relative order and the first lands at `toIndex` of the result. */
  move(ids: readonly string[], toIndex: number): void;
  /** Alt+↑/↓: one step; a block already at the edge stays put. */
  moveBy(ids: readonly string[], delta: -1 | 1): void;
  /** Moves the items right after the current one (to the top when nothing is current). */
  playNext(ids: readonly string[]): void;
}

export const createEditingSlice: StateCreator<AppState, [], [], EditingSlice> = (set, get) => {
  const removals = createRemovals(set, get);

  function reorder(items: QueueItem[]): void {
    if (sameOrder(items, get().items)) return;
    set((state) => ({ items, selection: inQueueOrder(items, state.selection) }));
  }

  return {
    selection: [],
    anchorId: null,
    canUndo: false,
    undoLabel: null,
    toast: null,

    dismissToast(serial) {
      if (get().toast?.serial === serial) set({ toast: null });
    },

    select(id, mode) {
      const update = selectionAfter(get(), id, mode);
      if (update !== null) set(update);
    },

    selectAll() {
      set((state) => ({ selection: state.items.map((item) => item.id) }));
    },

    clearSelection() {
      set({ selection: [], anchorId: null });
    },

    remove(ids) {
      const gone = new Set(ids);
      removals.removeWhere((item) => gone.has(item.id), 'remove');
    },

    removeFailed() {
      removals.removeWhere((item) => item.status === 'error', 'remove failed');
    },

    clear() {
      removals.removeWhere(() => true, 'clear');
    },

    undo() {
      // Items put back may have been resolved while they were out of the queue.
      get().replayEarly(removals.undo(), true);
    },

    forgetClears() {
      const update = removals.forgetClears();
      if (Object.keys(update).length > 0) set(update);
    },

    move(ids, toIndex) {
      const moved = movedTo(get().items, new Set(ids), toIndex);
      if (moved !== null) reorder(moved.items);
    },

    moveBy(ids, delta) {
      const moving = new Set(ids);
      const { items } = get();
      // Moving down is moving up in the reversed list.
      const moved = delta < 0 ? stepUp(items, moving) : stepUp([...items].reverse(), moving).reverse();
      reorder(moved);
    },

    playNext(ids) {
      const state = get();
      const moving = new Set(ids);
      if (state.currentId !== null) moving.delete(state.currentId);
      const at = state.items
        .filter((item) => !moving.has(item.id))
        .findIndex((item) => item.id === state.currentId);
      const moved = movedTo(state.items, moving, at + 1);
      if (moved === null) return;
      reorder(moved.items);
      // While shuffled the play order is not the queue's: they must come next in it too.
      if (state.shuffle) {
        const pickedIds = moved.picked.map((item) => item.id);
        set({ shuffleOrder: moveAfter(playOrder(state), pickedIds, state.currentId) });
      }
    },
  };
};
