// The queue, or an open playlist (`source`), as a virtualized list (only the rows in view exist, so 10,000
// items scroll smoothly), with roving focus, selection, keyboard commands and drag reordering over the rendered
// rows. A render walks the
// items only for their ids and offsets, so a restored 10,000-item queue shows its first screen as soon as a
// short one does; the rows follow the queue one deferred render behind (see `items` below).
import {
  closestCenter,
  DndContext,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
  type Modifier,
} from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { defaultRangeExtractor, useVirtualizer, type Range, type VirtualItem } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/context';
import type { QueueItem } from '../store/queue';
import { onJumpToCurrent } from './jumpToCurrent';
import { keepIds } from './itemIds';
import { onListKeyDown } from './listKeys';
import { ListSourceContext, QUEUE_SOURCE, type ListSource } from './listSource';
import { queueAnnouncements } from './queueAnnouncements';
import { QueueRow, ROW_HEIGHT } from './QueueRow';
import { followPointer, type PointerTrail } from './PlaylistDrop';
import { dropIndex, survivorAfter } from './queuePositions';
import { sortableSpan } from './sortableSpan';
import { useScrollToAdded } from './useScrollToAdded';
import { useStoreApi } from './useStoreApi';

const VERTICAL_ONLY: Modifier[] = [({ transform }) => ({ ...transform, x: 0 })];

/**
 * One object for the life of the app: a new one each render would give dnd-kit new sensors, and with them a
 * new context that re-renders every row at every scrolled frame.
 */
const POINTER_OPTIONS = { activationConstraint: { distance: 6 } };

/** The rows in view with their items (a module function: see `ids` in QueueList for why). */
function rowItems(rows: readonly VirtualItem[], items: readonly QueueItem[]) {
  return rows.flatMap((row) => {
    const item = items[row.index];
    return item === undefined ? [] : [{ row, item }];
  });
}

