// The stretch of a long queue that dnd-kit sorts: it holds every rendered row, and moves seldom.
import { describe, expect, it } from 'vitest';
import { SORTABLE_STEP, sortableSpan } from '../../../renderer/src/components/sortableSpan';

describe('sortableSpan', () => {
  it('covers a short queue whole', () => {
    expect(sortableSpan(0, 11, 50)).toEqual({ start: 0, end: 50 });
  });

  it('holds the rendered rows of a long queue with a margin, however they fall against the steps', () => {
    for (const first of [0, 1, 255, 256, 300, 511, 4_990, 9_960]) {
      const last = Math.min(first + 40, 9_999);
      const { start, end } = sortableSpan(first, last, 10_000);
      expect(start).toBeLessThanOrEqual(first);
      expect(end).toBeGreaterThan(last);
      expect(end - start).toBeLessThanOrEqual(3 * SORTABLE_STEP);
      expect(end).toBeLessThanOrEqual(10_000);
    }
  });

  it('stays the same while the list scrolls within a step, and moves by whole steps', () => {
    const spans = new Set<string>();
    // 1,000 rows scrolled one at a time: about four changes, not a thousand.
    for (let first = 1_000; first < 2_000; first++)
      spans.add(JSON.stringify(sortableSpan(first, first + 30, 10_000)));
    expect(spans.size).toBeLessThanOrEqual(Math.ceil(1_000 / SORTABLE_STEP) + 1);
    for (const span of spans) {
      const { start } = JSON.parse(span) as { start: number };
      expect(start % SORTABLE_STEP).toBe(0);
    }
  });

  it('stretches to the dragged row when auto-scroll has taken the list far from it', () => {
    const { start, end } = sortableSpan(12, 7_030, 10_000);
    expect(start).toBe(0);
    expect(end).toBeGreaterThan(7_030);
  });
});
