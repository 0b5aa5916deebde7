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