export function QueueList({ source = QUEUE_SOURCE }: { source?: ListSource }) {
  const store = useStoreApi();
  // The rows render from a deferred copy of the items: a paste's new rows, or a burst of resolved links, are
  // rendered in the background in slices that give way to input and painting (React yields every few
  // milliseconds), instead of in one task of the store's update that held the window for 100-250 ms.
  const items = useDeferredValue(useAppStore(source.items));
  const inQueue = source.playlistId === null;
  // A playlist's rows are never the current track: the queue holds copies of them.
  const { selection, currentId, playing } = useAppStore(
    useShallow((s) => ({
      selection: source.selection(s),
      currentId: inQueue ? s.currentId : null,
      playing: s.playing,
    })),
  );
  /** The list's items as the store has them now (the rendered ones may be a render behind). */
  const itemsNow = useCallback(() => source.items(store.getState()), [source, store]);
  // One array for as long as the ids stay the same, whatever happens to the items' contents.
  const [idsOf] = useState(keepIds);
  // No function made in this render may mention `items`: V8 keeps a render's variables that any of its
  // functions mention in one scope, shared by all of them, so a callback kept across renders (getItemKey,
  // stable while the ids are) would keep that render's whole items alive, a 1,000-link paste's placeholders
  // long after they resolved. Hence idsOf called plainly (it remembers its last answer) and rowItems below.
  const ids = idsOf(items);
  // The virtualizer measures every row again whenever this function changes: it must not change per render.
  const getItemKey = useCallback((index: number) => ids[index] ?? index, [ids]);
  const selected = useMemo(() => new Set(selection), [selection]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const activeIndex = useMemo(() => {
    const index = activeId === null ? -1 : ids.indexOf(activeId);
    return index < 0 ? undefined : index;
  }, [ids, activeId]);

  // The dragged row stays rendered even when auto-scroll takes it out of view.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex === undefined || indexes.includes(activeIndex)) return indexes;
      return [...indexes, activeIndex].sort((a, b) => a - b);
    },
    [activeIndex],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's object is read in render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey,
    rangeExtractor,
  });
  const rows = virtualizer.getVirtualItems();
  const span = sortableSpan(rows[0]?.index ?? 0, rows.at(-1)?.index ?? 0, ids.length);
  const sortableIds = useMemo(() => ids.slice(span.start, span.end), [ids, span.start, span.end]);
  useScrollToAdded(virtualizer, items);

  // Roving focus: one row is in the tab order, the focused one if it is rendered, else the first in view.
  const scrollTop = virtualizer.scrollOffset ?? 0;
  const focusedRendered = focusedId !== null && rows.some((row) => row.key === focusedId);
  const firstInView = rows.find((row) => row.end > scrollTop) ?? rows[0];
  const tabbableId = focusedRendered ? focusedId : (ids[firstInView?.index ?? -1] ?? null);

  // Focus requested by a key press lands once the row is rendered (after scrolling to it).
  useEffect(() => {
    const id = pendingFocus.current;
    if (id === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(id)}"]`);
    if (row) {
      pendingFocus.current = null;
      row.focus({ preventScroll: true });
    }
  });

  const targetsOf = useCallback(
    (id: string) => {
      const selected = source.selection(store.getState());
      return selected.includes(id) ? selected : [id];
    },
    [source, store],
  );
  const onFocusRow = useCallback((id: string) => setFocusedId(id), []);
  const focusRow = useCallback(
    (id: string, align: 'auto' | 'center' = 'auto') => {
      const index = itemsNow().findIndex((item) => item.id === id);
      if (index < 0) return;
      pendingFocus.current = id;
      setFocusedId(id);
      virtualizer.scrollToIndex(index, { align });
    },
    [itemsNow, virtualizer],
  );

  // The current track, wherever the list has scrolled to: in view, in the middle, and focused.
  useEffect(
    () =>
      onJumpToCurrent(() => {
        const { currentId: id } = store.getState();
        if (id !== null) focusRow(id, 'center');
      }),
    [store, focusRow],
  );

  // A focused row replaced under the focus (a retried link resolves into new items) hands it to its successor.
  const focusedIndex = useRef<number | undefined>(undefined);
  useEffect(() => {
    const index = focusedId === null ? -1 : ids.indexOf(focusedId);
    if (index >= 0) focusedIndex.current = index;
    else if (focusedIndex.current !== undefined && document.activeElement === document.body) {
      const next = ids[Math.min(focusedIndex.current, ids.length - 1)];
      if (next !== undefined) focusRow(next);
    }
  }, [focusedId, ids, focusRow]);

  /**
   * A row's own × or Retry takes the button away (or the row): the focus goes on to the row that now takes
   * its place, so a keyboard user stays in the list instead of being dropped at the top of the window.
   */
  const removeAndFocus = useCallback(
    (id: string, selectSurvivor: boolean) => {
      const items = itemsNow();
      const removed = targetsOf(id);
      const index = items.findIndex((item) => item.id === id);
      const survivor = survivorAfter(items, index, new Set(removed));
      source.actions(store.getState()).remove(removed);
      if (survivor === null) return scrollRef.current?.focus();
      if (selectSurvivor) source.actions(store.getState()).select(survivor, 'replace');
      focusRow(survivor);
    },
    [store, source, itemsNow, focusRow, targetsOf],
  );
  const onRowAction = useCallback(
    (id: string, action: 'remove' | 'retry') =>
      action === 'retry' ? focusRow(id) : removeAndFocus(id, false),
    [focusRow, removeAndFocus],
  );

  const pageHeight = () => scrollRef.current?.clientHeight ?? ROW_HEIGHT;
  const keyHost = { store, source, focusRow, removeAndFocus, targetsOf, pageHeight };

  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS));
  // A drag that ends on a playlist in the Playlists panel adds the rows to it instead of moving them.
  const trail = useRef<PointerTrail | null>(null);
  const onDragStart = ({ active }: DragStartEvent) => {
    const id = String(active.id);
    setActiveId(id);
    trail.current?.end();
    trail.current = inQueue ? followPointer() : null;
    // Dragging an unselected row drags it alone, as in a file manager.
    const state = store.getState();
    if (!source.selection(state).includes(id)) source.actions(state).select(id, 'replace');
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setActiveId(null);
    const playlistId = trail.current?.end() ?? null;
    trail.current = null;
    if (playlistId !== null) {
      store.getState().addToPlaylist(playlistId, targetsOf(String(active.id)));
      return;
    }
    if (over === null || over.id === active.id) return;
    const moving = targetsOf(String(active.id));
    if (moving.includes(String(over.id))) return;
    const to = dropIndex(itemsNow(), moving, String(active.id), String(over.id));
    source.actions(store.getState()).move(moving, to);
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      modifiers={VERTICAL_ONLY}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setActiveId(null);
        trail.current?.end();
        trail.current = null;
      }}
      accessibility={{
        announcements: queueAnnouncements(itemsNow),
        screenReaderInstructions: {
          draggable: 'To move the selected tracks, press Alt with the up or down arrow.',
        },
      }}
    >
      <ListSourceContext.Provider value={source}>
        <SortableContext items={sortableIds} strategy={verticalListSortingStrategy}>
          <div className="queue-scroll" ref={scrollRef} tabIndex={-1}>
            {/* A grid of rows, so that selection can be told (aria-selected) while each row keeps its buttons. */}
            <ul
              role="grid"
              aria-label={source.label}
              aria-rowcount={items.length}
              aria-multiselectable="true"
              className="queue"
              style={{ height: virtualizer.getTotalSize() }}
              onKeyDown={(event) => onListKeyDown(event, keyHost)}
            >
              {rowItems(rows, items).map(({ row, item }) => (
                <QueueRow
                  key={item.id}
                  item={item}
                  index={row.index}
                  top={row.start}
                  selected={selected.has(item.id)}
                  current={item.id === currentId}
                  playing={playing && item.id === currentId}
                  tabbable={item.id === tabbableId}
                  dragCount={item.id === activeId ? (selected.has(item.id) ? selection.length : 1) : 0}
                  onFocusRow={onFocusRow}
                  onRowAction={onRowAction}
                  targetsOf={targetsOf}
                />
              ))}
            </ul>
          </div>
        </SortableContext>
      </ListSourceContext.Provider>
    </DndContext>
  );
}
