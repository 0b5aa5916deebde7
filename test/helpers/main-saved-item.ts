// A queue item as it is saved (and as the page holds it), resolved and ready: for tests of the saved session,
// the playlists and the play order that need items but not their details.
import type { SavedItem } from '../../shared/ipc';
import { trackOf } from './main-track';

/** Item `i<index>`, holding track `trackId` (track ids start at 1), linked by the track's permalink. */
export function readyItem(index: number, trackId = index) {
  const track = trackOf(trackId);
  // Only the fields it has (no optional ones left undefined), so it is the page's QueueItem too.
  return {
    id: `i${index}`,
    link: track.permalink,
    kind: 'track',
    startSeconds: 0,
    status: 'ready',
    track,
  } satisfies SavedItem;
}
