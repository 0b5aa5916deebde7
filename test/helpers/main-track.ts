// A track as main hands it to the renderer, for tests of main's handlers and stores that need one but not its
// details: the id names it, the rest is plain and playable unless a test says otherwise.
import type { Track } from '../../shared/ipc';

export function trackOf(id: number, changes: Partial<Track> = {}): Track {
  return {
    id,
    permalink: `https://soundcloud.com/someone/track-${id}`,
    title: `Track ${id}`,
    artist: 'Someone',
    durationMs: 60_000,
    artworkUrl: null,
    waveformUrl: null,
    access: 'playable',
    ...changes,
  };
}
