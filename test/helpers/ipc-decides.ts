// A table of inputs and the yes-or-no a predicate must give each (URLs main opens, previews, origins), one
// test a row, for the main-process tests of such checks.
import { expect, it } from 'vitest';

/** One test per row of `table`: `decide(input)` must answer the row's verdict; `what` names the question. */
export function itDecides(
  what: string,
  decide: (input: string) => boolean,
  table: Record<string, boolean>,
): void {
  it.each(Object.entries(table))(`${what}: %s → %s`, (input, verdict) => {
    expect(decide(input)).toBe(verdict);
  });
}
