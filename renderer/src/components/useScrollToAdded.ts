// A paste into a long queue brings the rows it added into view, so the listener sees them arrive.
import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/context';
import type { QueueItem } from '../store/queue';

/**
 * Scrolls to the first of the rows just added once the list renders them: `rendered` is the items the list
 * shows, which follow the store's a deferred render behind (a scroll to an index the virtualizer does not
 * count yet would stop short). Each paste scrolls once, so scrolling away while it resolves stays put.
 */
export function useScrollToAdded(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  rendered: readonly QueueItem[],
): void {
  const justAdded = useAppStore((s) => s.justAdded);
  const scrolledFor = useRef<unknown>(null);
  useEffect(() => {
    if (justAdded === null || scrolledFor.current === justAdded) return;
    const index = rendered.findIndex((item) => justAdded.ids.has(item.id));
    if (index < 0) return;
    scrolledFor.current = justAdded;
    // Only the list scrolls: the focus stays where the keyboard left it.
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [justAdded, rendered, virtualizer]);
}
