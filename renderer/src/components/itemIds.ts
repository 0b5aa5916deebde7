// The queue's ids in order, as one array that stays the same while only items' contents change.
import type { QueueItem } from '../store/queue';

/**
 * A function from the items to their ids that gives its last array again while the ids are the same. A link
 * resolving replaces its item but keeps its id: the list's sortable context and the virtualizer's offsets,
 * which depend on the ids alone, then stay as they are, and only the rows whose item changed render again
 * (rather than every row in view at every resolved burst of a large paste).
 */
export function keepIds(): (items: readonly QueueItem[]) => string[] {
  let last: string[] = [];
  // The items last asked about, so that asking again about the same array (every render) costs nothing.
  let seen: readonly QueueItem[] | null = null;
  return (items) => {
    if (items === seen) return last;
    seen = items;
    const next = items.map((item) => item.id);
    if (next.length !== last.length || next.some((id, index) => id !== last[index])) last = next;
    return last;
  };
}
