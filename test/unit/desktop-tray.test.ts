// Covers electron/desktop/text.ts, tray-state.ts and tray.ts: one-line track text, the tray's menu for each
// player state, the close-to-tray policy, and the tray on fakes of Electron's Tray, window and app.
import type { App, BrowserWindow, Menu, MenuItemConstructorOptions, Tray } from 'electron';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { oneLine } from '../../electron/desktop/text';
import {
  MENU_TRACK_CHARS,
  TOOLTIP_CHARS,
  closeAction,
  keepPlayingInTrayByDefault,
  menuTemplate,
  trackLine,
  trayMenu,
  trayTooltip,
  type MenuTemplateItem,
  type NowPlaying,
  type PlayerCommand,
  type TrayMenuItem,
} from '../../electron/desktop/tray-state';
import { installTray, type TrayApp, type TrayIcon, type TrayWindow } from '../../electron/desktop/tray';
import { FakeWindow } from '../helpers/desktop-fakes';

const graphemes = (text: string): number => [...new Intl.Segmenter().segment(text)].length;

describe('oneLine', () => {
  it('removes line breaks, controls and direction overrides, and collapses whitespace', () => {
    expect(oneLine('  Night\nOwl\t\u0007— \u202eLive\u202c  ', 50)).toBe('Night Owl — Live');
  });

  it('cleans as the app shows remote text, and drops the direction marks too', () => {
    expect(oneLine('Lan\u200btern\ufeff \u200fHum\u200e\u061c', 50)).toBe('Lantern Hum');
    expect(oneLine('a\u2028b\u2029c', 50)).toBe('a b c');
  });

  it('cuts between graphemes and ends with an ellipsis', () => {
    expect(oneLine('abcdefghij', 5)).toBe('abcd…');
    expect(oneLine('abcde', 5)).toBe('abcde');
    // A family emoji is one grapheme of 11 UTF-16 units: never split.
    const family = '👨‍👩‍👧‍👦';
    expect(oneLine(`${family}${family}${family}`, 2)).toBe(`${family}…`);
    expect(oneLine('e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301e\u0301');
  });

  it('never exceeds its length, never holds a control character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.integer({ min: 1, max: 80 }),
        (text, max) => {
          const line = oneLine(text, max);
          return (
            graphemes(line) <= max &&
            !/[\p{Cc}\u200b\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/u.test(line)
          );
        },
      ),
    );
  });
});

const TRACK = { id: 7, title: 'Lantern Hum', artist: 'Night Owl' };
const playing: NowPlaying = { track: TRACK, playing: true, canNext: true, canPrevious: false };
const commands = (items: TrayMenuItem[]) =>
  items.flatMap((item) => (item.kind === 'command' ? [[item.command, item.label, item.enabled]] : []));
/** The menu's commands as `commands` lists them: the player's three (enabled or not), the window's, quit. */
const menuCommands = (toggle: 'Play' | 'Pause', enabled: [boolean, boolean, boolean], window: string) => [
  ['toggle', toggle, enabled[0]],
  ['next', 'Next', enabled[1]],
  ['previous', 'Previous', enabled[2]],
  ['window', window, true],
  ['quit', 'Quit Cloudcue', true],
];

