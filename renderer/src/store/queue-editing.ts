// What the listener does to the queue: selection, reordering (drag, Alt+↑/↓, play next), and removal with
// undo.
import type { StateCreator } from 'zustand';
import type { AppState, EditingSlice } from './state';
import { moveAfter, playOrder } from './order';
import type { QueueItem } from './queue';
import { inQueueOrder, movedTo, sameOrder, selectionAfter, stepUp } from './queue-edit';
import { createRemovals } from './queue-undo';

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
