// A short-lived message after a removal, with the Undo that names what it undoes ("Undo clear (26 tracks)").
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/context';

/** How long the toast shows; Undo stays in the toolbar afterwards. */
export const TOAST_MS = 8_000;

interface UndoToastProps {
  toast: { serial: number; message: string; undoLabel: string } | null;
  undo: () => void;
  dismiss: (serial: number) => void;
  className?: string;
}

/** The toast itself, for any store action that can be undone: it dismisses itself after TOAST_MS. */
export function UndoToast({ toast, undo, dismiss, className }: UndoToastProps) {
  const serial = toast?.serial ?? null;
  useEffect(() => {
    if (serial === null) return undefined;
    const timer = setTimeout(() => dismiss(serial), TOAST_MS);
    return () => clearTimeout(timer);
  }, [serial, dismiss]);
  if (toast === null) return null;
  return (
    <div className={className === undefined ? 'toast' : `toast ${className}`} role="status">
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

/** The queue's toast. */
export function Toast() {
  const { toast, undo, dismiss } = useAppStore(
    useShallow((s) => ({ toast: s.toast, undo: s.undo, dismiss: s.dismissToast })),
  );
  return <UndoToast toast={toast} undo={undo} dismiss={dismiss} />;
}
