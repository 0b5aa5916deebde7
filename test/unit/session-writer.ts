// The crash test's writer process (bundled by session-crash.test.ts): saves ever newer sessions until killed,
// and the sessions both sides derive from a generation number, so the parent knows exactly what to expect.
import { writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createPlaylistsStore } from '../../electron/state/playlists';
import { createSessionStore } from '../../electron/state/session';
import type { Playlist, SavedItem, Session } from '../../shared/ipc';

/** 50–500 items, varying with the generation, so writes take real time and differ in size. */
export function itemCount(generation: number): number {
  return 50 + ((generation * 137) % 451);
}

/** The session saved as `generation`; every field depends on it, so a mix of two would be noticed. */
export function crashSession(generation: number): Session {
  const count = itemCount(generation);
  const items: SavedItem[] = Array.from({ length: count }, (_, index) => ({
    id: `g${generation}-${index}`,
    link: `https://soundcloud.com/artist-${index}/track-${generation}-${index}`,
    kind: 'track',
    startSeconds: index % 7,
    status: 'ready',
    track: {
      id: generation * 1000 + index + 1,
      permalink: `https://soundcloud.com/artist-${index}/track-${generation}-${index}`,
      title: `Track ${index} of generation ${generation}`,
      artist: `Artist ${index}`,
      durationMs: 180_000 + index,
      artworkUrl: `https://i1.sndcdn.com/artworks-${generation}-${index}-t500x500.jpg`,
      waveformUrl: `https://wave.sndcdn.com/${generation}-${index}_m.png`,
      access: 'playable',
    },
  }));
  return {
    version: 1,
    items,
    currentId: items[generation % count]?.id ?? null,
    // The generation itself, where the loading side can read it back.
    positionSeconds: generation,
    volume: (generation % 10) / 10,
    muted: generation % 2 === 0,
    shuffle: generation % 3 === 0,
    repeat: (['off', 'all', 'one'] as const)[generation % 3] ?? 'off',
  };
}

/** The playlists saved as `generation` (beside the session): the first one's name holds the number. */
export function crashPlaylists(generation: number): Playlist[] {
  // Smaller than the session (the kills are what matter here, not the size), so the test keeps its pace.
  const items = crashSession(generation).items.slice(0, 12 + (generation % 9));
  return [
    { id: 'first', name: `Generation ${generation}`, items: items.slice(0, 8) },
    { id: `g${generation}`, name: 'Moving', items: items.slice(8) },
    { id: 'empty', name: 'Empty', items: [] },
  ];
}

/** The generation that crashPlaylists wrote, read back from a loaded list (-1 when it is not one). */
export function playlistsGeneration(playlists: readonly Playlist[]): number {
  const name = playlists[0]?.name ?? '';
  return name.startsWith('Generation ') ? Number(name.slice('Generation '.length)) : -1;
}

/** playlists.json, beside the session file. */
export const playlistsFileBeside = (file: string): string => join(dirname(file), 'playlists.json');

/** A line to the parent. writeSync: the line is in the pipe before the next write starts, even if killed. */
function report(line: string): void {
  writeSync(1, `${line}\n`);
}

/**
 * Loads the store, reports `ready <generation loaded>`, then for each next generation reports `begin <g>`,
 * saves and flushes it (the session, then the playlists), and reports `done <g>` once both are on disk;
 * forever, until the parent kills it.
 */
export async function runWriter(file: string): Promise<void> {
  // A parent that died must not leave this running.
  setTimeout(() => process.exit(3), 20_000).unref();
  const store = createSessionStore({ file, debounceMs: 10_000 });
  const playlists = createPlaylistsStore({ file: playlistsFileBeside(file), debounceMs: 10_000 });
  const lists = await playlists.load();
  if (lists.notice !== null || playlistsGeneration(lists.playlists) < 0) {
    report(`failed ${lists.notice ?? 'no playlists'}`);
    process.exit(2);
  }
  const { session, notice } = await store.load();
  if (session === null || notice !== null) {
    report(`failed ${notice ?? 'no session'}`);
    process.exit(2);
  }
  let generation = session.positionSeconds;
  report(`ready ${generation}`);
  for (;;) {
    generation++;
    report(`begin ${generation}`);
    store.save(crashSession(generation));
    await store.flush();
    playlists.save(crashPlaylists(generation));
    await playlists.flush();
    report(`done ${generation}`);
  }
}
