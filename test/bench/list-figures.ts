// What the renderer's list benchmarks share: the frame p95 while a list scrolls in the page, and a figure made
// of a large list's runs against a small baseline list's runs from the same rounds (medians; every run noted).
import type { Page } from 'playwright-core';
import type { RelativeFigure } from './figures';

/** Pixels scrolled per frame: 12,000 px/s, a brisk flick through a list (about 3.5 rows a frame). */
const SCROLL_STEP_PX = 200;
const SCROLL_FRAMES = 240;

/**
 * The 95th percentile of frame times while the list at `selector` (or its nearest scroll container) scrolls
 * by SCROLL_STEP_PX each frame, turning back at either end (a 50-row list is only a few flicks long), so that
 * every frame has rows to bring in.
 */
export function scrollP95(page: Page, selector: string): Promise<number> {
  return page.evaluate(
    async ({ list, stepPx, frameCount }) => {
      const g = globalThis as unknown as {
        document: { querySelector(s: string): unknown };
        requestAnimationFrame(cb: (t: number) => void): void;
      };
      interface Box {
        scrollTop: number;
        scrollHeight: number;
        clientHeight: number;
        parentElement: Box | null;
      }
      let scroller = g.document.querySelector(list) as Box | null;
      while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
      if (!scroller) throw new Error(`no scrolling list at ${list}`);
      const target = scroller;
      const frames: number[] = [];
      await new Promise<void>((resolve) => {
        let last = 0;
        let count = 0;
        let direction = 1;
        const step = (time: number): void => {
          if (last > 0) frames.push(time - last);
          last = time;
          const end = target.scrollHeight - target.clientHeight;
          const next = target.scrollTop + direction * stepPx;
          if (next > end || next < 0) direction = -direction;
          target.scrollTop = Math.max(0, Math.min(end, next));
          if (++count < frameCount) g.requestAnimationFrame(step);
          else resolve();
        };
        g.requestAnimationFrame(step);
      });
      frames.sort((a, b) => a - b);
      return frames[Math.floor(frames.length * 0.95)] ?? 0;
    },
    { list: selector, stepPx: SCROLL_STEP_PX, frameCount: SCROLL_FRAMES },
  );
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export const tenths = (n: number): number => Number(n.toFixed(1));

/** One list's runs of a measure: how many items it held, and the figure of each round. */
export interface ListRuns {
  items: number;
  runs: readonly number[];
}

/**
 * `name`: the median of `large`'s runs against the median of `baseline`'s, held to `bound`; the note gives
 * each run, so that a loaded machine's spread shows beside the medians. `round` rounds both medians.
 */
export function baselineFigure(
  name: string,
  large: ListRuns,
  baseline: ListRuns,
  bound: Pick<RelativeFigure, 'maxRatio' | 'orAtMost'>,
  round: (n: number) => number = tenths,
): RelativeFigure {
  return {
    name,
    value: round(median(large.runs)),
    unit: 'ms',
    kind: 'ratio',
    baseline: round(median(baseline.runs)),
    maxRatio: bound.maxRatio,
    ...(bound.orAtMost === undefined ? {} : { orAtMost: bound.orAtMost }),
    note:
      `medians of ${large.runs.length} fresh pages; ${large.items.toLocaleString('en')} items: ` +
      `${large.runs.map(tenths).join(', ')}; ${baseline.items} items (baseline): ` +
      `${baseline.runs.map(tenths).join(', ')}`,
  };
}
