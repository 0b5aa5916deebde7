// The note in the player bar while a long track plays from where the listener left it: "Resumed at
// 1:02:13 · Start over". It goes after a few seconds of playing, when the track changes, or on Start over.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { formatDuration } from '../format';
import { resumeNote, type ResumeNote as Note, type ResumeNoteSource } from '../player/resume-note';
import { useAppStore } from '../store/context';
import './ResumeNote.css';

/** How long the note stays while its track plays (a paused track keeps it until it plays). */
export const RESUME_NOTE_MS = 10_000;

export function ResumeNote({ source = resumeNote }: { source?: ResumeNoteSource }) {
  const note = useSyncExternalStore(source.subscribe, source.get, source.get);
  const currentId = useAppStore((s) => s.currentId);
  const playing = useAppStore((s) => s.playing);
  const [shownLongEnough, setShownLongEnough] = useState<Note | null>(null);
  useEffect(() => {
    if (note === null || !playing) return;
    const timer = setTimeout(() => setShownLongEnough(note), RESUME_NOTE_MS);
    return () => clearTimeout(timer);
  }, [note, playing]);
  if (note === null || note.itemId !== currentId || shownLongEnough === note) return null;
  return (
    <div className="resume-note-anchor">
      <p className="resume-note" role="status">
        Resumed at {formatDuration(note.seconds * 1000)}
        <span aria-hidden="true">·</span>
        <button type="button" onClick={note.startOver}>
          Start over
        </button>
      </p>
    </div>
  );
}
