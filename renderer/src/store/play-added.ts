// Adding links and playing the first of them as soon as it can play: a cloudcue://play link, `cloudcue --play`,
// a Shift+drop on the window. Links are added as a paste adds them; the wait for the first ends by itself.
import type { AppStore } from './state';
import { isPlayable } from './order';

/**
 * Plays the first item added since `before` (the queue's ids then), in queue order, once it is ready: a set's
 * first track, and past an item that failed to the next one. The wait ends when something plays, when none of
 * them can, or when the listener moves the cursor meanwhile (their choice wins).
 */
export function playFirstAdded(store: AppStore, before: ReadonlySet<string>): void {
  const cursorAtStart = store.getState().currentId;

  /** True once there is nothing more to wait for. */
  const settle = (): boolean => {
    const state = store.getState();
    if (state.currentId !== cursorAtStart) return true;
    for (const item of state.items) {
      if (before.has(item.id)) continue;
      if (item.status === 'resolving') return false;
      if (isPlayable(item)) {
        state.play(item.id);
        return true;
      }
    }
    return true;
  };

  if (settle()) return;
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.items === previous.items && state.currentId === previous.currentId) return;
    if (settle()) unsubscribe();
  });
}

/** Adds the links in `text` as a paste does and, with `play`, plays the first of them once it can. */
export async function addLinks(store: AppStore, text: string, play: boolean): Promise<number> {
  const before = new Set(store.getState().items.map((item) => item.id));
  const added = await store.getState().addText(text);
  if (play && added > 0) playFirstAdded(store, before);
  return added;
}
