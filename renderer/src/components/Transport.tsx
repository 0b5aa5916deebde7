// Play/pause and next, with what is playing now.
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/context';
import { NextIcon, PauseIcon, PlayIcon } from './icons';

export function Transport() {
  const { playing, toggle, next, track } = useAppStore(
    useShallow((s) => ({
      playing: s.playing,
      toggle: s.toggle,
      next: s.next,
      track: s.items.find((i) => i.id === s.currentId)?.track,
    })),
  );
  return (
    <section className="transport" aria-label="Player">
      <button type="button" onClick={toggle} aria-label={playing ? 'Pause' : 'Play'}>
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button type="button" onClick={next} aria-label="Next">
        <NextIcon />
      </button>
      <div className="now-playing" aria-live="polite">
        {track ? (
          <>
            <span className="title">{track.title}</span> <span className="artist">{track.artist}</span>
          </>
        ) : (
          <span className="idle">Nothing playing</span>
        )}
      </div>
    </section>
  );
}
