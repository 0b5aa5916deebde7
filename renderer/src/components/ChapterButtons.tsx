// Previous and next chapter in the player bar, shown only while the current track has chapters
// (Shift+Alt+← and Shift+Alt+→ do the same from anywhere).
import { playerPosition } from '../player/position';
import { chaptersOf, stepChapter } from '../store/chapters';
import { IconButton } from './IconButton';
import { NextChapterIcon, PreviousChapterIcon } from './icons';
import { useCurrentTrack } from './useCurrentTrack';
import { useStoreApi } from './useStoreApi';

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
