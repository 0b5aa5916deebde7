// Covers electron/desktop/window-state.ts (placement per arrangement of displays, fitted on screen; the file's
// format) and window-keeper.ts (read before the window is made, written as it moves and at close).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserWindow, Screen } from 'electron';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  EMPTY_WINDOW_STATE,
  MAX_LAYOUTS,
  WINDOW_SIZE,
  decodeWindowState,
  encodeWindowState,
  fitOnScreen,
  layoutKey,
  rememberPlacement,
  restorePlacement,
  type DisplayArea,
  type Placement,
  type Rect,
} from '../../electron/desktop/window-state';
import {
  openWindowKeeper,
  type PlacedWindow,
  type PlacementScreen,
} from '../../electron/desktop/window-keeper';
import { FakeWindow, LAPTOP, MONITOR, display } from '../helpers/desktop-fakes';
import { useTempFolder } from '../helpers/temp-folder';

const placed = (x: number, y: number, width: number, height: number, maximized = false): Placement => ({
  bounds: { x, y, width, height },
  maximized,
});
const inside = (rect: Rect, area: Rect): boolean =>
  rect.x >= area.x &&
  rect.y >= area.y &&
  rect.x + rect.width <= area.x + area.width &&
  rect.y + rect.height <= area.y + area.height;

describe('fitOnScreen', () => {
  it('leaves a window that fits where it is', () => {
    const where = placed(1600, 100, 1200, 800, true);
    expect(fitOnScreen(where, [LAPTOP, MONITOR], LAPTOP)).toEqual(where);
  });

  it('moves a window on no display to the middle of the primary one, keeping its size', () => {
    const fitted = fitOnScreen(placed(5000, 3000, 1000, 700), [LAPTOP], LAPTOP);
    expect(fitted.bounds).toEqual({ x: 220, y: 80, width: 1000, height: 700 });
  });

  it('pulls a window half off its display back inside it, on the display it overlaps most', () => {
    const fitted = fitOnScreen(placed(3500, -200, 1000, 700), [LAPTOP, MONITOR], LAPTOP);
    expect(fitted.bounds).toEqual({ x: 3000, y: 0, width: 1000, height: 700 });
  });

  it('clamps a size larger than the work area, and smaller than the minimum', () => {
    expect(fitOnScreen(placed(0, 0, 4000, 3000), [LAPTOP], LAPTOP).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 860,
    });
    const tiny = fitOnScreen(placed(100, 100, 50, 20), [LAPTOP], LAPTOP).bounds;
    expect([tiny.width, tiny.height]).toEqual([WINDOW_SIZE.minWidth, WINDOW_SIZE.minHeight]);
  });

  it('on a screen smaller than the minimum, takes the screen', () => {
    const small = display(3, 0, 400, 340);
    expect(fitOnScreen(placed(0, 0, 1000, 720), [small], small).bounds).toEqual(small.workArea);
  });

  it('always ends inside a work area, at whole pixels, within the limits', () => {
    const rect = fc.record({
      x: fc.double({ min: -20_000, max: 20_000, noNaN: true }),
      y: fc.double({ min: -20_000, max: 20_000, noNaN: true }),
      width: fc.double({ min: 1, max: 20_000, noNaN: true }),
      height: fc.double({ min: 1, max: 20_000, noNaN: true }),
    });
    fc.assert(
      fc.property(rect, fc.boolean(), (bounds, withMonitor) => {
        const displays = withMonitor ? [LAPTOP, MONITOR] : [LAPTOP];
        const fitted = fitOnScreen({ bounds, maximized: false }, displays, LAPTOP).bounds;
        return (
          displays.some((d) => inside(fitted, d.workArea)) &&
          Object.values(fitted).every(Number.isInteger) &&
          fitted.width >= WINDOW_SIZE.minWidth &&
          fitted.height >= WINDOW_SIZE.minHeight
        );
      }),
    );
  });
});

