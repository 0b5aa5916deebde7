// Where rows go in the queue list: a dragged block's landing place, and the row that takes the focus after a removal.
import type { QueueItem } from '../store/queue';

/** Where a block of `ids` lands when dropped on `overId`: after it when moving down, before it when up. */
export function dropIndex(
  items: readonly QueueItem[],
  ids: readonly string[],
  activeId: string,
  overId: string,
) {
  const moving = new Set(ids);
  const rest = items.filter((item) => !moving.has(item.id));
  const overRest = rest.findIndex((item) => item.id === overId);
  const from = items.findIndex((item) => item.id === activeId);
  const to = items.findIndex((item) => item.id === overId);
  return to > from ? overRest + 1 : overRest;
}

/** The row to focus after `removed` disappear: the next one that stays, else the previous one. */
export function survivorAfter(items: readonly QueueItem[], index: number, removed: ReadonlySet<string>) {
  for (let i = index; i < items.length; i++) {
    const item = items[i];
    if (item && !removed.has(item.id)) return item.id;
  }
  for (let i = index - 1; i >= 0; i--) {
    const item = items[i];
    if (item && !removed.has(item.id)) return item.id;
  }
  return null;
}
