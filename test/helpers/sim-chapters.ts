// The chapters a simulator track's description means, as a resolved track carries them (start in ms):
// what the provider tests expect each API to read from the same text.
import type { TrackChapter } from '../../shared/chapters';
import { LONG_TRACKS } from '../simulator/catalogue-descriptions';
import type { SimTrack } from '../simulator/catalogue';

/** The long tracks by how their descriptions read: with a tracklist, or with times that are none. */
export const LISTED = ['Night Shift Mix 014', 'Harbour Radio 087', 'Sunday Long Play'] as const;
export const UNLISTED = ['Harbour Masters Podcast 12', 'Live at Harbour Hall'] as const;

/** The chapters the catalogue means `track` to have (none for every track that is not a long one). */
export function meantChapters(track: Pick<SimTrack, 'title'>): TrackChapter[] {
  const spec = LONG_TRACKS.find((long) => long.title === track.title);
  return (spec?.chapters ?? []).map((c) => ({ startMs: c.startSeconds * 1000, title: c.title }));
}
