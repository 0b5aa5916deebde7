// The benchmarks' verdicts: a fixed bound, or a ratio to a baseline from the same run (with an absolute way out).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFigure, ratioOf, withinBound, writeJson, type RelativeFigure } from '../bench/figures';
import { baselineFigure } from '../bench/list-figures';
import { useTempFolder } from '../helpers/temp-folder';

const render = (value: number, baseline: number): RelativeFigure => ({
  name: 'queue-render-10k',
  value,
  unit: 'ms',
  kind: 'ratio',
  baseline,
  maxRatio: 2,
  orAtMost: 150,
});
const scroll = (value: number, baseline: number): RelativeFigure => ({
  name: 'queue-scroll-frame-p95',
  value,
  unit: 'ms',
  kind: 'ratio',
  baseline,
  maxRatio: 1.5,
});

describe('benchmark figures', () => {
  const folder = useTempFolder('cloudcue-figures-');

  it('holds a maximum and an exact figure to their bound', () => {
    const max = { name: 'save', value: 50, unit: 'ms', kind: 'max', bound: 50 } as const;
    expect(withinBound(max)).toBe(true);
    expect(withinBound({ ...max, value: 50.1 })).toBe(false);
    expect(withinBound({ ...max, kind: 'exact', value: 49 })).toBe(false);
    expect(formatFigure({ ...max, value: 60 })).toBe('bench save: 60 ms (bound 50 ms) over');
  });

  it('passes a relative figure within its ratio of the baseline, or under its absolute way out', () => {
    expect(withinBound(render(400, 200))).toBe(true); // 2× exactly
    expect(withinBound(render(401, 200))).toBe(false);
    expect(withinBound(render(150, 40))).toBe(true); // 3.75×, but within 150 ms
    expect(withinBound(render(151, 40))).toBe(false);
    expect(withinBound(scroll(31, 20))).toBe(false); // no absolute way out, however small
    expect(withinBound(scroll(30, 20))).toBe(true);
  });

  it('prints the value, the ratio, the baseline and both bounds on one line', () => {
    expect(formatFigure(render(300, 120))).toBe(
      'bench queue-render-10k: 300 ms, 2.50× baseline 120 ms (bound 150 ms or 2×) over',
    );
    expect(formatFigure({ ...scroll(16.7, 16.7), note: 'medians' })).toBe(
      'bench queue-scroll-frame-p95: 16.7 ms, 1.00× baseline 16.7 ms (bound 1.5×) ok  [medians]',
    );
  });

  it('treats a zero baseline as no room at all, unless the value is zero too', () => {
    expect(ratioOf(render(0, 0))).toBe(1);
    expect(ratioOf(render(5, 0))).toBe(Number.POSITIVE_INFINITY);
  });

  it('makes a list figure of the medians of the large and the baseline list, every run in its note', () => {
    const figure = baselineFigure(
      'queue-render-10k',
      { items: 10_000, runs: [120.44, 90, 300] },
      { items: 50, runs: [40, 60.06, 50] },
      { maxRatio: 2, orAtMost: 150 },
    );
    expect(figure).toEqual({
      ...render(120.4, 50),
      note: 'medians of 3 fresh pages; 10,000 items: 120.4, 90, 300; 50 items (baseline): 40, 60.1, 50',
    });
    // Rounded as the suite asks, the upper of two middles taken.
    const whole = baselineFigure(
      'scroll',
      { items: 2, runs: [1.26, 3.7] },
      { items: 1, runs: [2.5] },
      { maxRatio: 1.5 },
      Math.round,
    );
    expect(whole).toMatchObject({ value: 4, baseline: 3, maxRatio: 1.5 });
    expect(whole).not.toHaveProperty('orAtMost');
  });

  it('writes the ratio and the verdict into the JSON', async () => {
    const file = join(folder(), 'figures.json');
    await writeJson(file, [render(90, 60), { name: 'heap', value: 10, unit: 'MB', kind: 'max', bound: 120 }]);
    const rows = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ name: 'queue-render-10k', ratio: 1.5, ok: true });
    expect(rows[1]).toMatchObject({ name: 'heap', ok: true });
    expect(rows[1]).not.toHaveProperty('ratio');
  });
});
