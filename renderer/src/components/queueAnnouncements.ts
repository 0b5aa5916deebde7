// What a screen reader hears while a row is dragged: the tracks' titles and where they land, never the
// queue's internal ids (dnd-kit's default says "Draggable item im.mx4ss7em…").
import type { Announcements } from '@dnd-kit/core';
import type { QueueItem } from '../store/queue';

/** The list's items now: the queue's, or an open playlist's. */
type Items = () => readonly QueueItem[];

/** The title a row shows (its link while unresolved), for the item with this id. */
function titleOf(items: Items, id: string | number): string {
  const item = items().find((candidate) => candidate.id === String(id));
  if (item === undefined) return 'the track';
  return item.track?.title ?? item.link;
}

function positionOf(items: Items, id: string | number): number {
  return items().findIndex((item) => item.id === String(id)) + 1;
}

export function queueAnnouncements(items: Items): Announcements {
  const count = () => items().length;
  return {
    onDragStart: ({ active }) =>
      `Picked up ${titleOf(items, active.id)}, position ${positionOf(items, active.id)} of ${count()}.`,
    onDragOver: ({ active, over }) =>
      over === null
        ? `${titleOf(items, active.id)} is no longer over the queue.`
        : `${titleOf(items, active.id)} is over position ${positionOf(items, over.id)} of ${count()}.`,
    onDragEnd: ({ active, over }) =>
      over === null
        ? `${titleOf(items, active.id)} was dropped where it was.`
        : `${titleOf(items, active.id)} was dropped at position ${positionOf(items, over.id)} of ${count()}.`,
    onDragCancel: ({ active }) => `Moving ${titleOf(items, active.id)} was cancelled.`,
  };
}
