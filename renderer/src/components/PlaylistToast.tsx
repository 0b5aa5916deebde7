// The toast after a playlist is deleted or played, with the Undo that takes it back (as the queue's Toast).
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/context';
import { UndoToast } from './Toast';

export function PlaylistToast() {
  const { toast, undo, dismiss } = useAppStore(
    useShallow((s) => ({
      toast: s.playlistToast,
      undo: s.undoPlaylistAction,
      dismiss: s.dismissPlaylistToast,
    })),
  );
  return <UndoToast toast={toast} undo={undo} dismiss={dismiss} className="playlist-toast" />;
}
