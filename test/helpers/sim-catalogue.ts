// The simulator's default catalogue as the provider tests read it while they are collected, and the entries
// several of them pick by name.
import { buildCatalogue, LARGE_SET_SIZE, type SimTrack } from '../simulator/catalogue';

/** The catalogue startSimulator() serves (same default seed), readable when the tests are collected. */
export const CATALOGUE = buildCatalogue();
export const [OWL, TIDELINE, PAPERKITE] = CATALOGUE.users;
export const SECRET_SET = CATALOGUE.playlists.find((p) => p.secretToken !== null);
/** The set too long for one page: its tracks come as stubs, filled in by id. */
export const LARGE_SET = CATALOGUE.playlists.find((p) => p.tracks.length === LARGE_SET_SIZE);
export const LANTERN = CATALOGUE.tracks.find((t) => t.title === 'Lantern Hum');
/** A cap above every list in the catalogue: what a test expects is the whole list. */
export const BIG_CAP = { userTrackCap: 1000 };

export const ids = (tracks: readonly SimTrack[]): number[] => tracks.map((t) => t.id);

/** The long tracks by their titles: the catalogue's SimTrack, found by title in the default catalogue. */
const longTrack = (title: string): SimTrack => {
  const track = CATALOGUE.tracks.find((t) => t.title === title);
  if (track === undefined) throw new Error(`no long track ${title}`);
  return track;
};
/** An hour-long DJ mix whose tracklist has bracketed leading times (`[04:22] Artist - Title`). */
export const NIGHT_SHIFT_MIX = longTrack('Night Shift Mix 014');
/** A two-hour radio show: `mm:ss` times in its first hour, `h:mm:ss` in its second. */
export const RADIO_SHOW = longTrack('Harbour Radio 087');
/** A 70-minute set listed as numbered entries with trailing times (`3. Artist - Title (18:42)`). */
export const LONG_PLAY = longTrack('Sunday Long Play');
/** A podcast over an hour whose description has times in prose and one stray timed line: no tracklist. */
export const LONG_PODCAST = longTrack('Harbour Masters Podcast 12');
/** A live recording whose description holds a line-up schedule (`Doors 20:00`): no tracklist either. */
export const LIVE_SCHEDULE = longTrack('Live at Harbour Hall');
