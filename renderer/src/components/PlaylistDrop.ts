// Dropping queue rows on a playlist in the Playlists panel: the queue's drag follows the pointer vertically
// only (it reorders), so where a drag ends is read from the pointer itself, and the panel's entries say which
// playlist they stand for (data-playlist-id).

export interface PointerTrail {
  /** Stops following the pointer; returns the playlist under it at the end, if any. */
  end(): string | null;
}

/** The playlist whose panel entry is at (x, y), or null. */
export function playlistAt(x: number, y: number): string | null {
  const element = document.elementFromPoint(x, y);
  return element?.closest('[data-playlist-id]')?.getAttribute('data-playlist-id') ?? null;
}

/** Follows the pointer from the start of a drag; the entry under it is marked while the drag passes over it. */
export function followPointer(): PointerTrail {
  let last: { x: number; y: number } | null = null;
  let marked: Element | null = null;
  const mark = (element: Element | null): void => {
    if (element === marked) return;
    marked?.classList.remove('drop-target');
    element?.classList.add('drop-target');
    marked = element;
  };
  const onMove = (event: PointerEvent): void => {
    last = { x: event.clientX, y: event.clientY };
    mark(document.elementFromPoint(last.x, last.y)?.closest('[data-playlist-id]') ?? null);
  };
  document.addEventListener('pointermove', onMove, { passive: true });
  return {
    end() {
      document.removeEventListener('pointermove', onMove);
      mark(null);
      return last === null ? null : playlistAt(last.x, last.y);
    },
  };
}
