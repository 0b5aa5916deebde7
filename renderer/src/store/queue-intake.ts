// What comes into the queue: placeholders in paste order at once, filled in (or expanded, for sets and
// profiles) as main resolves them; a failure stays on its item with its reason and can be retried.
import pLimit from 'p-limit';
import type { StateCreator } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { CloudcueApi, Placeholder } from '../../../shared/ipc';
import type { AppState, IntakeSlice } from './state';
import { addedMessage } from './notices';
import { insertRandomly } from './order';
import type { QueueItem } from './queue';
import { canRetry } from './queue-edit';
import { applyQueueEvents, type EarlyEvents, type ResolvedEvent } from './queue-events';
import { linksCut, partRefused, pasteParts, queueFull, roomLeft } from './queue-room';

/**
 * Retries asked of main at once. Each is answered at once (results come as events), but a burst of hundreds
 * (every item a bot check failed, retried when its pause ends) would queue a stream grant asked meanwhile
 * behind all of them: main's IPC and the web bridge's connections serve calls in order.
 */
const RETRY_CALLS_AT_ONCE = 4;

/** `api` answers every call with `{ ok }` (see bordered() in api.ts). */
export function createIntakeSlice(
  api: CloudcueApi,
  random: () => number,
  queueCap: number,
): StateCreator<AppState, [], [], IntakeSlice> {
  /** Events can overtake the answer that announces their placeholders: held here until it arrives. */
  const early: EarlyEvents = { held: new Map(), dropped: 0 };
  const inTurn = pLimit(RETRY_CALLS_AT_ONCE);

  return (set, get) => {
    /** New ids shuffled into the part of the play order still to come. */
    function shuffleIn(ids: readonly string[]): Partial<AppState> {
      const state = get();
      if (!state.shuffle) return {};
      return { shuffleOrder: insertRandomly(state.shuffleOrder, ids, state.currentId, random) };
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
          const result = await inTurn(() => api.retry({ itemId: item.id, link: item.link }));
          if (!result.ok) get().itemFailed(item.id, result.error);
        }),
      );
    }

    /** Items put back that may have lost their result: resolved anew (main shares work still under way). */
    async function askAgain(ids: ReadonlySet<string>): Promise<void> {
      const waiting = get().items.filter((item) => ids.has(item.id) && item.status === 'resolving');
      await Promise.all(
        waiting.map(async (item) => {
          const result = await inTurn(() => api.retry({ itemId: item.id, link: item.link }));
          if (!result.ok) get().itemFailed(item.id, result.error);
        }),
      );
    }

    return {
      items: [],
      queueCap,
      notice: null,
      notAdded: null,
      progress: null,
      justAdded: null,

      dismissJustAdded() {
        if (get().justAdded !== null) set({ justAdded: null });
      },

      dismissProgress(batchId) {
        const { progress } = get();
        if (progress?.batchId === batchId && progress.finished) set({ progress: null });
      },

      async addText(text) {
        const room = roomLeft(queueCap, get().items.length);
        if (room === 0) {
          set({ notice: queueFull(queueCap), notAdded: null });
          return 0;
        }
        // Only what can be added is sent (main resolves nothing that would not fit), in parts main takes.
        const parts = pasteParts(text, room);
        const placeholders: Placeholder[] = [];
        const batches: string[] = [];
        let refusal: AppError | null = null;
        for (const part of parts.texts) {
          const answer = await api.addLinks({ text: part });
          if (!answer.ok) {
            refusal = answer.error;
            break;
          }
          placeholders.push(...answer.value.items);
          batches.push(answer.value.batchId);
        }
        const [batchId] = batches;
        if (batchId === undefined) {
          set({ notice: refusal?.message ?? queueFull(queueCap), notAdded: null });
          return 0;
        }
        // Other items may have come in while main answered (a set filling in): cut again to the room now.
        const fits = roomLeft(queueCap, get().items.length);
        const added: QueueItem[] = placeholders.slice(0, fits).map((p) => ({
          id: p.itemId,
          link: p.link,
          kind: p.kind,
          startSeconds: p.startSeconds,
          ...(p.error === null
            ? { status: 'resolving' as const }
            : { status: 'error' as const, error: p.error }),
        }));
        if (added.length === 0) {
          set({ notice: queueFull(queueCap), notAdded: null });
          return 0;
        }
        const unsent = parts.texts.slice(batches.length);
        const left = [...placeholders.slice(fits).map((p) => p.link), ...unsent, ...parts.left];
        const found = Math.max(parts.found ?? 0, placeholders.length);
        const notice =
          refusal !== null
            ? partRefused(added.length, found, refusal.message)
            : added.length < found
              ? linksCut(added.length, found, queueCap)
              : null;
        const ids = added.map((item) => item.id);
        const refused = added.filter((item) => item.status === 'error').length;
        set((state) => ({
          items: [...state.items, ...added],
          notice,
          notAdded: left.length > 0 ? left.join('\n') : null,
          // The line shows at once, for one link too; main's events move it on from here.
          progress: {
            batchId,
            ...(batches.length > 1 ? { batches: new Set(batches) } : {}),
            resolved: 0,
            failed: refused,
            total: added.length,
            finished: refused === added.length,
          },
          justAdded: { ids: new Set(ids), message: addedMessage(added.length, state.items.length) },
          ...shuffleIn(ids),
        }));
        get().forgetClears();
        get().replayEarly(ids);
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

      receiveAll(events) {
        const update = applyQueueEvents(get(), events, early, random, queueCap);
        if (update !== null) set(update);
      },

      replayEarly(ids, putBack = false) {
        const events: ResolvedEvent[] = [];
        const unheard = new Set<string>();
        for (const id of ids) {
          const event = early.held.get(id);
          if (event === undefined) {
            unheard.add(id);
            continue;
          }
          early.held.delete(id);
          events.push(event);
        }
        if (events.length > 0) get().receiveAll(events);
        // Without its result an item put back would show "resolving" forever: main is asked again.
        if (putBack && early.dropped > 0) void askAgain(unheard);
      },
    };
  };
}
