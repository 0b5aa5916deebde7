// A short-lived message after a removal, with the Undo that names what it undoes ("Undo clear (26 tracks)").
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/context';

/** How long the toast shows; Undo stays in the toolbar afterwards. */
export const TOAST_MS = 8_000;

export function Toast() {
  const { toast, undo, dismissToast } = useAppStore(
    useShallow((s) => ({ toast: s.toast, undo: s.undo, dismissToast: s.dismissToast })),
  );
  const serial = toast?.serial ?? null;
  useEffect(() => {
    if (serial === null) return undefined;
    const timer = setTimeout(() => dismissToast(serial), TOAST_MS);
    return () => clearTimeout(timer);
  }, [serial, dismissToast]);
  if (toast === null) return null;
  return (
    <div className="toast" role="status">
      <span>{toast.message}</span>
      <button type="button" onClick={undo}>
        {toast.undoLabel}
      </button>
      <button
        type="button"
        className="toast-close"
        aria-label="Dismiss"
        onClick={() => dismissToast(toast.serial)}
      >
        ×
      </button>
    </div>
  );
}
