// A playlist's own import and export: M3U or JSON out (the queue's formats, named after the playlist); M3U,
// JSON or any text with links in, added to the playlist and resolved as a paste is.
import { useRef, type ChangeEvent } from 'react';
import { toJson, toM3u } from '../../../shared/playlist-files';
import type { QueueItem } from '../store/queue';
import { download } from './QueueFiles';
import { useStoreApi } from './useStoreApi';

/** The playlist's name as a file name everywhere: letters, digits, spaces and dashes; never empty. */
export function fileStem(name: string): string {
  const stem = name
    .replace(/[^\p{L}\p{N} _-]+/gu, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return stem === '' ? 'playlist' : stem;
}

interface PlaylistFilesProps {
  id: string;
  name: string;
  items: readonly QueueItem[];
}

export function PlaylistFiles({ id, name, items }: PlaylistFilesProps) {
  const store = useStoreApi();
  const input = useRef<HTMLInputElement>(null);
  const stem = fileStem(name);
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file !== undefined) void file.text().then((text) => store.getState().addTextToPlaylist(id, text));
  };
  return (
    <>
      {items.length > 0 && (
        <>
          <button type="button" onClick={() => download(`${stem}.m3u`, 'audio/x-mpegurl', toM3u(items))}>
            Export M3U
          </button>
          <button type="button" onClick={() => download(`${stem}.json`, 'application/json', toJson(items))}>
            Export JSON
          </button>
        </>
      )}
      <button type="button" onClick={() => input.current?.click()}>
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".m3u,.m3u8,.json,.txt,text/plain,application/json,audio/x-mpegurl"
        aria-label={`Import a file into ${name}`}
        className="visually-hidden"
        tabIndex={-1}
        onChange={onFile}
      />
    </>
  );
}
