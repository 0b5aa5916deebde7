// A paste into a long queue brings the rows it added into view, so the listener sees them arrive.
import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect } from 'react';
import { useAppStore } from '../store/context';
import { useStoreApi } from './useStoreApi';

export function useScrollToAdded(virtualizer: Virtualizer<HTMLDivElement, Element>): void {
  const store = useStoreApi();
  const justAdded = useAppStore((s) => s.justAdded);
  useEffect(() => {
    if (justAdded === null) return;
    const index = store.getState().items.findIndex((item) => justAdded.ids.has(item.id));
    // Only the list scrolls: the focus stays where the keyboard left it.
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [justAdded, store, virtualizer]);
}
