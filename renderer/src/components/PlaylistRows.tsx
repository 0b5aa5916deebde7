// A playlist's items, virtualized like the queue (only the rows in view exist, so 5,000 items open and scroll
// as the queue does), in the queue's row look: artwork, title and artist, the same status or failure reason,
// duration, Retry for what a second try may fix, and Remove.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { formatDuration } from '../format';
import type { QueueItem } from '../store/queue';
import { canRetry } from '../store/queue-edit';
import { Artwork } from './Artwork';
import { IconButton } from './IconButton';
import { RemoveIcon, RetryIcon } from './icons';
import { ROW_HEIGHT } from './QueueRow';
import { rowStatus } from './rowStatus';
import { useStoreApi } from './useStoreApi';

interface PlaylistRowsProps {
  id: string;
  name: string;
  items: readonly QueueItem[];
}

export function PlaylistRows({ id, name, items }: PlaylistRowsProps) {
  const store = useStoreApi();
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's object is read in render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => items[index]?.id ?? index,
  });

  return (
    <div className="queue-scroll" ref={scrollRef} tabIndex={-1}>
      <ul className="queue playlist-rows" aria-label={name} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (item === undefined) return null;
          const title = item.track?.title ?? item.link;
          const status = rowStatus(item, false, false);
          return (
            <li
              key={item.id}
              className={`queue-row status-${item.status}`}
              data-item-id={item.id}
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
              style={{ top: row.start, height: ROW_HEIGHT }}
              onDoubleClick={() => store.getState().playPlaylist(id, item.id)}
            >
              <span className="row-art">
                <Artwork url={item.track?.artworkUrl ?? null} size="small" />
              </span>
              <span className="row-text">
                <span className="row-title" title={title}>
                  {title}
                </span>
                <span className="row-artist">{item.track?.artist ?? ''}</span>
              </span>
              <span className="row-status" title={item.status === 'error' ? status : undefined}>
                {status}
              </span>
              <span className="row-duration">{item.track ? formatDuration(item.track.durationMs) : ''}</span>
              <span className="row-actions">
                {canRetry(item) && (
                  <button
                    type="button"
                    className="retry"
                    onClick={() => void store.getState().retryInPlaylist(id, item.id)}
                  >
                    <RetryIcon />
                    Retry
                  </button>
                )}
                <IconButton
                  label="Remove"
                  title={`Remove from ${name}`}
                  onClick={() => store.getState().removeFromPlaylist(id, [item.id])}
                >
                  <RemoveIcon />
                </IconButton>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
