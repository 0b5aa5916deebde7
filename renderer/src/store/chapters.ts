// A track's chapters as the player uses them, pure: which one a position is in, and where previous and next
// chapter lead (the same rule as previous and next track, within the track).
import type { TrackChapter } from '../../../shared/chapters';
import type { Track } from '../../../shared/ipc';
import { currentItem, RESTART_THRESHOLD_SECONDS } from './order';
import type { AppState } from './state';

/** A seek lands a little short of where it aimed: this close before a start counts as at it. */
const LANDING_SLACK_SECONDS = 0.5;

const NO_CHAPTERS: readonly TrackChapter[] = [];

/** The track's chapters (none for a track saved before there were chapters). */
export const chaptersOf = (track: Track | undefined): readonly TrackChapter[] =>
  track?.chapters ?? NO_CHAPTERS;

/** The index of the chapter playing at `seconds`, or null before the first (or with none). */
export function chapterIndexAt(chapters: readonly TrackChapter[], seconds: number): number | null {
  let found: number | null = null;
  for (let i = 0; i < chapters.length && chapters[i]!.startMs <= seconds * 1000; i++) found = i;
  return found;
}

/**
 * Where a chapter step from `seconds` leads, in seconds, or null when there is nowhere to go (no chapters, or
 * next from the last). Previous goes to the start of the chapter playing, or to the one before when less than
 * RESTART_THRESHOLD_SECONDS into it; before the first chapter, to the track's start.
 */
export function chapterTarget(
  chapters: readonly TrackChapter[],
  seconds: number,
  direction: 'previous' | 'next',
): number | null {
  if (chapters.length === 0) return null;
  const current = chapterIndexAt(chapters, seconds + LANDING_SLACK_SECONDS);
  if (direction === 'next') {
    const next = chapters[current === null ? 0 : current + 1];
    return next === undefined ? null : next.startMs / 1000;
  }
  if (current === null) return 0;
  const start = chapters[current]!.startMs / 1000;
  if (seconds - start > RESTART_THRESHOLD_SECONDS || current === 0) return start;
  return chapters[current - 1]!.startMs / 1000;
}

/** Seeks the current track to the previous or next chapter, through the store's seek (recovery follows it). */
export function stepChapter(state: AppState, seconds: number, direction: 'previous' | 'next'): void {
  const target = chapterTarget(chaptersOf(currentItem(state)?.track), seconds, direction);
  if (target !== null) state.seek(target);
}
