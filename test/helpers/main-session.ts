// Sessions as main saves them, for the tests and benchmarks that hand main (or its file) a queue: one item
// still resolving, long queues of ready tracks from the simulator's catalogue, and the session around them.
import type { SavedItem, Session } from '../../shared/ipc';
import type { CatalogueEntry } from '../simulator/routes/control';
import { trackOf } from './main-track';

/** A session of `items` with the rest as a fresh start saves it (nothing current, full volume, in order). */
export function sessionOf(items: Session['items'], changes: Partial<Session> = {}): Session {
  return {
    version: 1,
    items,
    currentId: null,
    positionSeconds: 0,
    volume: 1,
    muted: false,
    shuffle: false,
    repeat: 'off',
    ...changes,
  };
}

/** Saved item `p1`, Lantern Hum, still resolving unless `changes` say otherwise. */
export function savedItem(changes: Partial<SavedItem> = {}): SavedItem {
  return {
    id: 'p1',
    link: 'https://soundcloud.com/night-owl/lantern-hum',
    kind: 'track',
    startSeconds: 0,
    status: 'resolving',
    ...changes,
  };
}

/** How `readyItems` names and numbers its items. */
export interface ReadyItemsNaming {
  /** The id of the item at `index` (from 0). */
  id: (index: number) => string;
  /** The track id of the first item; the others count up from it. */
  firstTrackId: number;
  /**
   * Where their artwork is: 50 image URLs there in turn (images the simulator does not have), so that rows
   * ask for images of their own; no artwork when absent.
   */
  artworkOrigin?: string;
}

/**
 * `size` ready items that take `tracks` in turn, each its own track titled "<title> #<n>" (n from 1), so that
 * a long queue's rows can be told apart.
 */
export function readyItems(
  tracks: readonly CatalogueEntry[],
  size: number,
  naming: ReadyItemsNaming,
): SavedItem[] {
  return Array.from({ length: size }, (_, i) => {
    const entry = tracks[i % tracks.length];
    if (entry === undefined) throw new Error('no tracks');
    const track = trackOf(naming.firstTrackId + i, {
      permalink: entry.permalink,
      title: `${entry.title} #${i + 1}`,
      artist: entry.artist,
      durationMs: entry.duration,
      artworkUrl:
        naming.artworkOrigin === undefined
          ? null
          : `${naming.artworkOrigin}/i1.sndcdn.com/missing-artwork-${i % 50}.png`,
    });
    return {
      id: naming.id(i),
      link: entry.permalink,
      kind: 'track',
      startSeconds: 0,
      status: 'ready',
      track,
    };
  });
}
