// What `npm run demo` prints: the simulator's links worth pasting, one line each with what they are.
import { LONG_FORM_MS } from './catalogue-long';
import type { CatalogueEntry } from './routes/control';

/** Users whose many tracks are shown through their set or profile rather than one by one. */
const SHOWN_WHOLE = new Set(['Tape Archive', 'Quiet Room']);

/** A long track's length (`1 h 05 min`), so the hour-long mixes and shows stand out in the list. */
function length(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * The catalogue's items as demo lines (a long track's with its length); the tracks of the large archive set and of Quiet Room's 120 uploads
 * are left out (the set and the profile are shown).
 */
export function demoLines(catalogue: readonly CatalogueEntry[]): { permalink: string; line: string }[] {
  return catalogue
    .filter((entry) => !(entry.kind === 'track' && SHOWN_WHOLE.has(entry.artist)))
    .map((entry) => {
      const long =
        entry.kind === 'track' && entry.duration >= LONG_FORM_MS ? `, ${length(entry.duration)}` : '';
      const note = (entry.role === null ? entry.kind : `${entry.kind}, ${entry.role}`) + long;
      return { permalink: entry.permalink, line: `  ${entry.permalink}   (${entry.title}; ${note})` };
    });
}
