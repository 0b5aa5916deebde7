// The gestures a list of items shares, the queue's and an open playlist's alike: selection (click, Ctrl/Cmd+
// click, Shift+click, select all) and reordering (drag, Alt+↑/↓), on whatever list `read` and `write` name.
import type { QueueItem } from './queue';
import { inQueueOrder, movedTo, sameOrder, selectionAfter, stepUp } from './queue-edit';
import type { ListEditing } from './state';

export type { ListEditing } from './state';

/** A list as its gestures see it: its items, the selected ids (in list order) and the range's anchor. */
export interface EditableList {
  items: readonly QueueItem[];
  selection: string[];
  anchorId: string | null;
}

/** Puts `items` in the list's place, with the selection kept in their new order; nothing when unchanged. */
export type Reorder = (items: QueueItem[]) => void;

export function listEditing(
  read: () => EditableList,
  write: (change: Partial<{ items: QueueItem[]; selection: string[]; anchorId: string | null }>) => void,
): ListEditing & { reorder: Reorder } {
  const reorder: Reorder = (items) => {
    if (sameOrder(items, read().items)) return;
    write({ items, selection: inQueueOrder(items, read().selection) });
  };

  return {
    reorder,

    select(id, mode) {
      const update = selectionAfter(read(), id, mode);
      if (update !== null) write(update);
    },

    selectAll() {
      write({ selection: read().items.map((item) => item.id) });
    },

    clearSelection() {
      write({ selection: [], anchorId: null });
    },

    move(ids, toIndex) {
      const moved = movedTo(read().items, new Set(ids), toIndex);
      if (moved !== null) reorder(moved.items);
    },

    moveBy(ids, delta) {
      const moving = new Set(ids);
      const { items } = read();
      // Moving down is moving up in the reversed list.
      reorder(delta < 0 ? stepUp(items, moving) : stepUp([...items].reverse(), moving).reverse());
    },
  };
}
