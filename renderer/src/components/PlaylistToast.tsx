// The toast after a playlist is deleted or played, with the Undo that takes it back (as the queue's Toast).
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/context';
import { TOAST_MS } from './Toast';

export function PlaylistToast() {
  const { toast, undo, dismiss } = useAppStore(
    useShallow((s) => ({
      toast: s.playlistToast,
      undo: s.undoPlaylistAction,
      dismiss: s.dismissPlaylistToast,
    })),
  );
  const serial = toast?.serial ?? null;
  useEffect(() => {
    if (serial === null) return undefined;
    const timer = setTimeout(() => dismiss(serial), TOAST_MS);
    return () => clearTimeout(timer);
  }, [serial, dismiss]);
  if (toast === null) return null;
  return (
    <div className="toast playlist-toast" role="status">
      <span>{toast.message}</span>
      <button type="button" onClick={undo}>
        {toast.undoLabel}
      </button>
      <button
        type="button"
        className="toast-close"
        aria-label="Dismiss"
        onClick={() => dismiss(toast.serial)}
      >
        ×
      </button>
    </div>
  );
}