describe('restorePlacement and rememberPlacement', () => {
  it('opens a first start at the default size in the middle of the primary display', () => {
    expect(restorePlacement(EMPTY_WINDOW_STATE, [MONITOR, LAPTOP], MONITOR)).toEqual(
      placed(1440 + 780, 340, WINDOW_SIZE.width, WINDOW_SIZE.height),
    );
  });

  it('remembers each arrangement of displays apart', () => {
    let state = rememberPlacement(EMPTY_WINDOW_STATE, [LAPTOP], placed(10, 20, 800, 600), 1);
    state = rememberPlacement(state, [LAPTOP, MONITOR], placed(1500, 50, 2000, 1200, true), 2);
    // Docked: where it was when docked (the display order does not matter).
    expect(restorePlacement(state, [MONITOR, LAPTOP], LAPTOP)).toEqual(placed(1500, 50, 2000, 1200, true));
    // The laptop alone again: where it was on the laptop, not moved from the monitor.
    expect(restorePlacement(state, [LAPTOP], LAPTOP)).toEqual(placed(10, 20, 800, 600));
  });

  it('in an arrangement never seen, starts from the last placement, fitted on these displays', () => {
    let state = rememberPlacement(EMPTY_WINDOW_STATE, [LAPTOP], placed(10, 20, 800, 600), 5);
    state = rememberPlacement(state, [LAPTOP, MONITOR], placed(2000, 100, 1200, 800, true), 9);
    const projector = display(4, 0, 1024, 768);
    const restored = restorePlacement(state, [projector], projector);
    expect(restored.maximized).toBe(true);
    expect(restored.bounds).toEqual({ x: 0, y: 0, width: 1024, height: 728 });
  });

  it(`keeps the ${MAX_LAYOUTS} arrangements used last`, () => {
    let state = EMPTY_WINDOW_STATE;
    for (let i = 0; i < MAX_LAYOUTS + 3; i++) {
      state = rememberPlacement(state, [display(1, 0, 1000 + i, 800)], placed(i, i, 600, 400), i);
    }
    expect(state.layouts).toHaveLength(MAX_LAYOUTS);
    expect(state.layouts.map((l) => l.savedAt)).toEqual(
      Array.from({ length: MAX_LAYOUTS }, (_, i) => MAX_LAYOUTS + 2 - i),
    );
    // Saving the same arrangement again replaces its entry.
    const again = rememberPlacement(state, [display(1, 0, 1000 + 5, 800)], placed(7, 7, 700, 500), 99);
    expect(again.layouts).toHaveLength(MAX_LAYOUTS);
    expect(again.layouts.filter((l) => l.displays === layoutKey([display(1, 0, 1005, 800)]))).toHaveLength(1);
  });

  it('reads back what it writes; a damaged or foreign file is an empty state', () => {
    const state = rememberPlacement(EMPTY_WINDOW_STATE, [LAPTOP], placed(10.4, 20.6, 800, 600), 1);
    expect(decodeWindowState(encodeWindowState(state))).toEqual(state);
    expect(state.layouts[0]?.bounds).toEqual({ x: 10, y: 21, width: 800, height: 600 });
    for (const text of [
      null,
      '',
      '{',
      '[]',
      '{"version":2,"layouts":[]}',
      '{"version":1,"layouts":[{"x":1}]}',
    ]) {
      expect(decodeWindowState(text)).toEqual(EMPTY_WINDOW_STATE);
    }
  });
});

type Handler = () => void;

