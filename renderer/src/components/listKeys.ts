// The keys of a list of rows, the queue's or an open playlist's: arrows, Page Up/Down and Home/End (with Shift
// for a range, Ctrl/Cmd to move the focus alone), Alt+↑/↓ to move, Enter to play, Delete to remove,
// Ctrl/Cmd+A to select all and Escape to clear the selection.
import type { KeyboardEvent } from 'react';
import type { AppStore } from '../store';
import type { ListSource } from './listSource';
import { ROW_HEIGHT } from './QueueRow';

export interface ListKeyHost {
  store: AppStore;
  source: ListSource;
  focusRow(id: string): void;
  /** Removes the row's targets, the focus going on to the row that takes its place. */
  removeAndFocus(id: string, selectSurvivor: boolean): void;
  /** The selection if the row is in it, else the row. */
  targetsOf(id: string): string[];
  /** The list's visible height, for Page Up/Down. */
  pageHeight(): number;
}

export function onListKeyDown(event: KeyboardEvent<HTMLUListElement>, host: ListKeyHost): void {
  const rowElement = (event.target as Element).closest<HTMLElement>('[data-item-id]');
  const id = rowElement?.dataset['itemId'];
  if (rowElement === null || id === undefined) return;
  const onRow = event.target === rowElement;
  const state = host.store.getState();
  const items = host.source.items(state);
  const actions = host.source.actions(state);
  const index = items.findIndex((item) => item.id === id);
  const mod = event.ctrlKey || event.metaKey;
  const last = items.length - 1;
  const go = (to: number) => {
    const target = items[Math.max(0, Math.min(last, to))];
    if (target === undefined) return;
    if (event.shiftKey) actions.select(target.id, 'range');
    else if (!mod) actions.select(target.id, 'replace');
    host.focusRow(target.id);
  };

  if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    actions.moveBy(host.targetsOf(id), event.key === 'ArrowUp' ? -1 : 1);
    host.focusRow(id);
  } else if (event.altKey) {
    return;
  } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
    go(index + (event.key === 'ArrowUp' ? -1 : 1));
  } else if (event.key === 'PageUp' || event.key === 'PageDown') {
    const page = Math.max(1, Math.floor(host.pageHeight() / ROW_HEIGHT) - 1);
    go(index + (event.key === 'PageUp' ? -page : page));
  } else if (event.key === 'Home' || event.key === 'End') {
    go(event.key === 'Home' ? 0 : last);
  } else if (onRow && event.key === 'Enter') {
    actions.play(id);
  } else if (onRow && (event.key === 'Delete' || event.key === 'Backspace')) {
    host.removeAndFocus(id, true);
  } else if (mod && !event.shiftKey && event.key.toLowerCase() === 'a') {
    actions.selectAll();
  } else if (event.key === 'Escape' && host.source.selection(state).length > 0) {
    actions.clearSelection();
  } else {
    return;
  }
  event.preventDefault();
}
