// Display formatting: durations, counts and waits.
import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatWait } from '../../../renderer/src/format';

/** Rows of one formatter's table: each value and the text it must show as. */
const rows = (format: (value: number) => string, table: [number, string][]) =>
  table.map(([value, text]) => ({ name: format.name, format, value, text }));

describe('display formatting', () => {
  it.each([
    // Counts: grouped by thousands.
    ...rows(formatCount, [
      [0, '0'],
      [7, '7'],
      [999, '999'],
      [1000, '1,000'],
      [12_345, '12,345'],
      [1_234_567, '1,234,567'],
      [-4500, '-4,500'],
    ]),
    // Durations in ms: minutes and seconds, hours when there are any, never negative.
    ...rows(formatDuration, [
      [0, '0:00'],
      [83_000, '1:23'],
      [3_723_000, '1:02:03'],
      [-5, '0:00'],
    ]),
    // Waits in s: seconds rounded up, minutes from 60 s on.
    ...rows(formatWait, [
      [0, '0 s'],
      [1, '1 s'],
      [59, '59 s'],
      [58.2, '59 s'],
      [59.2, '1 min'],
      [60, '1 min'],
      [125, '2 min 5 s'],
      [-3, '0 s'],
    ]),
  ])('$name($value) → $text', ({ format, value, text }) => {
    expect(format(value)).toBe(text);
  });

  it('groups counts like the English locale for any count', () => {
    for (let n = 0; n < 2_000_000; n += 7919) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});
