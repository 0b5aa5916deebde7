// Covers the tray's Mini player item (tray-state.ts, tray.ts): a check item that shows the window's mode,
// switches it, follows it, and is there only while there is a window to make small.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { installTray, type TrayIcon } from '../../electron/desktop/tray';
import {
  NOTHING_PLAYING,
  menuTemplate,
  trayMenu,
  type MenuTemplateItem,
  type TrayCommand,
} from '../../electron/desktop/tray-state';
import { FakeEmitter, FakeWindow } from '../helpers/desktop-fakes';

const PLAYING = {
  track: { id: 7, title: 'Lantern Hum', artist: 'Night Owl' },
  playing: true,
  canNext: true,
  canPrevious: true,
};

describe('the Mini player item', () => {
  it('sits with the window’s items, checked while the window is the mini player', () => {
    const items = trayMenu(PLAYING, true, 'linux', true);
    const at = items.findIndex((item) => item.kind === 'check');
    expect(items[at]).toEqual({ kind: 'check', command: 'mini', label: 'Mini player', checked: true });
    expect(items[at + 1]).toMatchObject({ kind: 'command', command: 'window' });
    expect(trayMenu(PLAYING, true, 'linux', false)[at]).toMatchObject({ kind: 'check', checked: false });
    // Without a window there is nothing to make small: no item.
    expect(trayMenu(PLAYING, false, 'linux').some((item) => item.kind === 'check')).toBe(false);
  });

  it('becomes a checkbox of Electron’s menu that runs the mini command', () => {
    expectTypeOf<MenuTemplateItem>().toExtend<MenuItemConstructorOptions>();
    const ran: TrayCommand[] = [];
    const template = menuTemplate(trayMenu(NOTHING_PLAYING, true, 'linux', false), (c) => ran.push(c));
    const item = template.find((entry) => entry.label === 'Mini player');
    expect(item).toMatchObject({ type: 'checkbox', checked: false });
    item?.click?.();
    expect(ran).toEqual(['mini']);
  });
});

describe('the tray with a mini player', () => {
  function setup() {
    let menu: MenuTemplateItem[] = [];
    const icon: TrayIcon<MenuTemplateItem[]> = {
      setContextMenu: (built) => (menu = built ?? []),
      setToolTip: () => undefined,
      on: () => undefined,
      destroy: () => undefined,
    };
    const state = { window: new FakeWindow() as FakeWindow | null, mini: false, toggles: 0 };
    const tray = installTray({
      app: Object.assign(new FakeEmitter(), { quit: () => undefined }),
      createTray: () => icon,
      buildMenu: (template) => template,
      window: () => state.window,
      openWindow: () => undefined,
      command: () => undefined,
      mini: {
        active: () => state.mini,
        toggle: () => {
          state.toggles++;
          state.mini = !state.mini;
          tray.refresh();
        },
      },
      keepPlayingInTray: () => true,
      platform: 'linux',
    });
    const item = () => menu.find((entry) => entry.label === 'Mini player');
    return { state, tray, item };
  }

  it('switches the mode from the menu, and the check mark follows it however it changed', () => {
    const { state, tray, item } = setup();
    expect(item()?.checked).toBe(false);
    item()?.click?.();
    expect(state.toggles).toBe(1);
    expect(item()?.checked).toBe(true);
    // Changed from the page (the button, the shortcut): the desktop asks the tray to draw again.
    state.mini = false;
    tray.refresh();
    expect(item()?.checked).toBe(false);
  });

  it('offers no mini player once the window is gone', () => {
    const { state, tray, item } = setup();
    state.window = null;
    tray.refresh();
    expect(item()).toBeUndefined();
  });
});
