// The queue: one row per pasted link, with its track, its status, or its error.
import { useShallow } from 'zustand/react/shallow';
import { formatDuration } from '../format';
import { useAppStore } from '../store/context';
import type { QueueItem } from '../store/queue';

function statusText(item: QueueItem, current: boolean, playing: boolean): string {
  if (item.status === 'error') return item.error?.message ?? 'Failed';
  if (item.status === 'resolving') return 'Resolving…';
  if (current) return playing ? 'Playing' : 'Paused';
  return 'Ready';
}

function Row({ item }: { item: QueueItem }) {
  const { current, playing, play, retry } = useAppStore(
    useShallow((s) => ({
      current: s.currentId === item.id,
      playing: s.playing,
      play: s.play,
      retry: s.retry,
    })),
  );
  const status = statusText(item, current, playing);
  return (
    <li
      className={`queue-item status-${item.status}${current ? ' current' : ''}`}
      aria-current={current ? 'true' : undefined}
      tabIndex={0}
      onDoubleClick={() => play(item.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') play(item.id);
      }}
    >
      <span className="title">{item.track?.title ?? item.link}</span>
      {item.status !== 'error' && (
        <>
          <span className="artist">{item.track?.artist ?? ''}</span>
          <span className="duration">{item.track ? formatDuration(item.track.durationMs) : ''}</span>
        </>
      )}
      <span className="status" role={item.status === 'error' ? 'alert' : undefined}>
        {status}
        {item.status === 'error' && item.error?.code !== 'INVALID_LINK' && (
          <button type="button" className="retry" onClick={() => void retry(item.id)}>
            Retry
          </button>
        )}
      </span>
    </li>
  );
}

/** "Resolving 37 of 120" while a large paste resolves. */
function ProgressLine() {
  const progress = useAppStore((s) => s.progress);
  if (progress === null || progress.total < 2) return null;
  const done = progress.resolved + progress.failed;
  return (
    <p className="progress" role="status">
      Resolving {done} of {progress.total}
      {progress.failed > 0 ? ` (${progress.failed} failed)` : ''}
    </p>
  );
}

export function QueueList() {
  const items = useAppStore((s) => s.items);
  if (items.length === 0) {
    return (
      <p className="empty">
        Your queue is empty. Paste a SoundCloud link above, such as https://soundcloud.com/artist/track, and
        press Add.
      </p>
    );
  }
  return (
    <div className="queue-panel">
      <ProgressLine />
      <ul className="queue" aria-label="Queue">
        {items.map((item) => (
          <Row key={item.id} item={item} />
        ))}
      </ul>
    </div>
  );
}
