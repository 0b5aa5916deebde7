// Display formatting: durations, counts and waits.
import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatWait } from '../../../renderer/src/format';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [12_345, '12,345'],
    [1_234_567, '1,234,567'],
    [-4500, '-4,500'],
  ])('%d → %s', (count, text) => {
    expect(formatCount(count)).toBe(text);
  });

  it('groups like the English locale for any count', () => {
    for (let n = 0; n < 2_000_000; n += 7919) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [83_000, '1:23'],
    [3_723_000, '1:02:03'],
    [-5, '0:00'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatWait', () => {
  it.each([
    [0, '0 s'],
    [1, '1 s'],
    [59, '59 s'],
    [58.2, '59 s'],
    [59.2, '1 min'],
    [60, '1 min'],
    [125, '2 min 5 s'],
    [-3, '0 s'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });
});
