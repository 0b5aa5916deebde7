// @vitest-environment jsdom
// The queue's summary line says when the queue is at its cap, before a paste has to be refused.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { QueueToolbar } from '../../../renderer/src/components/QueueToolbar';
import { StoreContext } from '../../../renderer/src/store/context';
import { storeWithTracks } from './fakes';

afterEach(cleanup);

describe('the queue summary', () => {
  it('says the queue is full, and its cap, once it holds as many items as it can', async () => {
    const { store } = await storeWithTracks([1, 2], { queueCap: 3 });
    render(
      <StoreContext.Provider value={store}>
        <QueueToolbar />
      </StoreContext.Provider>,
    );
    const summary = () => document.querySelector('.queue-summary')?.textContent ?? '';
    expect(summary()).toMatch(/^2 items/);
    expect(summary()).not.toMatch(/full/);
    await store.getState().addText('https://soundcloud.com/a/track-3');
    expect(await screen.findByText(/full \(at most 3\)/)).toBeDefined();
    expect(summary()).toMatch(/^3 items.* · full \(at most 3\)$/);
  });
});
