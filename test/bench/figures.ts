// Benchmark figures: each printed as one line beside its bound, and optionally written as JSON.
import { writeFile } from 'node:fs/promises';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  bound: number;
  /** Whether a value must stay at or below the bound ('max') or equal it ('exact'). */
  kind: 'max' | 'exact';
  /** Extra context printed after the line (the floor, counts). */
  note?: string;
}

export function withinBound(figure: Figure): boolean {
  return figure.kind === 'exact' ? figure.value === figure.bound : figure.value <= figure.bound;
}

const round = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1));

/** `bench <name>: <value> <unit> (bound <bound>) ok` — or `over` when the bound is broken. */
export function formatFigure(figure: Figure): string {
  const verdict = withinBound(figure) ? 'ok' : 'over';
  const note = figure.note === undefined ? '' : `  [${figure.note}]`;
  return `bench ${figure.name}: ${round(figure.value)} ${figure.unit} (bound ${round(figure.bound)} ${figure.unit}) ${verdict}${note}`;
}

export async function writeJson(file: string, figures: Figure[]): Promise<void> {
  const rows = figures.map((f) => ({ ...f, ok: withinBound(f) }));
  await writeFile(file, `${JSON.stringify(rows, null, 2)}\n`);
}
