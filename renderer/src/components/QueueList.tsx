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
  const { current, playing, play } = useAppStore(
    useShallow((s) => ({ current: s.currentId === item.id, playing: s.playing, play: s.play })),
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
      <span className="title">{item.track?.title ?? item.raw}</span>
      {item.status !== 'error' && (
        <>
          <span className="artist">{item.track?.artist ?? ''}</span>
          <span className="duration">{item.track ? formatDuration(item.track.durationMs) : ''}</span>
        </>
      )}
      <span className="status" role={item.status === 'error' ? 'alert' : undefined}>
        {status}
      </span>
    </li>
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
    <ul className="queue" aria-label="Queue">
      {items.map((item) => (
        <Row key={item.id} item={item} />
      ))}
    </ul>
  );
}
