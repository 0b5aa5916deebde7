// @vitest-environment jsdom
// The queue's list lets an old generation of the items go: a callback it keeps across renders must not hold
// the render it was made in, whose items (a big paste's placeholders, long resolved) would stay alive with it.
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { QueueList } from '../../../renderer/src/components/QueueList';
import { collectGarbage } from '../../helpers/gc';
import { StoreContext } from '../../../renderer/src/store/context';
import type { QueueItem } from '../../../renderer/src/store/queue';
import { linkOf, storeWithTracks, track } from './fakes';

afterEach(cleanup);

const ITEMS = 200;

it('lets the placeholders of a paste go once the list shows the tracks they became', async () => {
  const { store } = await storeWithTracks([]);
  render(
    <StoreContext.Provider value={store}>
      <QueueList />
    </StoreContext.Provider>,
  );
  // Made and handed over in a function of its own, so that only the weak reference stays here.
  const placeholders = ((): WeakRef<readonly QueueItem[]> => {
    const items = Array.from({ length: ITEMS }, (_, i): QueueItem => ({
      id: `p${i}`,
      link: linkOf(i + 1),
      kind: 'track',
      startSeconds: 0,
      status: 'resolving',
    }));
    act(() => store.setState({ items }));
    return new WeakRef(items);
  })();
  // Each resolves into a new item with the same id (the list's ids, and the callbacks made from them, stay).
  act(() =>
    store.setState({
      items: store.getState().items.map((item, i) => ({ ...item, status: 'ready', track: track(i + 1) })),
    }),
  );
  // Renders of the list that change nothing of its items.
  act(() => store.getState().select('p1', 'replace'));
  act(() => store.getState().select('p2', 'replace'));
  await new Promise((resolve) => setTimeout(resolve, 0));
  await collectGarbage();
  expect(placeholders.deref()).toBeUndefined();
  expect(store.getState().items).toHaveLength(ITEMS);
});
