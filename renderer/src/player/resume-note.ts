// The "Resumed at 1:02:13 · Start over" note's state: set by the engine when a long track starts where the
// listener left it, cleared when it is left, and read by the player bar (ResumeNote.tsx).
import { createSignal, type Signal } from '../audio/signal';

export interface ResumeNote {
  /** The queue item whose playthrough resumed. */
  itemId: string;
  /** Where it resumed, in seconds. */
  seconds: number;
  /** Back to the start, with the remembered position forgotten. */
  startOver(): void;
}

export type ResumeNoteSource = Signal<ResumeNote | null>;

export const createResumeNoteSource = (): ResumeNoteSource => createSignal<ResumeNote | null>(null);

/** The window's note. */
export const resumeNote = createResumeNoteSource();