describe('trayMenu', () => {
  it('names the track and offers what the player can do', () => {
    const items = trayMenu(playing, true, 'linux');
    expect(items[0]).toEqual({ kind: 'track', label: 'Lantern Hum — Night Owl' });
    expect(commands(items)).toEqual(menuCommands('Pause', [true, true, false], 'Hide Cloudcue'));
  });

  it('with nothing to play, offers only the window and quit', () => {
    const items = trayMenu(
      { track: null, playing: false, canNext: true, canPrevious: true },
      false,
      'darwin',
    );
    expect(items[0]).toEqual({ kind: 'track', label: 'Nothing playing' });
    expect(commands(items)).toEqual(menuCommands('Play', [false, false, false], 'Show Cloudcue'));
  });

  it('doubles an ampersand where menus read it as a mnemonic', () => {
    const now = { ...playing, track: { ...TRACK, title: 'Drum & Bass' } };
    expect(trayMenu(now, true, 'win32')[0]).toEqual({ kind: 'track', label: 'Drum && Bass — Night Owl' });
    expect(trayMenu(now, true, 'linux')[0]).toEqual({ kind: 'track', label: 'Drum && Bass — Night Owl' });
    expect(trayMenu(now, true, 'darwin')[0]).toEqual({ kind: 'track', label: 'Drum & Bass — Night Owl' });
  });

  it('keeps a long title before its artist, within the menu’s width', () => {
    const long = { id: 1, title: 'A'.repeat(30), artist: 'B'.repeat(60) };
    const line = trackLine(long, MENU_TRACK_CHARS);
    expect(line.startsWith(`${'A'.repeat(30)} — B`)).toBe(true);
    expect(line.endsWith('…')).toBe(true);
    expect(graphemes(line)).toBeLessThanOrEqual(MENU_TRACK_CHARS);
    const huge = trackLine({ id: 1, title: 'T'.repeat(200), artist: 'Someone' }, MENU_TRACK_CHARS);
    expect(huge).toBe(`${'T'.repeat(MENU_TRACK_CHARS - 1)}…`);
    expect(trackLine({ id: 1, title: '\n', artist: '' }, 20)).toBe('Untitled');
  });

  it('tooltips stay under Windows’ limit and say when paused', () => {
    expect(trayTooltip({ ...playing, track: null })).toBe('Cloudcue');
    expect(trayTooltip(playing)).toBe('Cloudcue: Lantern Hum — Night Owl');
    expect(trayTooltip({ ...playing, playing: false })).toBe('Cloudcue: Lantern Hum — Night Owl (paused)');
    const long = trayTooltip({ ...playing, playing: false, track: { ...TRACK, title: 'x'.repeat(500) } });
    expect(long.length).toBeLessThanOrEqual(TOOLTIP_CHARS);
    expect(long.endsWith('… (paused)')).toBe(true);
  });

  it('turns into the template Electron’s Menu takes, each command running its own action', () => {
    expectTypeOf<MenuTemplateItem>().toExtend<MenuItemConstructorOptions>();
    const ran: string[] = [];
    const template = menuTemplate(trayMenu(playing, true, 'linux'), (command) => ran.push(command));
    expect(template[0]).toEqual({ label: 'Lantern Hum — Night Owl', enabled: false });
    expect(template[1]).toEqual({ type: 'separator' });
    for (const item of template) item.click?.();
    expect(ran).toEqual(['toggle', 'next', 'previous', 'window', 'quit']);
  });
});

describe('the close policy', () => {
  it('keeps playing in the tray by default on Windows and Linux, not on macOS', () => {
    expect(keepPlayingInTrayByDefault('win32')).toBe(true);
    expect(keepPlayingInTrayByDefault('linux')).toBe(true);
    expect(keepPlayingInTrayByDefault('darwin')).toBe(false);
  });

  it('hides only with the setting on, a tray icon to come back from, and no quit under way', () => {
    for (const keepPlayingInTray of [true, false]) {
      for (const trayShown of [true, false]) {
        for (const quitting of [true, false]) {
          const action = closeAction({ keepPlayingInTray, trayShown, quitting });
          expect(action).toBe(keepPlayingInTray && trayShown && !quitting ? 'hide' : 'close');
        }
      }
    }
  });
});

