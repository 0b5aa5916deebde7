// Covers electron/desktop/desktop.ts: the pieces assembled as main.ts will call them, on fakes of Electron's
// app, window, tray, screen and powerMonitor, with a real folder for the window's place.
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import type { App, BrowserWindow, NativeImage } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  defaultDesktopSettings,
  startDesktop,
  type DesktopOptions,
  type DesktopSettings,
  type DesktopWindow,
} from '../../electron/desktop/desktop';
import type { TrackNotice } from '../../electron/desktop/power';
import type { MenuTemplateItem } from '../../electron/desktop/tray-state';
import { FakeEmitter, FakeWindow } from '../helpers/desktop-fakes';
import { useTempFolder } from '../helpers/temp-folder';

class FakeApp extends FakeEmitter {
  registered: unknown[][] = [];
  quits = 0;
  constructor(private readonly locked = true) {
    super();
  }
  requestSingleInstanceLock = (): boolean => this.locked;
  isReady = (): boolean => true;
  quit(): void {
    this.quits++;
    this.emit('before-quit');
  }
  setAsDefaultProtocolClient(...args: unknown[]): boolean {
    this.registered.push(args);
    return true;
  }
}

const LAPTOP = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1440, height: 900 },
  workArea: { x: 0, y: 0, width: 1440, height: 860 },
};
const LINK = 'https://soundcloud.com/a/one';

function setup(folder: string, locked = true, platform: NodeJS.Platform = 'linux') {
  const app = new FakeApp(locked);
  const power = new FakeEmitter();
  const sent: unknown[] = [];
  const notices: TrackNotice[] = [];
  const trayMenus: MenuTemplateItem[][] = [];
  let window: FakeWindow | null = null;
  let settings: DesktopSettings = defaultDesktopSettings('linux');
  const options: DesktopOptions<string> = {
    app,
    process: { platform, execPath: '/opt/cloudcue', argv: ['/opt/cloudcue', '--play', LINK] },
    window: () => window,
    openWindow: () => undefined,
    deliver: (links, play) => sent.push({ type: 'open-links', links, play }),
    command: (command) => sent.push({ type: 'player-command', command }),
    thumbarIcon: (name) => `icon:${name}`,
    settings: () => settings,
    fs: fsp,
    log: () => undefined,
  };
  const desktop = startDesktop(options);
  const ready = () =>
    desktop.ready({
      userData: folder,
      screen: { getAllDisplays: () => [LAPTOP], getPrimaryDisplay: () => LAPTOP },
      powerMonitor: power,
      createTray: () => ({
        setContextMenu: (menu: MenuTemplateItem[] | null) => trayMenus.push(menu ?? []),
        setToolTip: () => undefined,
        on: () => undefined,
        destroy: () => undefined,
      }),
      buildMenu: (template) => template,
      notify: (notice) => notices.push(notice),
    });
  const makeWindow = (): FakeWindow => {
    window = new FakeWindow();
    window.bounds = desktop.placement().bounds;
    desktop.attach(window);
    return window;
  };
  return {
    app,
    power,
    sent,
    notices,
    trayMenus,
    desktop,
    ready,
    makeWindow,
    setSettings: (next: Partial<DesktopSettings>) => (settings = { ...settings, ...next }),
  };
}

