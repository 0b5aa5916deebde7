// The stretch of the queue that dnd-kit sorts: the rendered rows and a margin, not all of a long queue.

/**
 * The span moves in steps of this many rows, so that scrolling changes it about once every few hundred rows
 * (each change re-renders the rows in view once), while no row in view ever falls outside it.
 */
export const SORTABLE_STEP = 256;

/**
 * The indexes [start, end) of the items given to dnd-kit's sortable context, for rendered rows `first` to
 * `last` (the dragged row among them) of `count`. Every sortable row copies the context's items from its
 * own place to the end, so sorting 10,000 ids would copy thousands of them for each row scrolled into view.
 */
export function sortableSpan(
  first: number,
  last: number,
  count: number,
  step = SORTABLE_STEP,
): { start: number; end: number } {
  // Both ends follow the first row, so they move together: a step before it to two after it, which holds a
  // screenful; a dragged row further down (auto-scroll left it behind) stretches the end to it.
  const base = Math.floor(first / step);
  const start = Math.max(0, (base - 1) * step);
  const end = Math.min(count, Math.max(base + 2, Math.floor(last / step) + 1) * step);
  return { start, end };
}
