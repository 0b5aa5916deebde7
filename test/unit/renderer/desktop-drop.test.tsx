// @vitest-environment jsdom
// Links dropped on the queue: added as a paste adds them, and with Shift held the first of them plays now.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { QueuePanel } from '../../../renderer/src/components/QueuePanel';
import { StoreContext } from '../../../renderer/src/store/context';
import { flush, idOf, linkOf, numbers, storeWithTracks } from './fakes';

/** A drop's data as Chromium gives it for links dragged out of a browser. */
function dropData(links: string[]): Pick<DataTransfer, 'types' | 'getData'> {
  const uris = links.join('\r\n');
  return { types: ['text/uri-list'], getData: (type) => (type === 'text/uri-list' ? uris : '') };
}

afterEach(cleanup);

describe('a drop on the queue', () => {
  it.each([
    [false, 'adds the links and leaves the player as it was'],
    [true, 'with Shift, adds them and plays the first one now'],
  ])('shift %s: %s', async (shiftKey) => {
    const { store } = await storeWithTracks([1]);
    render(
      <StoreContext.Provider value={store}>
        <QueuePanel />
      </StoreContext.Provider>,
    );
    await act(async () => {
      // jsdom has no DragEvent: a mouse event (which carries the modifier keys) with the drop's data.
      const drop = new MouseEvent('drop', { bubbles: true, cancelable: true, shiftKey });
      Object.defineProperty(drop, 'dataTransfer', { value: dropData([linkOf(2), linkOf(3)]) });
      fireEvent(screen.getByRole('main'), drop);
      await flush();
    });
    expect(numbers(store)).toEqual([1, 2, 3]);
    expect(store.getState().playing).toBe(shiftKey);
    expect(store.getState().currentId).toBe(shiftKey ? idOf(store, 2) : null);
  });
});
