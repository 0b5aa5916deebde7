// Import and export of a list, the queue's or a playlist's: M3U or JSON out; M3U, JSON or any text with links in.
import { useRef, type ChangeEvent } from 'react';
import { toJson, toM3u } from '../../../shared/playlist-files';
import { useAppStore } from '../store/context';
import type { QueueItem } from '../store/queue';
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

/** Export M3U and Export JSON: the items as they are at the click, in files named `stem`.m3u and .json. */
export function ExportPair({ stem, items }: { stem: string; items: () => readonly QueueItem[] }) {
  return (
    <>
      <button type="button" onClick={() => download(`${stem}.m3u`, 'audio/x-mpegurl', toM3u(items()))}>
        Export M3U
      </button>
      <button type="button" onClick={() => download(`${stem}.json`, 'application/json', toJson(items()))}>
        Export JSON
      </button>
    </>
  );
}

/** The queue's exports, while it holds anything. */
export function ExportButtons() {
  const store = useStoreApi();
  const hasItems = useAppStore((s) => s.items.length > 0);
  if (!hasItems) return null;
  return <ExportPair stem="cloudcue-queue" items={() => store.getState().items} />;
}

interface ImportFileProps {
  /** The file picker's name: what the file goes into. */
  label: string;
  /** Takes the file's text: its links are added, as a paste's would be. */
  addText: (text: string) => unknown;
}

/** Import: any file with SoundCloud links. */
export function ImportFileButton({ label, addText }: ImportFileProps) {
  const input = useRef<HTMLInputElement>(null);
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file !== undefined) void file.text().then(addText);
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
        aria-label={label}
        className="visually-hidden"
        tabIndex={-1}
        onChange={onFile}
      />
    </>
  );
}

/** The queue's import. */
export function ImportButton() {
  const addText = useAppStore((s) => s.addText);
  return <ImportFileButton label="Import a queue file" addText={addText} />;
}
