// What the listener wants to hear: the current item and whether it should be playing.
import type { StateCreator } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { AppState } from './index';
import type { QueueItem } from './queue';

export interface PlaybackSlice {
  currentId: string | null;
  /** The listener's intent; the engine makes the audio follow it. */
  playing: boolean;
  play(id?: string): void;
  pause(): void;
  toggle(): void;
  next(): void;
  /** The engine reports that the current track played to its end. */
  trackEnded(): void;
  /** The engine gave up on an item: it shows the error and playback moves on. */
  playbackFailed(id: string, error: AppError): void;
}

const playable = (item: QueueItem): boolean => item.status === 'ready';

export function nextPlayableId(items: readonly QueueItem[], afterId: string | null): string | null {
  const start = afterId === null ? 0 : items.findIndex((item) => item.id === afterId) + 1;
  return items.slice(start).find(playable)?.id ?? null;
}

export const createPlaybackSlice: StateCreator<AppState, [], [], PlaybackSlice> = (set, get) => ({
  currentId: null,
  playing: false,

  play(id) {
    const { items, currentId } = get();
    if (id !== undefined) {
      const item = items.find((i) => i.id === id);
      if (item && playable(item)) set({ currentId: id, playing: true });
      return;
    }
    const current = items.find((i) => i.id === currentId);
    const target = current && playable(current) ? current.id : nextPlayableId(items, null);
    if (target !== null) set({ currentId: target, playing: true });
  },

  pause() {
    set({ playing: false });
  },

  toggle() {
    if (get().playing) get().pause();
    else get().play();
  },

  next() {
    const { items, currentId } = get();
    const target = nextPlayableId(items, currentId);
    if (target === null) set({ currentId: null, playing: false });
    else set({ currentId: target });
  },

  trackEnded() {
    const { items, currentId } = get();
    const target = nextPlayableId(items, currentId);
    set({ currentId: target, playing: target !== null });
  },

  playbackFailed(id, error) {
    get().itemFailed(id, error);
    if (get().currentId === id) get().trackEnded();
  },
});
