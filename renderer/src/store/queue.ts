// The queue: placeholders in paste order at once, filled in (or expanded, for sets and profiles) as main
// resolves them; a failure stays on its item with its reason and can be retried; selection, reordering,
// removal with undo.
import type { StateCreator } from 'zustand';
import { appError, type AppError } from '../../../shared/errors';
import type { CloudcueApi, CloudcueEvent, Entry, LinkKind, Track } from '../../../shared/ipc';
import type { AppState } from './index';
import { cursorTo, insertRandomly, moveAfter, playOrder, stepInOrder } from './playback';

export type ItemStatus = 'resolving' | 'ready' | 'error';

export interface QueueItem {
  id: string;
  /** The link this item came from (a track's permalink once resolved). */
  link: string;
  kind: LinkKind | null;
  startSeconds: number;
  status: ItemStatus;
  track?: Track;
  error?: AppError;
}

export interface Progress {
  batchId: string;
  resolved: number;
  failed: number;
  total: number;
}

export type SelectMode = 'replace' | 'toggle' | 'range';

export interface QueueSlice {
  items: QueueItem[];
  /** A message about the last paste, shown beside the paste box. */
  notice: string | null;
  /** The latest paste that is still resolving, for "resolving 37 of 120". */
  progress: Progress | null;
  /** Selected ids, in queue order. */
  selection: string[];
  /** Where a range selection (Shift+click) starts. */
  anchorId: string | null;
  canUndo: boolean;
  /** Adds every SoundCloud link in `text`; resolves to how many items were added (0: see `notice`). */
  addText(text: string): Promise<number>;
  retry(id: string): Promise<void>;
  itemFailed(id: string, error: AppError): void;
  /** Applies an event from main. */
  receive(event: CloudcueEvent): void;
  /** Applies a burst of events from main at once: one update of the queue, however many arrived. */
  receiveAll(events: readonly CloudcueEvent[]): void;
  /** 'replace': click; 'toggle': Ctrl/Cmd+click; 'range': Shift+click, from the anchor. */
  select(id: string, mode: SelectMode): void;
  selectAll(): void;
  clearSelection(): void;
  remove(ids: readonly string[]): void;
  removeFailed(): void;
  clear(): void;
  /** Puts back what the last remove, removeFailed or clear took away. */
  undo(): void;
  /** Drag and drop: the items keep their relative order and the first lands at `toIndex` of the result. */
  move(ids: readonly string[], toIndex: number): void;
  /** Alt+↑/↓: one step; a block already at the edge stays put. */
  moveBy(ids: readonly string[], delta: -1 | 1): void;
  /** Moves the items right after the current one (to the top when nothing is current). */
  playNext(ids: readonly string[]): void;
}

/** How many removals can be undone. */
export const UNDO_LIMIT = 20;

/** Events can overtake the answer that announces their placeholders: hold them until it arrives. */
const EARLY_EVENTS_MAX = 20_000;

export const lostContact = (): AppError => appError('NETWORK', 'Lost contact with Cloudcue. Try again.');

interface Removed {
  item: QueueItem;
  /** Its index in the queue before the removal. */
  index: number;
}

interface UndoStep {
  /** In ascending index order. */
  removed: Removed[];
  selection: string[];
  anchorId: string | null;
  /** Set when the removal moved the cursor off a removed item. */
  cursor: { before: string; after: string | null } | null;
}

type ResolvedEvent = Extract<CloudcueEvent, { type: 'resolved' }>;

function fromEntry(entry: Entry, startSeconds: number): QueueItem {
  if (entry.ok) {
    return {
      id: entry.itemId,
      link: entry.track.permalink,
      kind: 'track',
      startSeconds,
      status: 'ready',
      track: entry.track,
    };
  }
  return {
    id: entry.itemId,
    link: entry.label,
    kind: null,
    startSeconds: 0,
    status: 'error',
    error: entry.error,
  };
}

