// What `npm run demo` prints: the simulator's links worth pasting, one line each with what they are.
import type { CatalogueEntry } from './routes/control';

/** Users whose many tracks are shown through their set or profile rather than one by one. */
const SHOWN_WHOLE = new Set(['Tape Archive', 'Quiet Room']);

/**
 * The catalogue's items as demo lines; the tracks of the large archive set and of Quiet Room's 120 uploads
 * are left out (the set and the profile are shown).
 */
export function demoLines(catalogue: readonly CatalogueEntry[]): { permalink: string; line: string }[] {
  return catalogue
    .filter((entry) => !(entry.kind === 'track' && SHOWN_WHOLE.has(entry.artist)))
    .map((entry) => {
      const note = entry.role === null ? entry.kind : `${entry.kind}, ${entry.role}`;
      return { permalink: entry.permalink, line: `  ${entry.permalink}   (${entry.title}; ${note})` };
    });
}
