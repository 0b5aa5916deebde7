// What the window says after an action: where a paste's rows went, and the toast that offers an undo.
import { formatCount } from '../format';

/** A short-lived message about a removal, with the Undo that takes it back. */
export interface Toast {
  serial: number;
  message: string;
  /** "Undo clear (26 tracks)". */
  undoLabel: string;
}

/** The last paste's new rows (highlighted briefly), and where they went. */
export interface JustAdded {
  ids: ReadonlySet<string>;
  message: string;
}

/** Where a paste's rows went: "Added 3 links at the end of the queue (rows 597–599)." */
export function addedMessage(count: number, before: number): string {
  const links = count === 1 ? 'link' : `${formatCount(count)} links`;
  if (before === 0) return count === 1 ? 'Added 1 link.' : `Added ${links}.`;
  const first = formatCount(before + 1);
  const last = formatCount(before + count);
  const rows = count === 1 ? `row ${first}` : `rows ${first}–${last}`;
  return `Added ${count === 1 ? '1 link' : links} at the end of the queue (${rows}).`;
}
