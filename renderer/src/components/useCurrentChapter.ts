// The chapter the playing position is in: re-renders only when it changes, not at every position report.
import { useSyncExternalStore } from 'react';
import type { TrackChapter } from '../../../shared/chapters';
import type { Track } from '../../../shared/ipc';
import { playerPosition, type PositionSource } from '../player/position';
import { chapterIndexAt, chaptersOf } from '../store/chapters';

export interface CurrentChapter {
  chapter: TrackChapter;
  /** Its index among the track's chapters. */
  index: number;
  count: number;
}

export function useCurrentChapter(
  track: Track | undefined,
  source: PositionSource = playerPosition,
): CurrentChapter | null {
  const chapters = chaptersOf(track);
  const read = () => chapterIndexAt(chapters, source.get().position);
  const index = useSyncExternalStore(source.subscribe, read, read);
  const chapter = index === null ? undefined : chapters[index];
  return index === null || chapter === undefined ? null : { chapter, index, count: chapters.length };
}