describe('startDesktop', () => {
  const folder = useTempFolder('cloudcue-desktop-');

  it('Electron’s app and BrowserWindow fit, so main.ts passes its own', () => {
    expectTypeOf<App>().toExtend<DesktopOptions<NativeImage>['app']>();
    expectTypeOf<BrowserWindow>().toExtend<DesktopWindow<NativeImage>>();
    expectTypeOf<NodeJS.Process>().toExtend<DesktopOptions<NativeImage>['process']>();
  });

  it('in a second instance, quits and starts nothing', async () => {
    const { app, desktop, ready, trayMenus } = setup(folder(), false);
    expect(desktop.primary).toBe(false);
    expect(app.quits).toBe(1);
    expect(app.registered).toEqual([]);
    await ready();
    expect(trayMenus).toEqual([]);
  });

  it('runs a first start through: links, tray, close to tray, pause on sleep, the window’s place', async () => {
    const { app, power, sent, trayMenus, desktop, ready, makeWindow } = setup(folder());
    expect(app.registered).toEqual([['cloudcue']]);
    await ready();
    expect(desktop.placement().bounds).toEqual({ x: 220, y: 70, width: 1000, height: 720 });
    const window = makeWindow();
    expect(sent).toEqual([]);
    desktop.rendererReady();
    expect(sent).toEqual([{ type: 'open-links', links: [LINK], play: true }]);
    // Linux keeps playing in the tray by default: close hides.
    expect(window.emit('close')).toBe(true);
    expect(window.visible).toBe(false);
    expect(trayMenus.at(-1)?.some((item) => item.label === 'Show Cloudcue')).toBe(true);
    power.emit('suspend');
    expect(sent.at(-1)).toEqual({ type: 'player-command', command: 'pause' });
    window.bounds = { x: 10, y: 10, width: 800, height: 600 };
    window.emit('move');
    await desktop.flush();
    const saved = JSON.parse(await fsp.readFile(join(folder(), 'window-state.json'), 'utf8')) as unknown;
    expect(saved).toMatchObject({ layouts: [{ bounds: { x: 10, y: 10, width: 800, height: 600 } }] });
  });

  it('follows the player in the tray, and announces tracks only when asked', async () => {
    const { notices, trayMenus, desktop, ready, makeWindow, setSettings } = setup(folder());
    await ready();
    makeWindow();
    const now = {
      track: { id: 1, title: 'One', artist: 'A' },
      playing: true,
      canNext: false,
      canPrevious: false,
    };
    desktop.nowPlaying(now);
    expect(trayMenus.at(-1)?.[0]?.label).toBe('One — A');
    expect(notices).toEqual([]);
    setSettings({ notifyOnTrackChange: true });
    desktop.nowPlaying({ ...now, track: { id: 2, title: 'Two', artist: 'B' } });
    expect(notices).toEqual([{ title: 'Two', body: 'B' }]);
  });

  it('on Windows, draws the taskbar buttons at each player change and as the window shows; clicks reach the page', async () => {
    const { sent, desktop, ready, makeWindow } = setup(folder(), true, 'win32');
    await ready();
    const window = makeWindow();
    const drawn = () => window.thumbars.at(-1)?.map((button) => [button.icon, button.flags.join()]);
    // main.ts makes the window hidden and shows it once its page is drawn.
    window.show();
    expect(drawn()).toEqual([
      ['icon:previous', 'disabled'],
      ['icon:play', 'disabled'],
      ['icon:next', 'disabled'],
    ]);
    desktop.nowPlaying({
      track: { id: 1, title: 'One', artist: 'A' },
      playing: true,
      canNext: true,
      canPrevious: false,
    });
    expect(drawn()).toEqual([
      ['icon:previous', 'disabled'],
      ['icon:pause', 'enabled'],
      ['icon:next', 'enabled'],
    ]);
    sent.length = 0;
    for (const button of window.thumbars.at(-1) ?? []) button.click();
    expect(sent).toEqual(
      ['previous', 'toggle', 'next'].map((command) => ({ type: 'player-command', command })),
    );
    // Windows loses the buttons of a window hidden to the tray: showing it again draws the player's state.
    const draws = window.thumbars.length;
    window.hide();
    window.show();
    expect(window.thumbars.length).toBe(draws + 1);
    expect(drawn()?.[1]).toEqual(['icon:pause', 'enabled']);
  });

  it('draws no taskbar buttons elsewhere', async () => {
    const { desktop, ready, makeWindow } = setup(folder(), true, 'darwin');
    await ready();
    const window = makeWindow();
    window.show();
    desktop.nowPlaying({
      track: { id: 1, title: 'One', artist: 'A' },
      playing: true,
      canNext: true,
      canPrevious: true,
    });
    expect(window.thumbars).toEqual([]);
  });

  it('holds links while the window is closed, and delivers them to the next page', async () => {
    const { app, sent, desktop, ready, makeWindow, setSettings } = setup(folder());
    await ready();
    setSettings({ keepPlayingInTray: false });
    const window = makeWindow();
    desktop.rendererReady();
    sent.length = 0;
    expect(window.emit('close')).toBe(false);
    window.destroyed = true;
    window.emit('closed');
    app.emit('second-instance', ['/opt/cloudcue', LINK], '/');
    expect(sent).toEqual([]);
    makeWindow();
    desktop.rendererReady();
    expect(sent).toEqual([{ type: 'open-links', links: [LINK], play: false }]);
    // The close wrote the window's place: finished before the folder goes.
    await desktop.flush();
  });
});
