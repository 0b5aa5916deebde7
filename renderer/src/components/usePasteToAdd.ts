// Ctrl/Cmd+V anywhere outside a text field adds the links on the clipboard.
import { useEffect } from 'react';
import { isTextField } from '../keyboard';
import { useStoreApi } from './useStoreApi';

export function usePasteToAdd(): void {
  const store = useStoreApi();
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (event.defaultPrevented || isTextField(event.target)) return;
      if (event.target instanceof Element && event.target.closest('dialog')) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (text.trim() === '') return;
      event.preventDefault();
      // With a playlist open (the queue out of view), the links go to that playlist.
      const { openPlaylistId, addText, addTextToPlaylist } = store.getState();
      void (openPlaylistId === null ? addText(text) : addTextToPlaylist(openPlaylistId, text));
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [store]);
}
