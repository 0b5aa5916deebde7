// Queries over the catalogue's tracks that its lists are built from too (kept apart from catalogue.ts,
// which re-exports them, so that building the lists does not import the module that builds them).
import type { Catalogue, SimTrack, SimUser } from './catalogue';

/** A track anyone may list: not removed and not private. */
export function isPublic(track: SimTrack): boolean {
  return track.role !== 'removed' && track.secretToken === null;
}

/** Everything a user ever uploaded, newest first: private, removed and geo-blocked tracks included. */
export function uploadsOfUser(catalogue: Catalogue, user: SimUser): SimTrack[] {
  return catalogue.tracks
    .filter((t) => t.user.id === user.id)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The tracks listed on a user's page: their own public tracks, newest first (removed ones gone). */
export function tracksOfUser(catalogue: Catalogue, user: SimUser): SimTrack[] {
  return uploadsOfUser(catalogue, user).filter(isPublic);
}
