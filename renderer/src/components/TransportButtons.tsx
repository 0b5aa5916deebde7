// Previous, Play/Pause (a loading state until the audio really moves) and Next.
import { playerPosition } from '../player/position';
import { IconButton } from './IconButton';
import { NextIcon, PauseIcon, PlayIcon, PreviousIcon } from './icons';
import { useStoreFields } from './useStoreFields';

/** Play, Pause, or Loading while playback is wanted but no audio moves yet (still a press to stop). */
function PlayButtonFace({ playing, sounding }: { playing: boolean; sounding: boolean }) {
  if (!playing) return <PlayIcon />;
  if (sounding) return <PauseIcon />;
  return <span className="spinner" aria-hidden="true" />;
}

export function TransportButtons() {
  const { playing, sounding, toggle, next, previous, startWhenReady } = useStoreFields(
    'playing',
    'sounding',
    'toggle',
    'next',
    'previous',
    'startWhenReady',
  );
  // Play pressed while the queue still resolves: the first track that can play will start.
  const waiting = !playing && startWhenReady;
  const loading = (playing && !sounding) || waiting;
  const name = waiting ? 'Starting when ready' : !playing ? 'Play' : loading ? 'Loading' : 'Pause';
  return (
    <div className="transport-buttons">
      <IconButton
        label="Previous"
        title="Previous (Shift+←)"
        onClick={() => previous(playerPosition.get().position)}
      >
        <PreviousIcon />
      </IconButton>
      <IconButton
        className={`play-button${loading ? ' loading' : ''}`}
        label={name}
        aria-busy={loading}
        title={loading ? `${name}… (Space to stop)` : `${name} (Space)`}
        onClick={toggle}
      >
        <PlayButtonFace playing={playing || waiting} sounding={sounding && !waiting} />
      </IconButton>
      <IconButton label="Next" title="Next (Shift+→)" onClick={next}>
        <NextIcon />
      </IconButton>
    </div>
  );
}
