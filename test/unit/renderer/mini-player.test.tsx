// @vitest-environment jsdom
// The mini player in the page: the window-mode slice (main's answer is the layout), main's window-mode event,
// the player bar's button and Ctrl/Cmd+Shift+M, and the compact layout: what plays, the transport and the
// seek bar shown, the queue hidden but kept, Escape leaving it as it is.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../../shared/errors';
import { App } from '../../../renderer/src/components/App';
import { shortcutGroups } from '../../../renderer/src/components/ShortcutsDialog';
import { isMiniShortcut } from '../../../renderer/src/components/useGlobalShortcuts';
import type { AppStore } from '../../../renderer/src/store';
import { StoreContext } from '../../../renderer/src/store/context';
import { startDesktop } from '../../../renderer/src/store/desktop';
import { createLiveStore, currentNumber, fakeApi, flush, idOf, storeWithTracks } from './fakes';

const NEVER = new Promise<never>(() => undefined);

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The whole window, as main.tsx renders it, with the desktop observer hearing main's events. */
function renderApp(store: AppStore, api: ReturnType<typeof fakeApi>): () => void {
  const stop = startDesktop(store, api, { getPosition: () => 0, restored: NEVER });
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  return stop;
}

const queue = () => screen.queryByRole('grid', { name: 'Queue' });
const miniPlayer = () => screen.queryByRole('region', { name: 'Mini player' });

describe('the window-mode slice', () => {
  it('asks main and lays out what main answers', async () => {
    const api = fakeApi({});
    const store = createLiveStore(api);
    expect(store.getState().mini).toBe(false);
    await store.getState().setMini(true);
    expect(api.windowMode).toHaveBeenLastCalledWith({ mini: true });
    expect(store.getState().mini).toBe(true);
    await store.getState().toggleMini();
    expect(api.windowMode).toHaveBeenLastCalledWith({ mini: false });
    expect(store.getState().mini).toBe(false);
  });

  it('stays full when main cannot make the window mini, or cannot be reached', async () => {
    const api = fakeApi({});
    api.windowMode.mockResolvedValueOnce({ ok: true, value: { mini: false } });
    const store = createLiveStore(api);
    await store.getState().setMini(true);
    expect(store.getState().mini).toBe(false);
    api.windowMode.mockResolvedValueOnce({ ok: false, error: appError('NETWORK') });
    await store.getState().setMini(true);
    expect(store.getState().mini).toBe(false);
  });

  it('follows main when the tray switches the window, or it leaves mini by itself', async () => {
    const api = fakeApi({});
    const store = createLiveStore(api);
    const stop = startDesktop(store, api, { getPosition: () => 0, restored: NEVER });
    api.emit({ type: 'window-mode', mini: true });
    expect(store.getState().mini).toBe(true);
    api.emit({ type: 'window-mode', mini: false });
    expect(store.getState().mini).toBe(false);
    stop();
    await flush();
    // Asked by the tray, not by the page: the page does not ask main again.
    expect(api.windowMode).not.toHaveBeenCalled();
  });
});

describe('the compact layout', () => {
  it('shows what plays, the transport and the seek bar; Next plays on; Full window brings the queue back', async () => {
    const { store, api } = await storeWithTracks([1, 2]);
    renderApp(store, api);
    act(() => store.getState().play(idOf(store, 1)));
    fireEvent.change(screen.getByRole('textbox', { name: 'Add links' }), { target: { value: 'half-typed' } });
    const button = screen.getByRole('button', { name: 'Mini player' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(miniPlayer()).toBeNull();

    fireEvent.click(button);
    await act(flush);
    expect(api.windowMode).toHaveBeenLastCalledWith({ mini: true });
    expect(queue()).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Add links' })).toBeNull();
    const mini = within(miniPlayer() ?? document.body);
    expect(mini.getByText('Track 1')).toBeTruthy();
    expect(mini.getByRole('slider', { name: 'Seek' })).toBeTruthy();
    for (const name of ['Previous', 'Next', 'Full window'])
      expect(mini.getByRole('button', { name })).toBeTruthy();
    // The way back has the focus: the button that was pressed is hidden with the full layout.
    expect(document.activeElement).toBe(mini.getByRole('button', { name: 'Full window' }));

    fireEvent.click(mini.getByRole('button', { name: 'Next' }));
    expect(currentNumber(store)).toBe(2);
    expect(mini.getByText('Track 2')).toBeTruthy();

    fireEvent.click(mini.getByRole('button', { name: 'Full window' }));
    await act(flush);
    expect(api.windowMode).toHaveBeenLastCalledWith({ mini: false });
    expect(miniPlayer()).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Mini player' }));
    // The same queue, both tracks in it (jsdom lays out no rows of the virtual list: its count says).
    expect(queue()?.getAttribute('aria-rowcount')).toBe('2');
    // Kept, not made again: what was being typed is still there.
    expect((screen.getByRole('textbox', { name: 'Add links' }) as HTMLTextAreaElement).value).toBe(
      'half-typed',
    );
  });

  it('Ctrl/Cmd+Shift+M switches both ways; Escape does not leave the mini player', async () => {
    const { store, api } = await storeWithTracks([1]);
    renderApp(store, api);
    fireEvent.keyDown(document.body, { key: 'M', ctrlKey: true, shiftKey: true });
    await act(flush);
    expect(miniPlayer()).not.toBeNull();
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    await act(flush);
    expect(miniPlayer()).not.toBeNull();
    expect(store.getState().mini).toBe(true);
    fireEvent.keyDown(document.body, { key: 'm', metaKey: true, shiftKey: true });
    await act(flush);
    expect(miniPlayer()).toBeNull();
    expect(queue()).not.toBeNull();
    expect(api.windowMode.mock.calls.map(([arg]) => arg.mini)).toEqual([true, false]);
  });

  it('turns compact when main says the tray asked for it', async () => {
    const { store, api } = await storeWithTracks([1]);
    renderApp(store, api);
    act(() => api.emit({ type: 'window-mode', mini: true }));
    expect(miniPlayer()).not.toBeNull();
    expect(queue()).toBeNull();
    act(() => api.emit({ type: 'window-mode', mini: false }));
    expect(queue()).not.toBeNull();
  });
});

describe('the shortcut', () => {
  const key = (
    key: string,
    mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>>,
  ) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });

  it('is Ctrl or Cmd with Shift and M, nothing less and nothing more', () => {
    expect(isMiniShortcut(key('M', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isMiniShortcut(key('m', { metaKey: true, shiftKey: true }))).toBe(true);
    expect(isMiniShortcut(key('m', { shiftKey: true }))).toBe(false);
    expect(isMiniShortcut(key('m', { ctrlKey: true }))).toBe(false);
    expect(isMiniShortcut(key('M', { ctrlKey: true, shiftKey: true, altKey: true }))).toBe(false);
    expect(isMiniShortcut(key('N', { ctrlKey: true, shiftKey: true }))).toBe(false);
  });

  it('is in the shortcuts list, under Window', () => {
    const window = shortcutGroups().find((group) => group.title === 'Window');
    expect(window?.shortcuts.find((shortcut) => shortcut.keys.join('+').endsWith('Shift+M'))?.what).toBe(
      'Mini player or full window',
    );
  });
});