/** `ids` that are in the queue, in queue order. */
function inQueueOrder(items: readonly QueueItem[], ids: Iterable<string>): string[] {
  const wanted = new Set(ids);
  return items.filter((item) => wanted.has(item.id)).map((item) => item.id);
}

/** Puts removed items back at their old indexes (exactly, if nothing else changed meanwhile). */
function reinsert(items: readonly QueueItem[], removed: readonly Removed[]): QueueItem[] {
  const result: QueueItem[] = [];
  let kept = 0;
  let back = 0;
  while (kept < items.length || back < removed.length) {
    const next = removed[back];
    const item = items[kept];
    if (next !== undefined && (next.index <= result.length || item === undefined)) {
      result.push(next.item);
      back++;
    } else if (item !== undefined) {
      result.push(item);
      kept++;
    }
  }
  return result;
}

/** One Alt+↑ (delta -1) step; an item moves only into a place no other selected item is stuck in. */
function stepUp(items: readonly QueueItem[], moving: ReadonlySet<string>): QueueItem[] {
  const result = [...items];
  for (let i = 1; i < result.length; i++) {
    const item = result[i];
    const before = result[i - 1];
    if (item === undefined || before === undefined) continue;
    if (!moving.has(item.id) || moving.has(before.id)) continue;
    result[i - 1] = item;
    result[i] = before;
  }
  return result;
}

/** What undo needs to put back after `removed` left `state`, the cursor moving as `cursor` says. */
function undoStep(state: AppState, removed: Removed[], cursor: Partial<AppState>): UndoStep {
  const before = state.currentId;
  const after = cursor.currentId;
  return {
    removed,
    selection: state.selection,
    anchorId: state.anchorId,
    cursor: before !== null && after !== undefined ? { before, after } : null,
  };
}

