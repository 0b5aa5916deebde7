// Playing as soon as something can play: links added to be played (a cloudcue://play link, `cloudcue --play`,
// a Shift+drop on the window), and Play pressed while the queue is still resolving. Each wait ends by itself.
import type { AppStore } from './state';
import { isPlayable, stepInOrder } from './order';

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

/**
 * Play was pressed with nothing playable yet but items still resolving: the intent is kept (`startWhenReady`,
 * which the Play button shows) and the first item in play order that can play starts as soon as one can.
 * Pausing (or a Play of something else) drops the intent, and so does the last item failing: each failed item
 * keeps its reason, and nothing starts later by surprise.
 */
export function startWhenReady(store: AppStore): void {
  if (store.getState().startWhenReady) return;
  store.setState({ startWhenReady: true });
  const unsubscribe = store.subscribe((state, previous) => {
    if (!state.startWhenReady) return unsubscribe();
    if (state.items === previous.items && state.shuffleOrder === previous.shuffleOrder) return;
    if (stepInOrder(state, null, 1, false) !== null) {
      unsubscribe();
      state.play();
    } else if (!state.items.some((item) => item.status === 'resolving')) {
      unsubscribe();
      store.setState({ startWhenReady: false });
    }
  });
}
