// Pure list operations on the queue (no store): queue order, moves, selection, and which failures a retry may fix.
import type { AppState } from './state';
import type { QueueItem, SelectMode } from './queue';
import { isFinal } from './verdicts';

/** Errors that a second try may fix (a refused link, a geo-block or a removed track never will). */
export const canRetry = (item: QueueItem): boolean => item.status === 'error' && !isFinal(item.error);

/** `ids` that are in the queue, in queue order. */
export function inQueueOrder(items: readonly QueueItem[], ids: Iterable<string>): string[] {
  const wanted = new Set(ids);
  return items.filter((item) => wanted.has(item.id)).map((item) => item.id);
}

/** One Alt+↑ (delta -1) step; an item moves only into a place no other selected item is stuck in. */
export function stepUp(items: readonly QueueItem[], moving: ReadonlySet<string>): QueueItem[] {
  const result = [...items];
  for (let i = 1; i < result.length; i++) {
    const item = result[i];
    const before = result[i - 1];
    if (item === undefined || before === undefined) continue;
    if (!moving.has(item.id) || moving.has(before.id)) continue;
    result[i - 1] = item;
    result[i] = before;
  }
  return result;
}

export const sameOrder = (a: readonly QueueItem[], b: readonly QueueItem[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/** The selection after a click on `id` ('replace'), Ctrl/Cmd+click ('toggle') or Shift+click ('range'). */
export function selectionAfter(
  state: { items: readonly QueueItem[]; selection: readonly string[]; anchorId: string | null },
  id: string,
  mode: SelectMode,
): (Pick<AppState, 'selection'> & Partial<Pick<AppState, 'anchorId'>>) | null {
  const { items, selection, anchorId } = state;
  const index = items.findIndex((item) => item.id === id);
  if (index < 0) return null;
  const anchorIndex = items.findIndex((item) => item.id === anchorId);
  if (mode === 'toggle') {
    const next = selection.includes(id)
      ? selection.filter((s) => s !== id)
      : inQueueOrder(items, [...selection, id]);
    return { selection: next, anchorId: id };
  }
  if (mode === 'range' && anchorIndex >= 0) {
    const [from, to] = anchorIndex <= index ? [anchorIndex, index] : [index, anchorIndex];
    return { selection: items.slice(from, to + 1).map((item) => item.id) };
  }
  // 'replace', and a range with no anchor to start from.
  return { selection: [id], anchorId: id };
}

/**
 * The queue with the `moving` items (in their relative order) taken out and put back at `toIndex` of the
 * rest; null when none of them is in the queue.
 */
export function movedTo(
  items: readonly QueueItem[],
  moving: ReadonlySet<string>,
  toIndex: number,
): { items: QueueItem[]; picked: QueueItem[] } | null {
  const picked = items.filter((item) => moving.has(item.id));
  if (picked.length === 0) return null;
  const rest = items.filter((item) => !moving.has(item.id));
  const at = Math.min(rest.length, Math.max(0, Math.trunc(toIndex) || 0));
  return { items: [...rest.slice(0, at), ...picked, ...rest.slice(at)], picked };
}