describe('openWindowKeeper', () => {
  const folder = useTempFolder('cloudcue-window-');
  const screen = (displays: DisplayArea[]): PlacementScreen => ({
    getAllDisplays: () => displays,
    getPrimaryDisplay: () => displays[0] ?? LAPTOP,
  });
  /** Timers run by hand. */
  function manualTimers() {
    const pending = new Set<Handler>();
    return {
      setTimer: (run: Handler) => (pending.add(run), run),
      clearTimer: (timer: unknown) => pending.delete(timer as Handler),
      runAll: () => {
        for (const run of [...pending]) {
          pending.delete(run);
          run();
        }
      },
      pending,
    };
  }

  /** A keeper of a new file, timers run by hand, tracking a window just moved to `bounds`. */
  async function movedWindow(bounds: Rect) {
    const file = join(folder(), 'window-state.json');
    const timers = manualTimers();
    const keeper = await openWindowKeeper({ file, screen: screen([LAPTOP]), ...timers });
    const window = new FakeWindow();
    keeper.track(window);
    window.bounds = bounds;
    window.emit('move');
    return { file, timers, keeper, window };
  }

  it('Electron’s screen and BrowserWindow fit the interfaces', () => {
    expectTypeOf<Screen>().toExtend<PlacementScreen>();
    expectTypeOf<BrowserWindow>().toExtend<PlacedWindow>();
  });

  it('writes the placement a moment after the last move, and opens there next time', async () => {
    const { file, timers, keeper, window } = await movedWindow({ x: 40, y: 30, width: 900, height: 650 });
    window.emit('resize');
    expect(timers.pending.size).toBe(1);
    await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
    timers.runAll();
    await keeper.flush();
    const next = await openWindowKeeper({ file, screen: screen([LAPTOP]) });
    expect(next.placement).toEqual(placed(40, 30, 900, 650));
  });

  it('writes at once on maximize and at close, and maximizes the next window', async () => {
    const file = join(folder(), 'window-state.json');
    const keeper = await openWindowKeeper({ file, screen: screen([LAPTOP]), ...manualTimers() });
    const window = new FakeWindow();
    keeper.track(window);
    window.maximized = true;
    window.emit('maximize');
    await keeper.flush();
    expect(decodeWindowState(await readFile(file, 'utf8')).layouts[0]?.maximized).toBe(true);
    window.bounds = { x: 0, y: 0, width: 700, height: 500 };
    window.emit('close');
    window.destroyed = true;
    await keeper.flush();
    const next = await openWindowKeeper({ file, screen: screen([LAPTOP]) });
    expect(next.placement).toEqual(placed(0, 0, 700, 500, true));
    const nextWindow = new FakeWindow();
    next.track(nextWindow);
    // Not before its page is drawn: maximize() would show a blank window.
    expect(nextWindow.maximized).toBe(false);
    nextWindow.emit('ready-to-show');
    expect(nextWindow.maximized).toBe(true);
  });

  it('writes a pending move when flushed before quitting', async () => {
    const { file, timers, keeper, window } = await movedWindow({ x: 5, y: 6, width: 800, height: 600 });
    await keeper.flush();
    expect(timers.pending.size).toBe(0);
    const next = await openWindowKeeper({ file, screen: screen([LAPTOP]) });
    expect(next.placement.bounds).toEqual(window.bounds);
  });

  it('opens a damaged file as a first start, and a window saved on an unplugged monitor on this one', async () => {
    const file = join(folder(), 'window-state.json');
    await writeFile(file, '{"version":1,"layouts":[{');
    const damaged = await openWindowKeeper({ file, screen: screen([LAPTOP]) });
    expect(damaged.placement.bounds).toEqual({ x: 220, y: 70, width: 1000, height: 720 });
    const docked = rememberPlacement(EMPTY_WINDOW_STATE, [LAPTOP, MONITOR], placed(2500, 200, 1200, 900), 1);
    await writeFile(file, encodeWindowState(docked));
    const undocked = await openWindowKeeper({ file, screen: screen([LAPTOP]) });
    expect(inside(undocked.placement.bounds, LAPTOP.workArea)).toBe(true);
    expect(undocked.placement.bounds).toMatchObject({ width: 1200, height: 860 });
  });
});
