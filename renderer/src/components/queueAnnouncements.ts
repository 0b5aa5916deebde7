// What a screen reader hears while a row is dragged: the tracks' titles and where they land, never the
// queue's internal ids (dnd-kit's default says "Draggable item im.mx4ss7em…").
import type { Announcements } from '@dnd-kit/core';
import type { AppStore } from '../store';

/** The title a row shows (its link while unresolved), for the item with this id. */
function titleOf(store: AppStore, id: string | number): string {
  const item = store.getState().items.find((candidate) => candidate.id === String(id));
  if (item === undefined) return 'the track';
  return item.track?.title ?? item.link;
}

function positionOf(store: AppStore, id: string | number): number {
  return store.getState().items.findIndex((item) => item.id === String(id)) + 1;
}

export function queueAnnouncements(store: AppStore): Announcements {
  const count = () => store.getState().items.length;
  return {
    onDragStart: ({ active }) =>
      `Picked up ${titleOf(store, active.id)}, position ${positionOf(store, active.id)} of ${count()}.`,
    onDragOver: ({ active, over }) =>
      over === null
        ? `${titleOf(store, active.id)} is no longer over the queue.`
        : `${titleOf(store, active.id)} is over position ${positionOf(store, over.id)} of ${count()}.`,
    onDragEnd: ({ active, over }) =>
      over === null
        ? `${titleOf(store, active.id)} was dropped where it was.`
        : `${titleOf(store, active.id)} was dropped at position ${positionOf(store, over.id)} of ${count()}.`,
    onDragCancel: ({ active }) => `Moving ${titleOf(store, active.id)} was cancelled.`,
  };
}
