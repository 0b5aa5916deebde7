// What `npm run demo` prints: the simulator's links worth pasting, one line each with what they are.
import type { CatalogueEntry } from './routes/control';

/** The catalogue's items as demo lines; the large archive set's own tracks are left out (the set is shown). */
export function demoLines(catalogue: readonly CatalogueEntry[]): { permalink: string; line: string }[] {
  return catalogue
    .filter((entry) => !(entry.kind === 'track' && entry.artist === 'Tape Archive'))
    .map((entry) => {
      const note = entry.role === null ? entry.kind : `${entry.kind}, ${entry.role}`;
      return { permalink: entry.permalink, line: `  ${entry.permalink}   (${entry.title}; ${note})` };
    });
}
