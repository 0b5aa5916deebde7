// The queue: placeholders in paste order at once, filled in (or expanded, for sets and profiles) as main
// resolves them; a failure stays on its item with its reason and can be retried; selection, reordering,
// removal with undo.
import type { StateCreator } from 'zustand';
import type { AppError, ErrorCode } from '../../../shared/errors';
import type { CloudcueApi, LinkKind, Track } from '../../../shared/ipc';
import type { AppState } from './index';
import { insertRandomly, moveAfter, playOrder } from './order';
import { canRetry, inQueueOrder, movedTo, sameOrder, selectionAfter, stepUp } from './queue-edit';
import { applyQueueEvents, type QueueEvent, type ResolvedEvent } from './queue-events';
import { createRemovals } from './queue-undo';
import { addedMessage, type JustAdded, type Toast } from './notices';

export type { JustAdded, Toast } from './notices';

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
  /** Added by "keep playing when the queue ends": the group it came in, removable at once. */
  group?: { id: string; label: string };
}

export interface Progress {
  batchId: string;
  resolved: number;
  failed: number;
  total: number;
  /** Every link of the batch is done: the line shows the final count a moment longer, then goes. */
  finished: boolean;
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
  /** What Undo would undo ("Undo clear (26 tracks)"), or null. */
  undoLabel: string | null;
  toast: Toast | null;
  justAdded: JustAdded | null;
  dismissToast(serial: number): void;
  dismissJustAdded(): void;
  /** Hides a finished batch's progress line. */
  dismissProgress(batchId: string): void;
  /** Adds every SoundCloud link in `text`; resolves to how many items were added (0: see `notice`). */
  addText(text: string): Promise<number>;
  retry(id: string): Promise<void>;
  /** Retries every failed item a second try may fix (all but refused links); only those with `code` if given. */
  retryFailed(code?: ErrorCode): Promise<void>;
  itemFailed(id: string, error: AppError): void;
  /** Applies an event from main. */
  receive(event: QueueEvent): void;
  /** Applies a burst of events from main at once: one update of the queue, however many arrived. */
  receiveAll(events: readonly QueueEvent[]): void;
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

export { UNDO_LIMIT } from './queue-undo';

// Kept while the engine moves its import to '../api'.
export { lostContact } from '../api';

export function createQueueSlice(
  api: CloudcueApi,
  random: () => number,
): StateCreator<AppState, [], [], QueueSlice> {
  const early = new Map<string, ResolvedEvent>();

  return (set, get) => {
    const removals = createRemovals(set, get);

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

    /** Marks the failed items among `ids` as resolving (in one update) and asks main to try them again. */
    async function retryItems(ids: readonly string[]): Promise<void> {
      const wanted = new Set(ids);
      const retried = get().items.filter((item) => wanted.has(item.id) && item.status === 'error');
      if (retried.length === 0) return;
      const again = new Set(retried.map((item) => item.id));
      set((state) => ({
        notice: null,
        items: state.items.map((i) => {
          if (!again.has(i.id)) return i;
          const { error: _error, ...rest } = i;
          return { ...rest, status: 'resolving' as const };
        }),
      }));
      await Promise.all(
        retried.map(async (item) => {
          const result = await api.retry({ itemId: item.id, link: item.link });
          if (!result.ok) get().itemFailed(item.id, result.error);
        }),
      );
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
      undoLabel: null,
      toast: null,
      justAdded: null,

      dismissToast(serial) {
        if (get().toast?.serial === serial) set({ toast: null });
      },

      dismissJustAdded() {
        if (get().justAdded !== null) set({ justAdded: null });
      },

      dismissProgress(batchId) {
        const { progress } = get();
        if (progress?.batchId === batchId && progress.finished) set({ progress: null });
      },

      async addText(text) {
        const result = await api.addLinks({ text });
        if (!result.ok) {
          set({ notice: result.error.message });
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
        const refused = added.filter((item) => item.status === 'error').length;
        const { batchId } = result.value;
        set((state) => ({
          items: [...state.items, ...added],
          notice: null,
          // The line shows at once, for one link too; main's events move it on from here.
          progress: {
            batchId,
            resolved: 0,
            failed: refused,
            total: added.length,
            finished: refused === added.length,
          },
          justAdded: { ids: new Set(ids), message: addedMessage(added.length, state.items.length) },
          ...removals.forgetClears(),
          ...shuffleIn(ids),
        }));
        replayEarly(ids);
        return added.length;
      },

      retry: (id) => retryItems([id]),

      retryFailed: (code) =>
        retryItems(
          get()
            .items.filter((item) => canRetry(item) && (code === undefined || item.error?.code === code))
            .map((item) => item.id),
        ),

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
        const update = applyQueueEvents(get(), events, early, random);
        if (update !== null) set(update);
      },

      select(id, mode) {
        const update = selectionAfter(get(), id, mode);
        if (update !== null) set(update);
      },

      selectAll() {
        set((state) => ({ selection: state.items.map((item) => item.id) }));
      },

      clearSelection() {
        set({ selection: [], anchorId: null });
      },

      remove(ids) {
        const gone = new Set(ids);
        removals.removeWhere((item) => gone.has(item.id), 'remove');
      },

      removeFailed() {
        removals.removeWhere((item) => item.status === 'error', 'remove failed');
      },

      clear() {
        removals.removeWhere(() => true, 'clear');
      },

      undo() {
        replayEarly(removals.undo());
      },

      move(ids, toIndex) {
        const moved = movedTo(get().items, new Set(ids), toIndex);
        if (moved !== null) reorder(moved.items);
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
        const at = state.items
          .filter((item) => !moving.has(item.id))
          .findIndex((item) => item.id === state.currentId);
        const moved = movedTo(state.items, moving, at + 1);
        if (moved === null) return;
        reorder(moved.items);
        const picked = moved.picked;
        // While shuffled the play order is not the queue's: they must come next in it too.
        if (state.shuffle) {
          const pickedIds = picked.map((item) => item.id);
          set({ shuffleOrder: moveAfter(playOrder(state), pickedIds, state.currentId) });
        }
      },
    };
  };
}
