// The window's title names the track that is current ("Title — Artist · Cloudcue"); Electron's window follows
// document.title, so the task bar and window switchers say what is playing.
import { useEffect } from 'react';
import type { Track } from '../../../shared/ipc';
import { useCurrentTrack } from './useCurrentTrack';

export const APP_NAME = 'Cloudcue';

export function documentTitle(track: Pick<Track, 'title' | 'artist'> | undefined): string {
  if (track === undefined) return APP_NAME;
  const artist = track.artist.trim();
  return artist === '' ? `${track.title} · ${APP_NAME}` : `${track.title} — ${artist} · ${APP_NAME}`;
}

export function useDocumentTitle(): void {
  const track = useCurrentTrack();
  const title = documentTitle(track);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
