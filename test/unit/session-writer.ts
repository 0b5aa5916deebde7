// The crash test's writer process (bundled by session-crash.test.ts): saves ever newer sessions until killed,
// and the sessions both sides derive from a generation number, so the parent knows exactly what to expect.
import { writeSync } from 'node:fs';
import { createSessionStore } from '../../electron/state/session';
import type { SavedItem, Session } from '../../shared/ipc';

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

/** A line to the parent. writeSync: the line is in the pipe before the next write starts, even if killed. */
function report(line: string): void {
  writeSync(1, `${line}\n`);
}

/**
 * Loads the store, reports `ready <generation loaded>`, then for each next generation reports `begin <g>`,
 * saves and flushes it, and reports `done <g>` once it is on disk; forever, until the parent kills it.
 */
export async function runWriter(file: string): Promise<void> {
  // A parent that died must not leave this running.
  setTimeout(() => process.exit(3), 20_000).unref();
  const store = createSessionStore({ file, debounceMs: 10_000 });
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
    report(`done ${generation}`);
  }
}
