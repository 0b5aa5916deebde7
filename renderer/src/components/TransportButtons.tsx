// Previous, Play/Pause (a loading state until the audio really moves) and Next.
import { useShallow } from 'zustand/react/shallow';
import { playerPosition } from '../player/position';
import { useAppStore } from '../store/context';
import { NextIcon, PauseIcon, PlayIcon, PreviousIcon } from './icons';

/** Play, Pause, or Loading while playback is wanted but no audio moves yet (still a press to stop). */
function PlayButtonFace({ playing, sounding }: { playing: boolean; sounding: boolean }) {
  if (!playing) return <PlayIcon />;
  if (sounding) return <PauseIcon />;
  return <span className="spinner" aria-hidden="true" />;
}

export function TransportButtons() {
  const { playing, sounding, toggle, next, previous } = useAppStore(
    useShallow((s) => ({
      playing: s.playing,
      sounding: s.sounding,
      toggle: s.toggle,
      next: s.next,
      previous: s.previous,
    })),
  );
  const loading = playing && !sounding;
  const name = !playing ? 'Play' : loading ? 'Loading' : 'Pause';
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
        className={`icon-button play-button${loading ? ' loading' : ''}`}
        aria-label={name}
        aria-busy={loading}
        title={loading ? 'Loading… (Space to stop)' : `${name} (Space)`}
        onClick={toggle}
      >
        <PlayButtonFace playing={playing} sounding={sounding} />
      </button>
      <button type="button" className="icon-button" aria-label="Next" title="Next (Shift+→)" onClick={next}>
        <NextIcon />
      </button>
    </div>
  );
}
