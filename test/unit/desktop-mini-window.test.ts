// Covers electron/desktop/mini-window.ts with the real window keeper (window-keeper.ts, window-state.ts) on a
// fake window: entering and leaving the mini player, its bounds remembered per arrangement of displays apart
// from the full window's, its first place on the display the window is on, and leaving it by itself.
import * as fsp from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { defaultDesktopSettings, startDesktop } from '../../electron/desktop/desktop';
import { createMiniMode, type MiniWindow } from '../../electron/desktop/mini-window';
import type { MenuTemplateItem } from '../../electron/desktop/tray-state';
import { openWindowKeeper, type PlacementScreen } from '../../electron/desktop/window-keeper';
import {
  EMPTY_WINDOW_STATE,
  MINI_MARGIN,
  MINI_SIZE,
  WINDOW_SIZE,
  decodeWindowState,
  encodeWindowState,
  rememberMiniBounds,
  rememberPlacement,
  restoreMiniBounds,
  restorePlacement,
  type DisplayArea,
  type Rect,
} from '../../electron/desktop/window-state';
import { FakeEmitter, FakeWindow, LAPTOP, MONITOR } from '../helpers/desktop-fakes';
import { useTempFolder } from '../helpers/temp-folder';

/** The first mini player's place: the bottom-right corner of `display`'s work area, a margin inside. */
const cornerOf = ({ workArea: a }: DisplayArea): Rect => ({
  x: a.x + a.width - MINI_SIZE.width - MINI_MARGIN,
  y: a.y + a.height - MINI_SIZE.height - MINI_MARGIN,
  width: MINI_SIZE.width,
  height: MINI_SIZE.height,
});

/** The desktop fakes' window, with what the mini player does to it: bounds set, kept on top, limits. */
class ShrinkingWindow extends FakeWindow implements MiniWindow {
  onTop: { flag: boolean; level: string | undefined } = { flag: false, level: undefined };
  minimum: number[] = [WINDOW_SIZE.minWidth, WINDOW_SIZE.minHeight];
  fullScreen = false;
  isFullScreen = (): boolean => this.fullScreen;
  setFullScreen(flag: boolean): void {
    this.fullScreen = flag;
  }
  unmaximize(): void {
    this.maximized = false;
  }
  setBounds(bounds: Partial<Rect>): void {
    this.bounds = { ...this.bounds, ...bounds };
    // Electron's setBounds moves and resizes the window: the keeper hears it as it hears the user.
    this.emit('move');
    this.emit('resize');
  }
  setMinimumSize(width: number, height: number): void {
    this.minimum = [width, height];
  }
  setAlwaysOnTop(flag: boolean, level?: 'floating'): void {
    this.onTop = { flag, level };
  }
}

const screenOf = (displays: DisplayArea[]): PlacementScreen => ({
  getAllDisplays: () => displays,
  getPrimaryDisplay: () => displays[0] ?? LAPTOP,
});

