// The saved playlists' file format (userData/playlists.json): versioned JSON text, and the migrations that bring
// every older file up to the current version. Pure: no file system, no clock.
import { playlistsSchema, type Playlist } from '../../shared/ipc';
import { cleanDisplayText } from '../../shared/text-clean';
import { trustedItem } from './session-format';
import { readVersioned, type Migrations } from './versioned-json';

/**
 * Version 1 is the first: before it, Cloudcue had only the queue (session.json), so a missing file is an
 * empty list and there is nothing older to migrate. A new version adds its step to `migrations`.
 */
export const PLAYLISTS_VERSION = 1;

/** migrations[v] turns a file of version v into version v + 1. */
export const playlistMigrations: Migrations = {};

/** What a playlists file holds. */
export type DecodedPlaylists =
  | { kind: 'ok'; playlists: Playlist[]; fromVersion: number }
  | { kind: 'newer'; version: number }
  | { kind: 'bad'; reason: unknown };

/** A playlist as it may be trusted: its items as the queue's are (session-format.ts), its name cleaned. */
function trustedPlaylist(playlist: Playlist): Playlist {
  return { ...playlist, name: cleanDisplayText(playlist.name), items: playlist.items.map(trustedItem) };
}

/** Parses, migrates and validates a file's text. Pure; never throws. */
export function decodePlaylists(text: string): DecodedPlaylists {
  const read = readVersioned(text, { current: PLAYLISTS_VERSION, first: 1, migrations: playlistMigrations });
  if (read.kind !== 'ok') return read;
  const parsed = playlistsSchema.safeParse(read.data['playlists']);
  if (!parsed.success) return { kind: 'bad', reason: parsed.error };
  return { kind: 'ok', playlists: parsed.data.map(trustedPlaylist), fromVersion: read.fromVersion };
}

/** The file's text for playlists (already validated): compact, since a long playlist is megabytes. */
export function encodePlaylists(playlists: readonly Playlist[]): string {
  return JSON.stringify({ version: PLAYLISTS_VERSION, playlists });
}
