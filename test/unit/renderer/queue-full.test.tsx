// @vitest-environment jsdom
// The queue's cap in the window: the summary line says when the queue is full, and the paste box keeps the
// links a paste had no room for.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AddLinks } from '../../../renderer/src/components/AddLinks';
import { QueueToolbar } from '../../../renderer/src/components/QueueToolbar';
import { StoreContext } from '../../../renderer/src/store/context';
import { linkOf, storeWithTracks } from './fakes';

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

describe('the paste box', () => {
  it('keeps the links the queue had no room for, and only those', async () => {
    const { store } = await storeWithTracks([1], { queueCap: 3 });
    render(
      <StoreContext.Provider value={store}>
        <AddLinks />
      </StoreContext.Provider>,
    );
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Add links' });
    fireEvent.change(box, { target: { value: `${linkOf(2)} ${linkOf(3)} and ${linkOf(4)} ${linkOf(5)}` } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(box.value).toBe(`${linkOf(4)}\n${linkOf(5)}`));
    expect(screen.getByRole('alert').textContent).toBe(
      'Added 2 of 4 links: the queue holds at most 3 items. The other 2 were not added.',
    );
  });
});