describe('the mini player’s place (window-state.ts)', () => {
  it('starts in the bottom-right corner of the display the full window is on', () => {
    const onMonitor = { x: 2000, y: 100, width: 1000, height: 700 };
    expect(restoreMiniBounds(EMPTY_WINDOW_STATE, [LAPTOP, MONITOR], LAPTOP, onMonitor)).toEqual(
      cornerOf(MONITOR),
    );
    const onLaptop = { x: 100, y: 100, width: 1000, height: 700 };
    expect(restoreMiniBounds(EMPTY_WINDOW_STATE, [LAPTOP, MONITOR], LAPTOP, onLaptop)).toEqual(
      cornerOf(LAPTOP),
    );
  });

  it('is remembered per arrangement of displays, apart from the full window’s', () => {
    const full = rememberPlacement(
      EMPTY_WINDOW_STATE,
      [LAPTOP],
      { bounds: cornerOf(MONITOR), maximized: true },
      1,
    );
    const docked = rememberMiniBounds(
      full,
      [LAPTOP, MONITOR],
      { x: 3000, y: 40, width: 420, height: 180 },
      2,
    );
    const both = rememberMiniBounds(docked, [LAPTOP], { x: 20, y: 30, width: 330, height: 120 }, 3);
    expect(both.layouts).toEqual(full.layouts);
    expect(restorePlacement(both, [LAPTOP], LAPTOP)).toEqual(restorePlacement(full, [LAPTOP], LAPTOP));
    const near = { x: 0, y: 0, width: 1000, height: 700 };
    expect(restoreMiniBounds(both, [LAPTOP, MONITOR], LAPTOP, near)).toEqual({
      x: 3000,
      y: 40,
      width: 420,
      height: 180,
    });
    expect(restoreMiniBounds(both, [LAPTOP], LAPTOP, near)).toEqual({
      x: 20,
      y: 30,
      width: 330,
      height: 120,
    });
    expect(decodeWindowState(encodeWindowState(both))).toEqual(both);
  });

  it('takes its last size to new displays, in their corner, and never smaller than its limits', () => {
    const state = rememberMiniBounds(
      EMPTY_WINDOW_STATE,
      [LAPTOP, MONITOR],
      { x: 3000, y: 40, width: 500, height: 200 },
      1,
    );
    const bounds = restoreMiniBounds(state, [LAPTOP], LAPTOP, { x: 0, y: 0, width: 800, height: 600 });
    expect(bounds).toEqual({
      x: 1440 - 500 - MINI_MARGIN,
      y: 860 - 200 - MINI_MARGIN,
      width: 500,
      height: 200,
    });
    const tiny = rememberMiniBounds(EMPTY_WINDOW_STATE, [LAPTOP], { x: 5, y: 5, width: 40, height: 20 }, 1);
    const fitted = restoreMiniBounds(tiny, [LAPTOP], LAPTOP, bounds);
    expect([fitted.width, fitted.height]).toEqual([MINI_SIZE.minWidth, MINI_SIZE.minHeight]);
  });

  it('reads a file written before the mini player as one without its bounds', () => {
    const old =
      '{"version":1,"layouts":[{"displays":"0,0,1440x900","bounds":{"x":1,"y":2,"width":900,"height":600},"maximized":false,"savedAt":5}]}';
    const state = decodeWindowState(old);
    expect(state.layouts).toHaveLength(1);
    expect(state.mini).toBeUndefined();
  });
});

