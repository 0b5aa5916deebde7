// The play order as pure functions of the state: no store, no timers.
import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors';
import { currentItem, moveAfter, playOrder, stepInOrder } from '../../../renderer/src/store/order';
import type { QueueItem } from '../../../renderer/src/store/queue';
import { readyItem } from '../../helpers/main-saved-item';
import { track } from './fakes';

const ready = (n: number): QueueItem => readyItem(n);
const failed = (n: number): QueueItem => ({ ...ready(n), status: 'error', error: appError('NOT_FOUND') });
const blocked = (n: number): QueueItem => ({ ...ready(n), track: { ...track(n), access: 'blocked' } });

describe('playOrder', () => {
  it('is the queue’s order unless shuffled', () => {
    const items = [ready(1), ready(2), ready(3)];
    expect(playOrder({ items, shuffle: false, shuffleOrder: ['i3', 'i1', 'i2'] })).toEqual([
      'i1',
      'i2',
      'i3',
    ]);
  });

  it('while shuffled skips ids no longer in the queue and puts ids it does not know last', () => {
    const items = [ready(1), ready(2), ready(3), ready(4)];
    const order = playOrder({ items, shuffle: true, shuffleOrder: ['i3', 'gone', 'i1'] });
    expect(order).toEqual(['i3', 'i1', 'i2', 'i4']);
  });
});

describe('stepInOrder', () => {
  const state = {
    items: [ready(1), failed(2), blocked(3), ready(4), ready(5)],
    shuffle: false,
    shuffleOrder: [],
  };

  it('steps over failed and blocked items, both ways', () => {
    expect(stepInOrder(state, 'i1', 1, false)).toBe('i4');
    expect(stepInOrder(state, 'i4', -1, false)).toBe('i1');
  });

  it('stops at the ends unless it wraps, and skips what it is told to', () => {
    expect(stepInOrder(state, 'i5', 1, false)).toBeNull();
    expect(stepInOrder(state, 'i5', 1, true)).toBe('i1');
    expect(stepInOrder(state, 'i5', 1, true, new Set(['i1']))).toBe('i4');
    expect(stepInOrder(state, null, 1, false)).toBe('i1');
  });
});

describe('moveAfter', () => {
  it('moves ids, in their given order, right after another or to the front', () => {
    expect(moveAfter(['a', 'b', 'c', 'd'], ['d', 'a'], 'b')).toEqual(['b', 'd', 'a', 'c']);
    expect(moveAfter(['a', 'b', 'c'], ['c'], null)).toEqual(['c', 'a', 'b']);
  });
});

describe('currentItem', () => {
  it('is the item under the cursor, and nothing once it left the queue', () => {
    const items = [ready(1), ready(2)];
    expect(currentItem({ items, currentId: 'i2' })?.track?.id).toBe(2);
    expect(currentItem({ items, currentId: 'i9' })).toBeUndefined();
    expect(currentItem({ items, currentId: null })).toBeUndefined();
  });
});
