// The queue list's ids: one array kept while only items' contents change, a new one when the ids do.
import { describe, expect, it } from 'vitest';
import { keepIds } from '../../../renderer/src/components/itemIds';
import type { QueueItem } from '../../../renderer/src/store/queue';

const item = (id: string, status: QueueItem['status'] = 'resolving'): QueueItem => ({
  id,
  link: `https://soundcloud.com/a/${id}`,
  kind: 'track',
  startSeconds: 0,
  status,
});

describe('keepIds', () => {
  it('gives the same array while the ids stay, and a new one when they change', () => {
    const idsOf = keepIds();
    const first = idsOf([item('a'), item('b'), item('c')]);
    expect(first).toEqual(['a', 'b', 'c']);
    // "b" resolved: a new item object, the same id.
    expect(idsOf([item('a'), item('b', 'ready'), item('c')])).toBe(first);

    const moved = idsOf([item('b'), item('a'), item('c')]);
    expect(moved).toEqual(['b', 'a', 'c']);
    expect(moved).not.toBe(first);
    const shorter = idsOf([item('b'), item('a')]);
    expect(shorter).toEqual(['b', 'a']);
    expect(idsOf([item('b'), item('a')])).toBe(shorter);
  });

  it('keeps one list apart from another', () => {
    const one = keepIds();
    const other = keepIds();
    const mine = one([item('a')]);
    expect(other([item('a')])).not.toBe(mine);
    expect(one([item('a', 'ready')])).toBe(mine);
  });
});