describe('createMiniMode', () => {
  const folder = useTempFolder('cloudcue-mini-');
  let keepers: { flush(): Promise<void> }[] = [];
  // Before the folder goes: what a test left waiting is written (or the write would find no folder).
  afterEach(async () => {
    await Promise.all(keepers.map((keeper) => keeper.flush()));
    keepers = [];
  });

  async function setup(displays: DisplayArea[] = [LAPTOP, MONITOR]) {
    const file = join(folder(), 'window-state.json');
    // Moves wait for flush(): a test decides when they are written.
    const keeper = await openWindowKeeper({
      file,
      screen: screenOf(displays),
      setTimer: (run) => run,
      clearTimer: () => undefined,
    });
    keepers.push(keeper);
    const window = new ShrinkingWindow();
    window.bounds = { x: 2000, y: 100, width: 1200, height: 800 };
    keeper.track(window);
    const told: boolean[] = [];
    const changes: boolean[] = [];
    let current: ShrinkingWindow | null = window;
    const mini = createMiniMode({
      window: () => current,
      placer: keeper,
      tell: (value) => told.push(value),
      changed: (value) => changes.push(value),
    });
    mini.watch(window);
    const saved = async () => {
      await keeper.flush();
      return decodeWindowState(await readFile(file, 'utf8'));
    };
    return {
      file,
      keeper,
      window,
      mini,
      told,
      changes,
      saved,
      setWindow: (w: ShrinkingWindow | null) => (current = w),
    };
  }

  it('Electron’s BrowserWindow fits the interface', () => {
    expectTypeOf<BrowserWindow>().toExtend<MiniWindow>();
  });

  it('makes the window small and on top in its display’s corner, and puts it back as it was', async () => {
    const { window, mini, told, changes } = await setup();
    expect(mini.set(true)).toBe(true);
    expect(window.bounds).toEqual(cornerOf(MONITOR));
    expect(window.onTop).toEqual({ flag: true, level: 'floating' });
    expect(window.minimum).toEqual([MINI_SIZE.minWidth, MINI_SIZE.minHeight]);
    expect(mini.set(true)).toBe(true);
    expect(mini.set(false)).toBe(false);
    expect(window.bounds).toEqual({ x: 2000, y: 100, width: 1200, height: 800 });
    expect(window.onTop.flag).toBe(false);
    expect(window.minimum).toEqual([WINDOW_SIZE.minWidth, WINDOW_SIZE.minHeight]);
    expect(changes).toEqual([true, false]);
    // The page asked: it has its answer, and is not told again.
    expect(told).toEqual([]);
  });

  it('puts a maximized window back maximized, and leaves full screen to become mini', async () => {
    const { window, mini } = await setup();
    window.maximized = true;
    window.fullScreen = true;
    mini.set(true);
    expect(window.maximized).toBe(false);
    expect(window.fullScreen).toBe(false);
    expect(window.bounds).toEqual(cornerOf(MONITOR));
    // The system ends full screen a moment later, putting back the bounds from before it: made small again.
    window.bounds = { x: 2000, y: 100, width: 1200, height: 800 };
    window.emit('leave-full-screen');
    expect(window.bounds).toEqual(cornerOf(MONITOR));
    mini.set(false);
    expect(window.maximized).toBe(true);
    expect(window.bounds).toEqual({ x: 2000, y: 100, width: 1200, height: 800 });
  });

  it('records the mini player’s moves as its own, never as the full window’s place', async () => {
    const { file, keeper, window, mini, saved } = await setup();
    mini.set(true);
    window.bounds = { x: 3100, y: 60, width: 400, height: 170 };
    window.emit('move');
    window.emit('resize');
    const during = await saved();
    expect(during.layouts[0]?.bounds).toEqual({ x: 2000, y: 100, width: 1200, height: 800 });
    mini.set(false);
    const after = await saved();
    expect(after.layouts[0]?.bounds).toEqual({ x: 2000, y: 100, width: 1200, height: 800 });
    expect(after.mini?.[0]?.bounds).toEqual({ x: 3100, y: 60, width: 400, height: 170 });
    // Next time, the mini player goes where it was left, and the app opens full where it was.
    mini.set(true);
    expect(window.bounds).toEqual({ x: 3100, y: 60, width: 400, height: 170 });
    window.close();
    await keeper.flush();
    const next = await openWindowKeeper({ file, screen: screenOf([LAPTOP, MONITOR]) });
    expect(next.placement).toEqual({
      bounds: { x: 2000, y: 100, width: 1200, height: 800 },
      maximized: false,
    });
  });

  it('the tray’s switch shows a hidden window as the mini player and tells the page', async () => {
    const { window, mini, told } = await setup();
    window.visible = false;
    window.minimized = true;
    mini.toggle();
    expect(mini.active()).toBe(true);
    expect(window.visible).toBe(true);
    expect(window.minimized).toBe(false);
    mini.toggle();
    expect(mini.active()).toBe(false);
    expect(told).toEqual([true, false]);
  });

  it('leaves mini by itself when maximized or made full screen, and says so', async () => {
    const { window, mini, told, changes } = await setup();
    mini.set(true);
    window.maximized = true;
    window.emit('maximize');
    expect(mini.active()).toBe(false);
    expect(window.onTop.flag).toBe(false);
    expect(window.minimum).toEqual([WINDOW_SIZE.minWidth, WINDOW_SIZE.minHeight]);
    expect(told).toEqual([false]);
    window.maximized = false;
    mini.set(true);
    window.emit('enter-full-screen');
    expect(mini.active()).toBe(false);
    expect(told).toEqual([false, false]);
    expect(changes).toEqual([true, false, true, false]);
    // Not mini: a maximize is the full window's own business.
    window.emit('maximize');
    expect(told).toEqual([false, false]);
  });

  it('un-maximized after leaving mini by a maximize, the window gets its full size back, not the mini size', async () => {
    const { window, mini } = await setup();
    window.bounds = { x: 100, y: 80, width: 1100, height: 720 };
    mini.set(true);
    expect(window.bounds.width).toBe(MINI_SIZE.width);
    window.maximized = true;
    window.emit('maximize');
    window.maximized = false;
    window.emit('unmaximize');
    expect(window.bounds).toEqual({ x: 100, y: 80, width: 1100, height: 720 });
  });

  it('has no mini player without a window, and a window made after one closed starts full', async () => {
    const { window, mini, setWindow, saved } = await setup();
    mini.set(true);
    window.close();
    expect(mini.active()).toBe(false);
    setWindow(null);
    expect(mini.set(true)).toBe(false);
    const during = await saved();
    expect(during.layouts[0]?.bounds).toEqual({ x: 2000, y: 100, width: 1200, height: 800 });
  });
});

