// The play order, pure: which item plays after which (shuffled or not), the cursor, and the current item.
import type { AppState } from './state';
import type { QueueItem } from './queue';
import { blockedReason } from './verdicts';

/** Further into a track than this, "previous" restarts it instead of going back. */
export const RESTART_THRESHOLD_SECONDS = 3;

/** Resolved, and not a track the resolver already knows cannot play (skipped by next, previous and auto-advance). */
export const isPlayable = (item: QueueItem): boolean =>
  item.status === 'ready' && blockedReason(item.track) === null;

/** The item under the cursor, if the cursor is on one that is still in the queue. */
export function currentItem(state: Pick<AppState, 'items' | 'currentId'>): QueueItem | undefined {
  const { currentId } = state;
  return currentId === null ? undefined : state.items.find((item) => item.id === currentId);
}

type OrderState = Pick<AppState, 'items' | 'shuffle' | 'shuffleOrder'>;

/**
 * The order tracks play in: the queue's, or the shuffled one. Ids the shuffled order no longer knows are
 * skipped (removed items stay in it so an undo puts them back in place); items it does not know yet come
 * last, so nothing in the queue is ever unreachable.
 */
export function playOrder(state: OrderState): string[] {
  const ids = state.items.map((item) => item.id);
  if (!state.shuffle) return ids;
  const present = new Set(ids);
  const order = state.shuffleOrder.filter((id) => present.has(id));
  const known = new Set(order);
  return [...order, ...ids.filter((id) => !known.has(id))];
}

/**
 * The next (direction 1) or previous (-1) playable item in play order from `fromId` (null: from before the
 * first), skipping `skip`; `wrap` goes round the end, and may come back to `fromId` itself.
 */
export function stepInOrder(
  state: OrderState,
  fromId: string | null,
  direction: 1 | -1,
  wrap: boolean,
  skip: ReadonlySet<string> = new Set(),
): string | null {
  const order = playOrder(state);
  const byId = new Map(state.items.map((item) => [item.id, item]));
  const usable = (id: string): boolean => {
    const item = byId.get(id);
    return item !== undefined && isPlayable(item) && !skip.has(id);
  };
  const n = order.length;
  const start = fromId === null ? -1 : order.indexOf(fromId);
  for (let i = 1; i <= n; i++) {
    let index = start + direction * i;
    if (index < 0 || index >= n) {
      if (!wrap) return null;
      index = ((index % n) + n) % n;
    }
    const id = order[index];
    if (id !== undefined && usable(id)) return id;
  }
  return null;
}

/** The state change that moves the cursor to `id`; a restored position only holds for the item it was saved with. */
export function cursorTo(
  state: Pick<AppState, 'currentId' | 'restoredPosition'>,
  id: string | null,
): Pick<AppState, 'currentId' | 'restoredPosition'> {
  return { currentId: id, restoredPosition: id === state.currentId ? state.restoredPosition : 0 };
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const result = [...values];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = result[i];
    const b = result[j];
    if (a === undefined || b === undefined) continue;
    result[i] = b;
    result[j] = a;
  }
  return result;
}

/** A new shuffled play order of `ids` that starts with the current item, so what plays goes on playing. */
export function shuffleAround(
  ids: readonly string[],
  currentId: string | null,
  random: () => number,
): string[] {
  const rest = shuffled(
    ids.filter((id) => id !== currentId),
    random,
  );
  return currentId !== null && ids.includes(currentId) ? [currentId, ...rest] : rest;
}

/**
 * Puts `newIds` at random places in the part of `order` still to come (after `afterId`), keeping the order
 * of what was already planned: a paste while shuffled is shuffled in too, not tacked on at the end.
 */
export function insertRandomly(
  order: readonly string[],
  newIds: readonly string[],
  afterId: string | null,
  random: () => number,
): string[] {
  const from = afterId === null ? 0 : order.indexOf(afterId) + 1;
  const upcoming = order.length - from;
  // Each new id gets a slot between the upcoming ids; merging by slot is linear, unlike repeated splices.
  const slots = shuffled(newIds, random)
    .map((id) => ({ id, slot: Math.floor(random() * (upcoming + 1)) }))
    .sort((a, b) => a.slot - b.slot);
  const result = order.slice(0, from);
  let next = 0;
  for (let i = 0; i <= upcoming; i++) {
    for (let s = slots[next]; s?.slot === i; s = slots[++next]) result.push(s.id);
    const id = order[from + i];
    if (id !== undefined) result.push(id);
  }
  return result;
}

/** `order` with `ids` (in their order) moved right after `afterId`, or to the front when it is null. */
export function moveAfter(
  order: readonly string[],
  ids: readonly string[],
  afterId: string | null,
): string[] {
  const moving = new Set(ids);
  const rest = order.filter((id) => !moving.has(id));
  const at = afterId === null ? 0 : rest.indexOf(afterId) + 1;
  return [...rest.slice(0, at), ...ids, ...rest.slice(at)];
}
