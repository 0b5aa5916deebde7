// @vitest-environment jsdom
// The player bar's "Playback options" menu in the page: a menu button whose menu holds the speeds, "stop after
// this track" and the sleep timer; arrow keys move through it, Escape closes it and gives focus back; the
// time left shows in the menu and on the button.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlayerMenu } from '../../../renderer/src/components/PlayerMenu';
import type { AppStore } from '../../../renderer/src/store';
import { StoreContext } from '../../../renderer/src/store/context';
import { storeWithTracks } from './fakes';

let clock = 0;

beforeEach(() => {
  clock = 5_000_000;
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function renderMenu(): Promise<AppStore> {
  const { store } = await storeWithTracks([1, 2], { now: () => clock });
  store.getState().play();
  render(
    <StoreContext.Provider value={store}>
      <PlayerMenu />
    </StoreContext.Provider>,
  );
  return store;
}

const menuButton = () => screen.getByRole('button', { name: /^Playback options/ });

function openMenu(): HTMLElement {
  fireEvent.click(menuButton());
  return screen.getByRole('menu', { name: 'Playback options' });
}

describe('the playback options menu', () => {
  it('is a menu button whose menu has the speeds, the stop option and the sleep timer', async () => {
    await renderMenu();
    expect(menuButton().getAttribute('aria-haspopup')).toBe('menu');
    expect(menuButton().getAttribute('aria-expanded')).toBe('false');
    const menu = openMenu();
    expect(menuButton().getAttribute('aria-expanded')).toBe('true');
    const speeds = within(within(menu).getByRole('group', { name: 'Speed' })).getAllByRole('menuitemradio');
    expect(speeds.map((item) => item.textContent)).toEqual([
      '0.5×',
      '0.75×',
      '1×',
      '1.25×',
      '1.5×',
      '1.75×',
      '2×',
    ]);
    expect(within(menu).getByRole('menuitemradio', { name: '1×' }).getAttribute('aria-checked')).toBe('true');
    expect(within(menu).getByRole('menuitemcheckbox', { name: 'Stop after this track' })).toBeTruthy();
    const sleep = within(within(menu).getByRole('group', { name: 'Sleep timer' })).getAllByRole(
      'menuitemradio',
    );
    expect(sleep.map((item) => item.textContent)).toEqual([
      'Off',
      '15 min',
      '30 min',
      '60 min',
      'End of track',
    ]);
    // Focus starts on the checked speed.
    expect(document.activeElement?.textContent).toBe('1×');
  });

  it('sets the speed and the stop option from the menu', async () => {
    const store = await renderMenu();
    const menu = openMenu();
    fireEvent.click(within(menu).getByRole('menuitemradio', { name: '1.5×' }));
    expect(store.getState().speeds.other).toBe(1.5);
    expect(within(menu).getByRole('menuitemradio', { name: '1.5×' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    fireEvent.click(within(menu).getByRole('menuitemcheckbox', { name: 'Stop after this track' }));
    expect(store.getState().stopAfterCurrent).toBe(true);
    expect(
      within(menu).getByRole('menuitemradio', { name: 'End of track' }).getAttribute('aria-checked'),
    ).toBe('true');
  });

  it('moves with the arrow keys (wrapping), and Escape closes it and gives focus back to the button', async () => {
    await renderMenu();
    const menu = openMenu();
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('1.25×');
    fireEvent.keyDown(menu, { key: 'End' });
    expect(document.activeElement?.textContent).toBe('End of track');
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('0.5×');
    fireEvent.keyDown(menu, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toBe('End of track');
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(menuButton());
  });

  it('shows the sleep timer’s time left in the menu and on the button, counting down', async () => {
    vi.useFakeTimers();
    await renderMenu();
    const menu = openMenu();
    fireEvent.click(within(menu).getByRole('menuitemradio', { name: '15 min' }));
    expect(within(menu).getByRole('group', { name: 'Sleep in 15:00' })).toBeTruthy();
    expect(menuButton().getAttribute('aria-label')).toBe('Playback options (sleep timer on)');
    expect(menuButton().title).toBe('Playback options (Sleep in 15:00)');
    expect(menuButton().querySelector('.player-menu-badge.sleeping')).not.toBeNull();
    act(() => {
      clock += 28_000;
      vi.advanceTimersByTime(1_000);
    });
    expect(menuButton().title).toBe('Playback options (Sleep in 14:32)');
    expect(within(menu).getByRole('group', { name: 'Sleep in 14:32' })).toBeTruthy();
    fireEvent.click(within(menu).getByRole('menuitemradio', { name: '1.25×' }));
    expect(menuButton().getAttribute('aria-label')).toBe('Playback options (1.25×, sleep timer on)');
    expect(menuButton().title).toBe('Playback options (1.25×, Sleep in 14:32)');
    fireEvent.click(within(menu).getByRole('menuitemradio', { name: 'Off' }));
    expect(menuButton().getAttribute('aria-label')).toBe('Playback options (1.25×)');
    expect(menuButton().querySelector('.player-menu-badge')?.textContent).toBe('1.25×');
    expect(menuButton().querySelector('.player-menu-badge.sleeping')).toBeNull();
    fireEvent.click(within(menu).getByRole('menuitemradio', { name: '1×' }));
    expect(menuButton().getAttribute('aria-label')).toBe('Playback options');
    expect(menuButton().querySelector('.player-menu-badge')).toBeNull();
  });
});
