// Previous and next chapter in the player bar, shown only while the current track has chapters
// (Shift+Alt+← and Shift+Alt+→ do the same from anywhere).
import { playerPosition } from '../player/position';
import { chaptersOf, stepChapter } from '../store/chapters';
import { IconButton } from './IconButton';
import { useCurrentTrack } from './useCurrentTrack';
import { useStoreApi } from './useStoreApi';

const common = {
  width: 18,
  height: 18,
  viewBox: '0 0 24 24',
  'aria-hidden': true,
  focusable: false,
} as const;

/** A tracklist's lines with an arrow pointing out of them: back to the left, on to the right. */
const PreviousChapterIcon = () => (
  <svg {...common}>
    <path d="M11 6h10v2H11zM11 11h10v2H11zM11 16h10v2H11zM9 7.5v9L3 12z" fill="currentColor" />
  </svg>
);

const NextChapterIcon = () => (
  <svg {...common}>
    <path d="M3 6h10v2H3zM3 11h10v2H3zM3 16h10v2H3zM15 7.5v9l6-4.5z" fill="currentColor" />
  </svg>
);

export function ChapterButtons() {
  const track = useCurrentTrack();
  const store = useStoreApi();
  if (chaptersOf(track).length === 0) return null;
  const step = (direction: 'previous' | 'next') =>
    stepChapter(store.getState(), playerPosition.get().position, direction);
  return (
    <div className="chapter-buttons" role="group" aria-label="Chapters">
      <IconButton
        label="Previous chapter"
        title="Previous chapter (Shift+Alt+←)"
        onClick={() => step('previous')}
      >
        <PreviousChapterIcon />
      </IconButton>
      <IconButton label="Next chapter" title="Next chapter (Shift+Alt+→)" onClick={() => step('next')}>
        <NextChapterIcon />
      </IconButton>
    </div>
  );
}