describe('the mini player in the desktop assembly (desktop.ts)', () => {
  const folder = useTempFolder('cloudcue-mini-desktop-');

  async function setup() {
    const app = Object.assign(new FakeEmitter(), {
      requestSingleInstanceLock: () => true,
      isReady: () => true,
      quit: () => undefined,
      setAsDefaultProtocolClient: () => true,
    });
    let window: ShrinkingWindow | null = null;
    let menu: MenuTemplateItem[] = [];
    const told: boolean[] = [];
    const desktop = startDesktop({
      app,
      process: { platform: 'linux', execPath: '/opt/cloudcue', argv: ['/opt/cloudcue'] },
      window: () => window,
      openWindow: () => undefined,
      deliver: () => undefined,
      command: () => undefined,
      settings: () => defaultDesktopSettings('linux'),
      mini: { window: () => window, tell: (mini) => told.push(mini) },
      fs: fsp,
      log: () => undefined,
    });
    await desktop.ready({
      userData: folder(),
      screen: screenOf([LAPTOP]),
      powerMonitor: new FakeEmitter(),
      createTray: () => ({
        setContextMenu: (built: MenuTemplateItem[] | null) => (menu = built ?? []),
        setToolTip: () => undefined,
        on: () => undefined,
        destroy: () => undefined,
      }),
      buildMenu: (template) => template,
      notify: () => undefined,
    });
    window = new ShrinkingWindow();
    window.bounds = desktop.placement().bounds;
    desktop.attach(window);
    const made = window;
    return { desktop, window: made, told, item: () => menu.find((entry) => entry.label === 'Mini player') };
  }

  it('answers the page, switches from the tray, and the tray’s check mark follows', async () => {
    const { desktop, window, told, item } = await setup();
    const full = window.bounds;
    expect(item()?.checked).toBe(false);
    expect(desktop.windowMode(true)).toBe(true);
    expect(window.bounds).toEqual(cornerOf(LAPTOP));
    expect(item()?.checked).toBe(true);
    item()?.click?.();
    expect(window.bounds).toEqual(full);
    expect(item()?.checked).toBe(false);
    expect(told).toEqual([false]);
    item()?.click?.();
    expect(window.onTop.flag).toBe(true);
    expect(told).toEqual([false, true]);
    // A page that loads again starts full: the window does too.
    desktop.rendererGone();
    expect(window.bounds).toEqual(full);
    expect(item()?.checked).toBe(false);
    await desktop.flush();
  });
});
