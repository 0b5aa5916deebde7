// Ctrl/Cmd+C with rows selected copies their links, one per line: a private track's keeps its secret token,
// so it opens for whoever it is shared with.
import { useEffect } from 'react';
import { isTextField } from '../keyboard';
import { useStoreApi } from './useStoreApi';

export function useCopyLinks(): void {
  const store = useStoreApi();
  useEffect(() => {
    const onCopy = (event: ClipboardEvent) => {
      if (event.defaultPrevented || isTextField(event.target)) return;
      // Text the user selected on the page is copied as such.
      if ((document.getSelection()?.toString() ?? '') !== '') return;
      const { items, selection } = store.getState();
      if (selection.length === 0) return;
      const chosen = new Set(selection);
      const links = items
        .filter((item) => chosen.has(item.id))
        .map((item) => item.track?.permalink ?? item.link);
      event.clipboardData?.setData('text/plain', links.join('\n'));
      event.preventDefault();
    };
    document.addEventListener('copy', onCopy);
    return () => document.removeEventListener('copy', onCopy);
  }, [store]);
}
