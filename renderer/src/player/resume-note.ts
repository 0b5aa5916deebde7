// The "Resumed at 1:02:13 · Start over" note's state: set by the engine when a long track starts where the
// listener left it, cleared when it is left, and read by the player bar (ResumeNote.tsx).

export interface ResumeNote {
  /** The queue item whose playthrough resumed. */
  itemId: string;
  /** Where it resumed, in seconds. */
  seconds: number;
  /** Back to the start, with the remembered position forgotten. */
  startOver(): void;
}

export interface ResumeNoteSource {
  get(): ResumeNote | null;
  set(next: ResumeNote | null): void;
  subscribe(listener: () => void): () => void;
}

export function createResumeNoteSource(): ResumeNoteSource {
  let current: ResumeNote | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(next) {
      if (next === current) return;
      current = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The window's note. */
export const resumeNote = createResumeNoteSource();
