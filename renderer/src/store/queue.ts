// The queue: items in paste order, each resolving on its own; a failure stays on its item.
import type { StateCreator } from 'zustand';
import { appError, type AppError } from '../../../shared/errors';
import type { CloudcueApi, Track } from '../../../shared/ipc';
import { findLinks } from '../../../shared/links';
import type { AppState } from './index';

export type ItemStatus = 'resolving' | 'ready' | 'error';

export interface QueueItem {
  id: string;
  /** The link as pasted. */
  raw: string;
  permalink: string | null;
  startSeconds: number;
  status: ItemStatus;
  track?: Track;
  error?: AppError;
}

export interface QueueSlice {
  items: QueueItem[];
  /** A message about the last paste, shown beside the paste box. */
  notice: string | null;
  /** Adds every SoundCloud link in `text`; returns how many items were added. */
  addText(text: string): number;
  itemResolved(id: string, track: Track): void;
  itemFailed(id: string, error: AppError): void;
}

let nextId = 0;
const newId = (): string => `item-${(++nextId).toString(36)}-${Date.now().toString(36)}`;

export const NO_LINKS_NOTICE =
  'No SoundCloud links found. Paste links such as https://soundcloud.com/artist/track.';

export function createQueueSlice(api: CloudcueApi): StateCreator<AppState, [], [], QueueSlice> {
  return (set, get) => ({
    items: [],
    notice: null,

    addText(text) {
      const links = findLinks(text);
      if (links.length === 0) {
        set({ notice: NO_LINKS_NOTICE });
        return 0;
      }
      const added: QueueItem[] = links.map((link) => ({
        id: newId(),
        raw: link.raw,
        permalink: link.permalink,
        startSeconds: link.startSeconds,
        ...(link.permalink === null
          ? {
              status: 'error' as const,
              error: appError('INVALID_LINK', 'Not a SoundCloud track link: only track pages can be played.'),
            }
          : { status: 'resolving' as const }),
      }));
      set((state) => ({ items: [...state.items, ...added], notice: null }));
      for (const item of added) {
        if (item.permalink === null) continue;
        void api.resolveTrack({ url: item.permalink }).then(
          (result) =>
            result.ok ? get().itemResolved(item.id, result.value) : get().itemFailed(item.id, result.error),
          () => get().itemFailed(item.id, appError('NETWORK', 'Lost contact with Cloudcue.')),
        );
      }
      return added.length;
    },

    itemResolved(id, track) {
      set((state) => ({
        items: state.items.map((item) =>
          item.id === id ? { ...item, status: 'ready' as const, track } : item,
        ),
      }));
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
  });
}
