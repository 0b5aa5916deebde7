// The queue: placeholders in paste order at once, filled in (or expanded, for sets and profiles) as main
// resolves them; a failure stays on its item with its reason and can be retried.
import type { StateCreator } from 'zustand';
import { appError, type AppError } from '../../../shared/errors';
import type { CloudcueApi, CloudcueEvent, Entry, LinkKind, Track } from '../../../shared/ipc';
import type { AppState } from './index';

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

export interface QueueSlice {
  items: QueueItem[];
  /** A message about the last paste, shown beside the paste box. */
  notice: string | null;
  /** The latest paste that is still resolving, for "resolving 37 of 120". */
  progress: Progress | null;
  /** Adds every SoundCloud link in `text`; resolves to how many items were added (0: see `notice`). */
  addText(text: string): Promise<number>;
  retry(id: string): Promise<void>;
  itemFailed(id: string, error: AppError): void;
  /** Applies an event from main. */
  receive(event: CloudcueEvent): void;
}

const lostContact = (): AppError => appError('NETWORK', 'Lost contact with Cloudcue. Try again.');

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

/** Events can overtake the answer that announces their placeholders: hold them until it arrives. */
const EARLY_EVENTS_MAX = 20_000;

export function createQueueSlice(api: CloudcueApi): StateCreator<AppState, [], [], QueueSlice> {
  const early = new Map<string, Extract<CloudcueEvent, { type: 'resolved' }>>();
  return (set, get) => ({
    items: [],
    notice: null,
    progress: null,

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
      set((state) => ({ items: [...state.items, ...added], notice: null }));
      for (const item of added) {
        const event = early.get(item.id);
        if (event === undefined) continue;
        early.delete(item.id);
        get().receive(event);
      }
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
      const result = await api.retry({ itemId: id }).catch(() => null);
      if (result === null || !result.ok) get().itemFailed(id, result?.error ?? lostContact());
    },

    itemFailed(id, error) {
      set((state) => ({
        items: state.items.map((item) => {
          if (item.id !== id) return item;
          const { track: _track, ...rest } = item;
          return { ...rest, status: 'error' as const, error };
        }),
      }));
    },

    receive(event) {
      if (event.type === 'progress') {
        const finished = event.resolved + event.failed >= event.total;
        const current = get().progress;
        if (finished) {
          if (current?.batchId === event.batchId) set({ progress: null });
        } else {
          const { type: _type, ...progress } = event;
          set({ progress });
        }
        return;
      }
      const index = get().items.findIndex((i) => i.id === event.itemId);
      const placeholder = get().items[index];
      if (placeholder === undefined) {
        // Not announced yet (or removed meanwhile, or another window's): keep it for a while.
        if (early.size >= EARLY_EVENTS_MAX) early.delete(early.keys().next().value ?? '');
        early.set(event.itemId, event);
        return;
      }
      // A single track (or a short link to one) keeps the #t= offset it was pasted with.
      const single =
        (placeholder.kind === 'track' || placeholder.kind === 'short') && event.entries.length === 1;
      const start = single ? placeholder.startSeconds : 0;
      const replacements = event.entries.map((entry) => fromEntry(entry, start));
      set((state) => ({
        items: [...state.items.slice(0, index), ...replacements, ...state.items.slice(index + 1)],
      }));
    },
  });
}
