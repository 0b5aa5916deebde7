// Previous, Play/Pause and Next.
import { useShallow } from 'zustand/react/shallow';
import { playerPosition } from '../player/position';
import { useAppStore } from '../store/context';
import { NextIcon, PauseIcon, PlayIcon, PreviousIcon } from './icons';

export function TransportButtons() {
  const { playing, toggle, next, previous } = useAppStore(
    useShallow((s) => ({ playing: s.playing, toggle: s.toggle, next: s.next, previous: s.previous })),
  );
  return (
    <div className="transport-buttons">
      <button
        type="button"
        className="icon-button"
        aria-label="Previous"
        title="Previous (Shift+←)"
        onClick={() => previous(playerPosition.get().position)}
      >
        <PreviousIcon />
      </button>
      <button
        type="button"
        className="icon-button play-button"
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
        onClick={toggle}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button type="button" className="icon-button" aria-label="Next" title="Next (Shift+→)" onClick={next}>
        <NextIcon />
      </button>
    </div>
  );
}
