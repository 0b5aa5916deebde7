// What main's resolving events do to the queue: each placeholder replaced by the items it became, and the
// progress line; events for items not in the queue yet are kept until they are.
import type { CloudcueEvent, Entry } from '../../../shared/ipc';
import type { AppState } from './state';
import { insertRandomly } from './order';
import type { Progress, QueueEvent, QueueItem } from './queue';
import { profileCut, tracksCut } from './queue-room';

export type { QueueEvent } from './queue';
export type ResolvedEvent = Extract<CloudcueEvent, { type: 'resolved' }>;

/**
 * Events can overtake the answer that announces their placeholders, and arrive for items taken out of the
 * queue (an undo may bring them back): held until then, at most this many, the oldest let go first.
 */
export const EARLY_EVENTS_MAX = 20_000;

/** The results held for items not in the queue. */
export interface EarlyEvents {
  held: Map<string, ResolvedEvent>;
  /** How many were let go: an item put back after that may have lost its result, and is asked for again. */
  dropped: number;
}

export function fromEntry(entry: Entry, startSeconds: number): QueueItem {
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

type ProgressEvent = Extract<QueueEvent, { type: 'progress' }>;

const withFinished = (p: Omit<Progress, 'finished'>): Progress => ({
  ...p,
  finished: p.resolved + p.failed >= p.total,
});

/** One more link of the batch done: the line keeps up with the rows instead of main's throttled count. */
function counted(progress: Progress, failed: boolean): Progress {
  return withFinished({
    ...progress,
    resolved: progress.resolved + (failed ? 0 : 1),
    failed: progress.failed + (failed ? 1 : 0),
  });
}

/** Whether `batchId` is (a part of) the paste the line is about. */
const ofPaste = (progress: Progress | null, batchId: string): progress is Progress =>
  progress !== null && (progress.batchId === batchId || progress.batches?.has(batchId) === true);

/** Main's count, which may lag behind the rows already counted here: never moves the line back. */
function progressAfter(progress: Progress | null, event: ProgressEvent): Progress {
  // A paste in parts is counted row by row here: main's count is of one part.
  if (progress?.batches?.has(event.batchId) === true) return progress;
  const { type: _type, ...next } = event;
  if (progress?.batchId !== event.batchId) return withFinished(next);
  return withFinished({
    ...next,
    resolved: Math.max(next.resolved, progress.resolved),
    failed: Math.max(next.failed, progress.failed),
  });
}

/**
 * The update `events` make to `state` (null: none). Resolved events for unknown items are held in `early`
 * (placeholders announced late, removed meanwhile, or another window's). A set that would take the queue
 * past `cap` items adds the tracks that fit, in its order, and the notice says how many of how many.
 */
export function applyQueueEvents(
  state: AppState,
  events: readonly QueueEvent[],
  early: EarlyEvents,
  random: () => number,
  cap: number,
): Partial<AppState> | null {
  let progress = state.progress;
  let length = state.items.length;
  let kept = 0;
  let offered = 0;
  /** A profile (or its likes, reposts…) that filled the cap in Settings: it may have had more. */
  let atProfileCap: string | null = null;
  const profileCap = state.settings?.userTrackCap;
  const positions = new Map(state.items.map((item, index) => [item.id, index]));
  /** Placeholder id → the items it became. */
  const replaced = new Map<string, QueueItem[]>();
  for (const event of events) {
    if (event.type === 'progress') {
      progress = progressAfter(progress, event);
      continue;
    }
    const index = positions.get(event.itemId);
    const placeholder = index === undefined ? undefined : state.items[index];
    if (placeholder === undefined) {
      if (early.held.size >= EARLY_EVENTS_MAX) {
        early.held.delete(early.held.keys().next().value ?? '');
        early.dropped += 1;
      }
      early.held.set(event.itemId, event);
      continue;
    }
    if (ofPaste(progress, event.batchId) && !replaced.has(placeholder.id)) {
      progress = counted(progress, event.entries.length > 0 && event.entries.every((e) => !e.ok));
    }
    // A single track (or a short link to one) keeps the #t= offset it was pasted with.
    const single =
      (placeholder.kind === 'track' || placeholder.kind === 'short') && event.entries.length === 1;
    const start = single ? placeholder.startSeconds : 0;
    if (
      (placeholder.kind === 'user' || placeholder.kind === 'list') &&
      profileCap !== undefined &&
      event.entries.length >= profileCap
    ) {
      atProfileCap = profileCut(event.entries.length, placeholder.link);
    }
    // The placeholder's own place counts: a set always keeps at least its first track.
    const fits = Math.max(1, cap - length + 1);
    const entries = event.entries.length > fits ? event.entries.slice(0, fits) : event.entries;
    if (entries !== event.entries) {
      kept += entries.length;
      offered += event.entries.length;
    }
    if (!replaced.has(placeholder.id)) length += entries.length - 1;
    replaced.set(
      placeholder.id,
      entries.map((entry) => fromEntry(entry, start)),
    );
  }
  const told = [offered > 0 ? tracksCut(kept, offered, cap) : null, atProfileCap].filter((n) => n !== null);
  const cut = told.length > 0 ? { notice: told.join(' ') } : {};
  if (replaced.size === 0) return progress === state.progress ? null : { progress };
  const idsOf = (id: string): string[] | undefined => replaced.get(id)?.map((item) => item.id);
  const newIds = [...replaced.values()].flat().map((item) => item.id);
  const anchor = state.anchorId === null ? null : idsOf(state.anchorId);
  return {
    progress,
    ...cut,
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
  };
}
