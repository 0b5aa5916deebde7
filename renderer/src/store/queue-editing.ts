// What the listener does to the queue: selection, reordering (drag, Alt+↑/↓, play next), and removal with
// undo (the window's one undo history, which the playlists' actions share).
import type { StateCreator } from 'zustand';
import type { AppState, EditingSlice } from './state';
import { listEditing } from './list-editing';
import { moveAfter, playOrder } from './order';
import { movedTo } from './queue-edit';
import { createRemovals } from './queue-undo';
import { undoHistoryOf } from './undo-history';

export const createEditingSlice: StateCreator<AppState, [], [], EditingSlice> = (set, get, store) => {
  const removeWhere = createRemovals(set, get, store);
  const history = undoHistoryOf(store);
  const { reorder, ...gestures } = listEditing(get, set);

  return {
    selection: [],
    anchorId: null,
    canUndo: false,
    undoLabel: null,
    toast: null,
    ...gestures,

    dismissToast(serial) {
      if (get().toast?.serial === serial) set({ toast: null });
    },

    remove(ids) {
      const gone = new Set(ids);
      removeWhere((item) => gone.has(item.id), 'remove');
    },

    removeFailed() {
      removeWhere((item) => item.status === 'error', 'remove failed');
    },

    clear() {
      removeWhere(() => true, 'clear');
    },

    undo() {
      history.undo();
    },

    forgetClears() {
      const update = history.forgetClears();
      if (update !== null) set(update);
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
