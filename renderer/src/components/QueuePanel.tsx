// The middle of the window: the queue's toolbar, progress and list (or what to do when it is empty).
// Links or text dropped anywhere on it are added; with Shift held, the first of them plays now.
import { useState, type DragEvent } from 'react';
import { useAppStore } from '../store/context';
import { addLinks } from '../store/play-added';
import { EmptyQueue } from './EmptyQueue';
import { ProgressLine } from './ProgressLine';
import { QueueList } from './QueueList';
import { QueueToolbar } from './QueueToolbar';
import { useStoreApi } from './useStoreApi';

const carriesText = (data: DataTransfer): boolean =>
  data.types.includes('text/uri-list') || data.types.includes('text/plain');

/** The links in a drop: text/uri-list (minus its # comment lines), else the plain text. */
export function droppedText(data: Pick<DataTransfer, 'getData'>): string {
  const uris = data
    .getData('text/uri-list')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return uris.length > 0 ? uris.join('\n') : data.getData('text/plain');
}

export function QueuePanel() {
  const empty = useAppStore((s) => s.items.length === 0);
  const store = useStoreApi();
  const [dropping, setDropping] = useState(false);

  const onDragOver = (event: DragEvent) => {
    if (!carriesText(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  };
  const onDragLeave = (event: DragEvent) => {
    if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) {
      setDropping(false);
    }
  };
  const onDrop = (event: DragEvent) => {
    setDropping(false);
    if (!carriesText(event.dataTransfer)) return;
    event.preventDefault();
    const text = droppedText(event.dataTransfer);
    if (text.trim() !== '') void addLinks(store, text, event.shiftKey);
  };

  return (
    <main
      className={`queue-panel${dropping ? ' dropping' : ''}`}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <QueueToolbar />
      <ProgressLine />
      {empty ? <EmptyQueue /> : <QueueList />}
      {dropping && (
        <div className="drop-hint" aria-hidden="true">
          Drop to add to the queue (hold Shift to play now)
        </div>
      )}
    </main>
  );
}