const sameOrder = (a: readonly QueueItem[], b: readonly QueueItem[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

export function createQueueSlice(
  api: CloudcueApi,
  random: () => number,
): StateCreator<AppState, [], [], QueueSlice> {
  const early = new Map<string, ResolvedEvent>();
  const history: UndoStep[] = [];

  return (set, get) => {
    /** Applies events that arrived before these items were in the queue (announced late, or undone). */
    function replayEarly(ids: readonly string[]): void {
      const events: ResolvedEvent[] = [];
      for (const id of ids) {
        const event = early.get(id);
        if (event === undefined) continue;
        early.delete(id);
        events.push(event);
      }
      if (events.length > 0) get().receiveAll(events);
    }

    /** New ids shuffled into the part of the play order still to come. */
    function shuffleIn(ids: readonly string[], without?: string): Partial<AppState> {
      const state = get();
      if (!state.shuffle) return {};
      const order =
        without === undefined ? state.shuffleOrder : state.shuffleOrder.filter((id) => id !== without);
      return { shuffleOrder: insertRandomly(order, ids, state.currentId, random) };
    }

    /** Where the cursor goes when the removal takes the current item: on to the next, if it was playing. */
    function cursorAfterRemoval(gone: ReadonlySet<string>): Partial<AppState> {
      const state = get();
      if (state.currentId === null || !gone.has(state.currentId)) return {};
      const target = state.playing
        ? stepInOrder(state, state.currentId, 1, state.repeat !== 'off', gone)
        : null;
      return { ...cursorTo(state, target), playing: target !== null };
    }

    function removeWhere(predicate: (item: QueueItem) => boolean): void {
      const state = get();
      const removed: Removed[] = [];
      const kept: QueueItem[] = [];
      state.items.forEach((item, index) => {
        if (predicate(item)) removed.push({ item, index });
        else kept.push(item);
      });
      if (removed.length === 0) return;
      const gone = new Set(removed.map((r) => r.item.id));
      const cursor = cursorAfterRemoval(gone);
      history.push(undoStep(state, removed, cursor));
      if (history.length > UNDO_LIMIT) history.shift();
      set({
        items: kept,
        selection: state.selection.filter((id) => !gone.has(id)),
        anchorId: state.anchorId !== null && gone.has(state.anchorId) ? null : state.anchorId,
        canUndo: true,
        ...cursor,
      });
    }

    /** The cursor as before the step, unless the listener has moved it since. */
    function cursorForUndo(step: UndoStep, present: ReadonlySet<string>): Partial<AppState> {
      const state = get();
      if (step.cursor === null || state.currentId !== step.cursor.after) return {};
      return present.has(step.cursor.before) ? cursorTo(state, step.cursor.before) : {};
    }

    function reorder(items: QueueItem[]): void {
      if (sameOrder(items, get().items)) return;
      set((state) => ({ items, selection: inQueueOrder(items, state.selection) }));
    }

    return {
      items: [],
      notice: null,
      progress: null,
      selection: [],
      anchorId: null,
      canUndo: false,

      async addText(text) {
        const result = await api.addLinks({ text }).catch(() => null);
        if (result === null || !result.ok) {
          set({ notice: result?.error.message ?? lostContact().message });
          return 0;
        }
        const added: QueueItem[] = result.value.items.map((p) => ({
          id: p.itemId,
          link: p.link,
          kind: p.kind,
          startSeconds: p.startSeconds,
          ...(p.error === null
            ? { status: 'resolving' as const }
            : { status: 'error' as const, error: p.error }),
        }));
        const ids = added.map((item) => item.id);
        set((state) => ({ items: [...state.items, ...added], notice: null, ...shuffleIn(ids) }));
        replayEarly(ids);
        return added.length;
      },

      async retry(id) {
        const item = get().items.find((i) => i.id === id);
        if (item?.status !== 'error') return;
        set((state) => ({
          items: state.items.map((i) => {
            if (i.id !== id) return i;
            const { error: _error, ...rest } = i;
            return { ...rest, status: 'resolving' as const };
          }),
        }));
        const result = await api.retry({ itemId: id, link: item.link }).catch(() => null);
        if (result === null || !result.ok) get().itemFailed(id, result?.error ?? lostContact());
      },

      itemFailed(id, error) {
        // A track that failed to play keeps its title, artist and artwork beside the reason.
        set((state) => ({
          items: state.items.map((item) =>
            item.id === id ? { ...item, status: 'error' as const, error } : item,
          ),
        }));
      },

      receive(event) {
        get().receiveAll([event]);
      },

      receiveAll(events) {
        const state = get();
        let progress = state.progress;
        const positions = new Map(state.items.map((item, index) => [item.id, index]));
        /** Placeholder id → the items it became. */
        const replaced = new Map<string, QueueItem[]>();
        for (const event of events) {
          if (event.type === 'progress') {
            const finished = event.resolved + event.failed >= event.total;
            if (!finished) {
              const { type: _type, ...next } = event;
              progress = next;
            } else if (progress?.batchId === event.batchId) progress = null;
            continue;
          }
          const index = positions.get(event.itemId);
          const placeholder = index === undefined ? undefined : state.items[index];
          if (placeholder === undefined) {
            // Not announced yet (or removed meanwhile, or another window's): keep it for a while.
            if (early.size >= EARLY_EVENTS_MAX) early.delete(early.keys().next().value ?? '');
            early.set(event.itemId, event);
            continue;
          }
          // A single track (or a short link to one) keeps the #t= offset it was pasted with.
          const single =
            (placeholder.kind === 'track' || placeholder.kind === 'short') && event.entries.length === 1;
          const start = single ? placeholder.startSeconds : 0;
          replaced.set(
            placeholder.id,
            event.entries.map((entry) => fromEntry(entry, start)),
          );
        }
        if (replaced.size === 0) {
          if (progress !== state.progress) set({ progress });
          return;
        }
        const idsOf = (id: string): string[] | undefined => replaced.get(id)?.map((item) => item.id);
        const newIds = [...replaced.values()].flat().map((item) => item.id);
        const anchor = state.anchorId === null ? null : idsOf(state.anchorId);
        set({
          progress,
          items: state.items.flatMap((item) => replaced.get(item.id) ?? [item]),
          // A selected placeholder stays selected as the tracks it became.
          selection: state.selection.flatMap((id) => idsOf(id) ?? [id]),
          anchorId: anchor === undefined || anchor === null ? state.anchorId : (anchor[0] ?? null),
          ...(state.shuffle
            ? {
                shuffleOrder: insertRandomly(
                  state.shuffleOrder.filter((id) => !replaced.has(id)),
                  newIds,
                  state.currentId,
                  random,
                ),
              }
            : {}),
        });
      },

      select(id, mode) {
        const { items, selection, anchorId } = get();
        const index = items.findIndex((item) => item.id === id);
        if (index < 0) return;
        const anchorIndex = items.findIndex((item) => item.id === anchorId);
        if (mode === 'toggle') {
          const next = selection.includes(id)
            ? selection.filter((s) => s !== id)
            : inQueueOrder(items, [...selection, id]);
          set({ selection: next, anchorId: id });
        } else if (mode === 'range' && anchorIndex >= 0) {
          const [from, to] = anchorIndex <= index ? [anchorIndex, index] : [index, anchorIndex];
          set({ selection: items.slice(from, to + 1).map((item) => item.id) });
        } else {
          // 'replace', and a range with no anchor to start from.
          set({ selection: [id], anchorId: id });
        }
      },

      selectAll() {
        set((state) => ({ selection: state.items.map((item) => item.id) }));
      },

      clearSelection() {
        set({ selection: [], anchorId: null });
      },

      remove(ids) {
        const gone = new Set(ids);
        removeWhere((item) => gone.has(item.id));
      },

      removeFailed() {
        removeWhere((item) => item.status === 'error');
      },

      clear() {
        removeWhere(() => true);
      },

      undo() {
        const step = history.pop();
        if (step === undefined) return;
        const state = get();
        const present = new Set(state.items.map((item) => item.id));
        const back = step.removed.filter((r) => !present.has(r.item.id));
        const items = reinsert(state.items, back);
        const ids = new Set(items.map((item) => item.id));
        set({
          items,
          selection: inQueueOrder(items, step.selection),
          anchorId: step.anchorId !== null && ids.has(step.anchorId) ? step.anchorId : null,
          canUndo: history.length > 0,
          ...cursorForUndo(step, ids),
        });
        replayEarly(back.map((r) => r.item.id));
      },

      move(ids, toIndex) {
        const { items } = get();
        const moving = new Set(ids);
        const picked = items.filter((item) => moving.has(item.id));
        if (picked.length === 0) return;
        const rest = items.filter((item) => !moving.has(item.id));
        const at = Math.min(rest.length, Math.max(0, Math.trunc(toIndex) || 0));
        reorder([...rest.slice(0, at), ...picked, ...rest.slice(at)]);
      },

      moveBy(ids, delta) {
        const moving = new Set(ids);
        const { items } = get();
        // Moving down is moving up in the reversed list.
        const moved = delta < 0 ? stepUp(items, moving) : stepUp([...items].reverse(), moving).reverse();
        reorder(moved);
      },

      playNext(ids) {
        const state = get();
        const moving = new Set(ids);
        if (state.currentId !== null) moving.delete(state.currentId);
        const picked = state.items.filter((item) => moving.has(item.id));
        if (picked.length === 0) return;
        const rest = state.items.filter((item) => !moving.has(item.id));
        const at = rest.findIndex((item) => item.id === state.currentId) + 1;
        reorder([...rest.slice(0, at), ...picked, ...rest.slice(at)]);
        // While shuffled the play order is not the queue's: they must come next in it too.
        if (state.shuffle) {
          const pickedIds = picked.map((item) => item.id);
          set({ shuffleOrder: moveAfter(playOrder(state), pickedIds, state.currentId) });
        }
      },
    };
  };
}