class FakeTray implements TrayIcon<MenuTemplateItem[]> {
  menu: MenuTemplateItem[] | null = null;
  tooltip = '';
  destroyed = false;
  click: (() => void) | null = null;
  setContextMenu(menu: MenuTemplateItem[] | null): void {
    this.menu = menu;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  on(_event: 'click', listener: () => void): this {
    this.click = listener;
    return this;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** Clicks the menu item with this label. */
  choose(label: string): void {
    const item = this.menu?.find((entry) => entry.label === label);
    if (item?.click === undefined) throw new Error(`no item ${label}`);
    item.click();
  }
}

function setup(options: { platform?: NodeJS.Platform; keep?: boolean; noTray?: 'null' | 'throws' } = {}) {
  const tray = new FakeTray();
  const state = {
    window: new FakeWindow() as FakeWindow | null,
    opened: 0,
    quits: 0,
    keep: options.keep ?? true,
  };
  const sent: PlayerCommand[] = [];
  const appListeners = new Map<string, (() => void)[]>();
  const emitApp = (event: string): void => appListeners.get(event)?.forEach((listener) => listener());
  const app: TrayApp = {
    on: (event: string, listener: () => void) =>
      appListeners.set(event, [...(appListeners.get(event) ?? []), listener]),
    quit: () => {
      state.quits++;
      emitApp('before-quit');
    },
  };
  const desktop = installTray({
    app,
    createTray: () => {
      if (options.noTray === 'throws') throw new Error('no StatusNotifier');
      return options.noTray === 'null' ? null : tray;
    },
    buildMenu: (template) => template,
    window: () => state.window,
    openWindow: () => {
      state.opened++;
      state.window = new FakeWindow();
    },
    command: (command) => sent.push(command),
    keepPlayingInTray: () => state.keep,
    platform: options.platform ?? 'linux',
    log: () => undefined,
  });
  if (state.window !== null) desktop.attach(state.window);
  return { tray, state, sent, desktop, emitApp };
}

describe('installTray', () => {
  it('Electron’s Tray, BrowserWindow and app fit the interfaces', () => {
    expectTypeOf<Tray>().toExtend<TrayIcon<Menu>>();
    expectTypeOf<BrowserWindow>().toExtend<TrayWindow>();
    expectTypeOf<App>().toExtend<TrayApp>();
  });

  it('follows the player, and sends its commands to the page', () => {
    const { tray, sent, desktop } = setup();
    expect(tray.tooltip).toBe('Cloudcue');
    desktop.update({ ...playing, playing: false });
    expect(tray.menu?.[0]?.label).toBe('Lantern Hum — Night Owl');
    expect(tray.tooltip).toContain('(paused)');
    tray.choose('Play');
    tray.choose('Next');
    expect(sent).toEqual(['toggle', 'next']);
  });

  it('hides the window on close when the setting is on, and brings it back from the menu', () => {
    const { tray, state } = setup();
    const window = state.window;
    expect(window?.close()).toBe(false);
    expect(window?.visible).toBe(false);
    expect(tray.menu?.find((item) => item.label === 'Show Cloudcue')).toBeDefined();
    tray.choose('Show Cloudcue');
    expect(window?.visible).toBe(true);
    tray.choose('Hide Cloudcue');
    expect(window?.visible).toBe(false);
  });

  it('closes the window when the setting is off, and makes a new one from the menu', () => {
    const { tray, state } = setup({ keep: false });
    expect(state.window?.close()).toBe(true);
    tray.choose('Show Cloudcue');
    expect(state.opened).toBe(1);
    expect(state.window?.visible).toBe(true);
  });

  it('closes for real once the app quits', () => {
    const { tray, state } = setup();
    tray.choose('Quit Cloudcue');
    expect(state.quits).toBe(1);
    expect(state.window?.close()).toBe(true);
  });

  it('without a tray icon, never hides the window', () => {
    for (const noTray of ['null', 'throws'] as const) {
      const { state, desktop } = setup({ noTray });
      expect(desktop.shown()).toBe(false);
      expect(state.window?.close()).toBe(true);
    }
  });

  it('shows the window before its tray icon goes away', () => {
    const { tray, state, desktop } = setup();
    state.window?.close();
    desktop.destroy();
    expect(tray.destroyed).toBe(true);
    expect(desktop.shown()).toBe(false);
    expect(state.window?.visible).toBe(true);
    expect(state.window?.close()).toBe(true);
  });

  it('on macOS, a click on the dock icon brings back a hidden window, and never makes one', () => {
    const { state, emitApp } = setup({ platform: 'darwin' });
    state.window?.close();
    emitApp('activate');
    expect(state.window?.visible).toBe(true);
    state.window = null;
    emitApp('activate');
    expect(state.opened).toBe(0);
  });

  it('on Windows, a click on the icon shows or hides the window', () => {
    const { tray, state } = setup({ platform: 'win32' });
    tray.click?.();
    expect(state.window?.visible).toBe(false);
    tray.click?.();
    expect(state.window?.visible).toBe(true);
    expect(setup({ platform: 'linux' }).tray.click).toBeNull();
  });
});
