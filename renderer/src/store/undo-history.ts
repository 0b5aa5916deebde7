// The window's one undo history, most recent first: the queue's removals and the playlists' actions alike.
// Each step knows how to take its action back; Ctrl/Cmd+Z, the toolbar's Undo and the toast's Undo all undo
// the latest step, whichever list it changed, and only the latest action's toast shows.
import type { StoreApi } from 'zustand';
import type { Toast } from './notices';
import type { AppState } from './state';

/**
 * How many steps can be undone. The oldest step goes without a word: nothing is lost by it, only an undo 20
 * actions back, which Undo (naming the latest) never offered.
 */
export const UNDO_LIMIT = 20;

export interface UndoStep {
  /** What Undo says it undoes: "Undo clear (26 tracks)". */
  label: string;
  /** Takes the action back; false when it cannot now (the step stays, and the step's notice says why). */
  undo(): boolean;
  /** A clear of the queue: a cleared queue is never merged back into newer items, so new items forget it. */
  clear?: boolean;
}

/** The fields the history keeps up to date: what Undo would undo, and the toasts. */
type UndoFields = Pick<AppState, 'canUndo' | 'undoLabel' | 'toast' | 'playlistToast'>;

export interface UndoHistory {
  /** Remembers a step; returns the change to set with the action: the labels, and its toast in `where`. */
  push(step: UndoStep, message: string, where: 'toast' | 'playlistToast'): UndoFields;
  /** Undoes the latest step. */
  undo(): void;
  /** New items came in: the queue's clears can no longer be undone. The change to set, or null. */
  forgetClears(): Partial<AppState> | null;
}

function createUndoHistory(store: StoreApi<AppState>): UndoHistory {
  const steps: { step: UndoStep; serial: number }[] = [];
  let serial = 0;

  function labels(): Pick<AppState, 'canUndo' | 'undoLabel'> {
    const last = steps.at(-1)?.step;
    return { canUndo: last !== undefined, undoLabel: last?.label ?? null };
  }

  return {
    push(step, message, where) {
      serial += 1;
      steps.push({ step, serial });
      if (steps.length > UNDO_LIMIT) steps.shift();
      const toast: Toast = { serial, message, undoLabel: step.label };
      // One toast at a time: its Undo is the latest step's, as Ctrl/Cmd+Z is.
      return {
        ...labels(),
        toast: where === 'toast' ? toast : null,
        playlistToast: where === 'playlistToast' ? toast : null,
      };
    },

    undo() {
      const last = steps.pop();
      if (last === undefined) return;
      if (!last.step.undo()) {
        steps.push(last);
        return;
      }
      store.setState({ ...labels(), toast: null, playlistToast: null });
    },

    forgetClears() {
      const gone = new Set(steps.filter(({ step }) => step.clear === true).map((kept) => kept.serial));
      if (gone.size === 0) return null;
      steps.splice(0, steps.length, ...steps.filter((kept) => !gone.has(kept.serial)));
      const { toast, playlistToast } = store.getState();
      return {
        ...labels(),
        ...(toast !== null && gone.has(toast.serial) ? { toast: null } : {}),
        ...(playlistToast !== null && gone.has(playlistToast.serial) ? { playlistToast: null } : {}),
      };
    },
  };
}

const histories = new WeakMap<StoreApi<AppState>, UndoHistory>();

/** The store's one history, which every slice that makes an undoable change shares. */
export function undoHistoryOf(store: StoreApi<AppState>): UndoHistory {
  let history = histories.get(store);
  if (history === undefined) {
    history = createUndoHistory(store);
    histories.set(store, history);
  }
  return history;
}
