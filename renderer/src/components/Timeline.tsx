// Elapsed time, the seek bar, the track's length, and previous and next chapter when the track has chapters.
import { usePosition } from '../player/position';
import { ChapterButtons } from './ChapterButtons';
import { formatSeconds, SeekBar, useDuration } from './SeekBar';
import { useCurrentTrack } from './useCurrentTrack';

function Elapsed({ duration }: { duration: number }) {
  const { position } = usePosition();
  return (
    <span className="time elapsed" aria-hidden="true">
      {formatSeconds(Math.min(position, duration))}
    </span>
  );
}

export function Timeline() {
  const track = useCurrentTrack();
  const duration = useDuration(track);
  return (
    <div className="timeline">
      <Elapsed duration={track ? duration : 0} />
      <SeekBar track={track} />
      <span className="time total" aria-hidden="true">
        {formatSeconds(track ? duration : 0)}
      </span>
      <ChapterButtons />
    </div>
  );
}
