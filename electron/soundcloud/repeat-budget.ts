// Requests a piece of work repeats on its own (a body cut short fetched again, another stream asked after a
// preview answered) are spent from the budget of the work that started them: a stream grant's, per track.
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<() => boolean>();

/** Runs `work`; each repeat inside it asks `spend` first, and is not made when it says no. */
export function withRepeatBudget<T>(spend: () => boolean, work: () => Promise<T>): Promise<T> {
  return scope.run(spend, work);
}

/** Whether the work under way may send its request once more (always, outside a budget). */
export function mayRepeat(): boolean {
  return scope.getStore()?.() ?? true;
}
