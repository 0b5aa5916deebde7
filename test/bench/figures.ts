// Benchmark figures: each printed as one line beside its bound, and optionally written as JSON.
import { writeFile } from 'node:fs/promises';

interface Measured {
  name: string;
  value: number;
  unit: string;
  /** Extra context printed after the line (the floor, counts). */
  note?: string;
}

/** A value held to a fixed bound. */
export interface AbsoluteFigure extends Measured {
  /** Whether a value must stay at or below the bound ('max') or equal it ('exact'). */
  kind: 'max' | 'exact';
  bound: number;
}

/**
 * A value held to a multiple of a baseline measured in the same run (the same work over a small case), so
 * that a loaded or slow machine, which slows both alike, does not decide the verdict.
 */
export interface RelativeFigure extends Measured {
  kind: 'ratio';
  baseline: number;
  /** The largest value ÷ baseline that passes. */
  maxRatio: number;
  /** A value at or below this passes whatever the ratio (a fast machine's small baseline). */
  orAtMost?: number;
}

export type Figure = AbsoluteFigure | RelativeFigure;

/** value ÷ baseline; a zero baseline gives 1 for a zero value and Infinity otherwise. */
export function ratioOf(figure: RelativeFigure): number {
  if (figure.baseline > 0) return figure.value / figure.baseline;
  return figure.value === 0 ? 1 : Number.POSITIVE_INFINITY;
}

export function withinBound(figure: Figure): boolean {
  if (figure.kind === 'ratio') {
    return (
      ratioOf(figure) <= figure.maxRatio || (figure.orAtMost !== undefined && figure.value <= figure.orAtMost)
    );
  }
  return figure.kind === 'exact' ? figure.value === figure.bound : figure.value <= figure.bound;
}

const round = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1));

/**
 * `bench <name>: <value> <unit> (bound <bound>) ok` — or `over` when the bound is broken. A relative figure
 * names its baseline and ratio: `bench <name>: <value> <unit>, <ratio>× baseline <baseline> <unit> (bound
 * [<orAtMost> <unit> or ]<maxRatio>×) ok`.
 */
export function formatFigure(figure: Figure): string {
  const verdict = withinBound(figure) ? 'ok' : 'over';
  const note = figure.note === undefined ? '' : `  [${figure.note}]`;
  const value = `${round(figure.value)} ${figure.unit}`;
  if (figure.kind === 'ratio') {
    const absolute = figure.orAtMost === undefined ? '' : `${round(figure.orAtMost)} ${figure.unit} or `;
    const measured = `${value}, ${ratioOf(figure).toFixed(2)}× baseline ${round(figure.baseline)} ${figure.unit}`;
    return `bench ${figure.name}: ${measured} (bound ${absolute}${figure.maxRatio}×) ${verdict}${note}`;
  }
  return `bench ${figure.name}: ${value} (bound ${round(figure.bound)} ${figure.unit}) ${verdict}${note}`;
}

export async function writeJson(file: string, figures: Figure[]): Promise<void> {
  const rows = figures.map((f) => ({
    ...f,
    ...(f.kind === 'ratio' ? { ratio: Number(ratioOf(f).toFixed(3)) } : {}),
    ok: withinBound(f),
  }));
  await writeFile(file, `${JSON.stringify(rows, null, 2)}\n`);
}
