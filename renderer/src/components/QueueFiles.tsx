// Import and export of the queue: M3U or JSON out; M3U, JSON or any text with links in.
import { useRef, type ChangeEvent } from 'react';
import { toJson, toM3u } from '../../../shared/playlist-files';
import { useAppStore } from '../store/context';
import { useStoreApi } from './useStoreApi';

export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportButtons() {
  const store = useStoreApi();
  const hasItems = useAppStore((s) => s.items.length > 0);
  if (!hasItems) return null;
  const items = () => store.getState().items;
  return (
    <>
      <button type="button" onClick={() => download('cloudcue-queue.m3u', 'audio/x-mpegurl', toM3u(items()))}>
        Export M3U
      </button>
      <button
        type="button"
        onClick={() => download('cloudcue-queue.json', 'application/json', toJson(items()))}
      >
        Export JSON
      </button>
    </>
  );
}

/** Any file with SoundCloud links: its links are added, as a paste would be. */
export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const addText = useAppStore((s) => s.addText);
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file !== undefined) void file.text().then((text) => addText(text));
  };
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".m3u,.m3u8,.json,.txt,text/plain,application/json,audio/x-mpegurl"
        aria-label="Import a queue file"
        className="visually-hidden"
        tabIndex={-1}
        onChange={onFile}
      />
    </>
  );
}
