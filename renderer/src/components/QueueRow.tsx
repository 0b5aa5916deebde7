// One row of the queue or of an open playlist (the list's source says which): artwork, title and artist,
// status, duration, and its own actions. Sortable by drag; placed by the virtualized list (top), moved by the
// drag (transform).
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useId, type MouseEvent } from 'react';
import { formatDuration } from '../format';
import { useAppStore } from '../store/context';
import type { QueueItem } from '../store/queue';
import { canRetry } from '../store/queue-edit';
import { blockedReason } from '../store/verdicts';
import { Artwork } from './Artwork';
import { IconButton } from './IconButton';
import { PlayNextIcon, RemoveIcon, RetryIcon, SettingsIcon } from './icons';
import { useListSource } from './listSource';
import { rowStatus } from './rowStatus';
import { useOpenSettings } from './settingsOpener';
import { useStoreApi } from './useStoreApi';

export const ROW_HEIGHT = 56;

interface QueueRowProps {
  item: QueueItem;
  index: number;
  top: number;
  selected: boolean;
  current: boolean;
  playing: boolean;
  tabbable: boolean;
  /** How many items a drag of this row carries (the selection), when it is being dragged. */
  dragCount: number;
  onFocusRow: (id: string) => void;
  /** After a row's own × or Retry: the list moves the focus on (to the next row, or back to this one). */
  onRowAction: (id: string, action: 'remove' | 'retry') => void;
  /** The items a row action applies to: the selection if this row is in it, else the row. */
  targetsOf: (id: string) => string[];
}

const stop = (event: MouseEvent) => event.stopPropagation();
/** A row button's click handler: it acts on the item without reaching the row (which would select it). */
const act = (action: () => void) => (event: MouseEvent) => {
  stop(event);
  action();
};

export const QueueRow = memo(function QueueRow(props: QueueRowProps) {
  const { item, index, top, selected, current, playing, tabbable, dragCount } = props;
  const store = useStoreApi();
  const source = useListSource();
  const inQueue = source.playlistId === null;
  const actions = () => source.actions(store.getState());
  const openSettings = useOpenSettings();
  const { setNodeRef, listeners, attributes, transform, transition, isDragging } = useSortable({
    id: item.id,
  });
  const labelId = useId();
  const failed = item.status === 'error';
  // Only the current row cares whether the audio moves yet; the others never re-render for it.
  const sounding = useAppStore((s) => current && s.sounding);
  const justAdded = useAppStore((s) => s.justAdded?.ids.has(item.id) === true);
  const status = rowStatus(item, current, playing, sounding);
  const title = item.track?.title ?? item.link;
  const artist = item.track?.artist ?? '';
  // Only the roving row's buttons are in the tab order: Tab leaves the list after them.
  const actionTabIndex = tabbable ? 0 : -1;

  const className = [
    'queue-row',
    `status-${item.status}`,
    current ? 'current' : '',
    current && playing ? (sounding ? 'playing' : 'loading') : '',
    blockedReason(item.track) !== null ? 'blocked' : '',
    justAdded ? 'just-added' : '',
    selected ? 'selected' : '',
    isDragging ? 'dragging' : '',
    item.track?.access === 'preview' ? 'preview' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <li
      ref={setNodeRef}
      {...listeners}
      className={className}
      data-item-id={item.id}
      tabIndex={tabbable ? 0 : -1}
      // A row of the queue's grid, named by its title (not dnd-kit's id); selection and the current track told.
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      aria-current={current ? 'true' : undefined}
      aria-labelledby={`${labelId}-title ${labelId}-artist ${labelId}-status`}
      aria-describedby={attributes['aria-describedby'] || undefined}
      style={{
        top,
        height: ROW_HEIGHT,
        transform: CSS.Translate.toString(transform),
        transition,
      }}
      onFocus={(event) => {
        if (event.target === event.currentTarget) props.onFocusRow(item.id);
      }}
      onClick={(event) => {
        const mode = event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'replace';
        actions().select(item.id, mode);
      }}
      onDoubleClick={() => actions().play(item.id)}
    >
      <span className="row-art" role="gridcell">
        <Artwork url={item.track?.artworkUrl ?? null} size="small" />
        {current && playing && sounding && (
          <span className="equalizer" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
        )}
      </span>
      <span className="row-text" role="gridcell">
        <span className="row-title" id={`${labelId}-title`} title={title}>
          {title}
        </span>
        <span className="row-artist" id={`${labelId}-artist`}>
          {artist}
          {item.group !== undefined && <span className="row-group"> · {item.group.label}</span>}
        </span>
      </span>
      <span
        className="row-status"
        role="gridcell"
        id={`${labelId}-status`}
        title={failed ? status : undefined}
      >
        {status}
      </span>
      <span className="row-duration" role="gridcell">
        {item.track ? formatDuration(item.track.durationMs) : ''}
      </span>
      <span className="row-actions" role="gridcell" onDoubleClick={stop}>
        {canRetry(item) && (
          <button
            type="button"
            className="retry"
            tabIndex={actionTabIndex}
            onClick={act(() => {
              actions().retry(item.id);
              props.onRowAction(item.id, 'retry');
            })}
          >
            <RetryIcon />
            Retry
          </button>
        )}
        {item.error?.code === 'CHALLENGED' && (
          // The way out of a human check Cloudcue cannot pass: the official API, or one's own client id.
          <IconButton
            label="Open settings"
            title="Choose the official API or enter a client id in Settings"
            tabIndex={actionTabIndex}
            onClick={act(openSettings)}
          >
            <SettingsIcon />
          </IconButton>
        )}
        {!failed && inQueue && (
          <IconButton
            label="Play next"
            tabIndex={actionTabIndex}
            onClick={act(() => store.getState().playNext(props.targetsOf(item.id)))}
          >
            <PlayNextIcon />
          </IconButton>
        )}
        <IconButton
          label="Remove"
          title={inQueue ? 'Remove from the queue' : `Remove from ${source.label}`}
          tabIndex={actionTabIndex}
          onClick={act(() => props.onRowAction(item.id, 'remove'))}
        >
          <RemoveIcon />
        </IconButton>
      </span>
      {isDragging && dragCount > 1 && (
        <span className="drag-count" aria-hidden="true">
          {dragCount}
        </span>
      )}
    </li>
  );
});
