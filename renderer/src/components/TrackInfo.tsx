// What plays now: artwork, the title (a link to the track on SoundCloud), the chapter playing (for a track
// whose description lists them) and the artist.
import type { Track } from '../../../shared/ipc';
import { useAppStore } from '../store/context';
import { Artwork } from './Artwork';
import { useCurrentChapter } from './useCurrentChapter';
import { useCurrentTrack } from './useCurrentTrack';

/** The chapter playing, under the title; nothing for a track without chapters or before its first. */
function ChapterLine({ track }: { track: Track }) {
  const current = useCurrentChapter(track);
  if (current === null) return null;
  const where = `Chapter ${current.index + 1} of ${current.count}`;
  return (
    <span className="track-chapter" title={`${where}: ${current.chapter.title}`}>
      <span className="visually-hidden">{where}: </span>
      {current.chapter.title}
    </span>
  );
}

export function TrackInfo() {
  const track = useCurrentTrack();
  const playing = useAppStore((s) => s.playing);
  const sounding = useAppStore((s) => s.sounding);
  if (track === undefined) {
    return (
      <div className="track-info idle">
        <Artwork url={null} size="medium" />
        <p className="track-text">
          <span className="track-title">Nothing playing</span>
          <span className="track-artist">Double-click a track</span>
        </p>
      </div>
    );
  }
  return (
    <div className="track-info">
      <Artwork url={track.artworkUrl} size="medium" />
      <p className="track-text" aria-live="polite">
        <a
          className="track-title"
          href={track.permalink}
          target="_blank"
          rel="noreferrer"
          title={`${track.title} on SoundCloud`}
        >
          {track.title}
        </a>
        <ChapterLine track={track} />
        <span className="track-artist">
          {track.artist}
          {track.access === 'preview' && <span className="badge">Preview</span>}
          <span className="visually-hidden">
            {playing ? (sounding ? ', playing' : ', loading') : ', paused'}
          </span>
        </span>
      </p>
    </div>
  );
}
