// Keep playing when the queue ends: the last track's related tracks, asked of main, join the queue as one
// marked group ("Related to <title>") and play on; the group leaves in one action, like any removal.
import type { StateCreator } from 'zustand';
import type { CloudcueApi } from '../../../shared/ipc';
import type { AppState, RelatedSlice } from './state';
import type { QueueItem } from './queue';
import { queueFull, roomLeft, tracksCut } from './queue-room';

/** What the queue says when the related tracks cannot be had: the listener asked for more music. */
export const relatedFailed = (title: string, why: string): string =>
  `Cloudcue could not add the tracks related to “${title}”: ${why}`;

export function createRelatedSlice(api: CloudcueApi): StateCreator<AppState, [], [], RelatedSlice> {
  return (set, get) => ({
    async playRelated(endedId) {
      const ended = get().items.find((item) => item.id === endedId)?.track;
      if (ended === undefined || get().settings?.queueEnd !== 'related') return;
      const result = await api.related({ trackId: ended.id });
      if (!result.ok) {
        set({ notice: relatedFailed(ended.title, result.error.message) });
        return;
      }
      // A track of the queue already is not added twice; nothing new is a quiet stop, as without the setting.
      const present = new Set(get().items.map((item) => item.track?.id));
      const tracks = result.value.tracks.filter((track) => !present.has(track.id));
      if (tracks.length === 0) {
        set({ notice: `SoundCloud has no more tracks related to “${ended.title}”.` });
        return;
      }
      // A full queue takes none, and says so: the listener asked for more music, and hears why there is none.
      const { queueCap } = get();
      const room = roomLeft(queueCap, get().items.length);
      if (room === 0) {
        set({ notice: queueFull(queueCap) });
        return;
      }
      const fitting = tracks.slice(0, room);
      const groupId = `related-${crypto.randomUUID()}`;
      const group = { id: groupId, label: `Related to ${ended.title}` };
      const added: QueueItem[] = fitting.map((track, index) => ({
        id: `${groupId}-${index}`,
        link: track.permalink,
        kind: 'track',
        startSeconds: 0,
        status: 'ready',
        track,
        group,
      }));
      // The listener may have started something else meanwhile: then the group waits at the end.
      const stopped = get().currentId === null && !get().playing;
      set((state) => ({ items: [...state.items, ...added] }));
      const first = added[0];
      if (stopped && first !== undefined) get().play(first.id);
      // After play, which clears older notices: this one is about what just started.
      if (fitting.length < tracks.length) set({ notice: tracksCut(fitting.length, tracks.length, queueCap) });
    },

    removeGroup(groupId) {
      get().remove(
        get()
          .items.filter((item) => item.group?.id === groupId)
          .map((item) => item.id),
      );
    },
  });
}
