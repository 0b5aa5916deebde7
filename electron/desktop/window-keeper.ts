// Keeps the main window's placement in userData/window-state.json: read before the window is made, written
// (atomically, a moment after the last move or resize, and at close) while it lives; the mini player's apart.
import {
  defaultFileSystem,
  errorCode,
  removeStaleTemporaries,
  writeFileAtomic,
  type FileSystem,
} from '../state/atomic-file';
import { createSerial } from '../state/serial';
import {
  decodeWindowState,
  encodeWindowState,
  rememberMiniBounds,
  rememberPlacement,
  restoreMiniBounds,
  restorePlacement,
  type DisplayArea,
  type Placement,
  type Rect,
  type WindowState,
} from './window-state';

/** The parts of Electron's `screen` used here. */
export interface PlacementScreen {
  getAllDisplays(): DisplayArea[];
  getPrimaryDisplay(): DisplayArea;
}

/** The parts of a BrowserWindow used here. */
export interface PlacedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  maximize(): void;
  on(event: 'resize', listener: () => void): unknown;
  on(event: 'move', listener: () => void): unknown;
  on(event: 'maximize', listener: () => void): unknown;
  on(event: 'unmaximize', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export interface WindowKeeperOptions {
  /** userData/window-state.json */
  file: string;
  screen: PlacementScreen;
  fs?: FileSystem;
  now?: () => number;
  /** How long after the last move or resize the placement is written. */
  delayMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface WindowKeeper {
  /** Where to make the window: pass `bounds` to the BrowserWindow, then `track` it. */
  placement: Placement;
  /**
   * Maximizes the window when it was (once ready to show; call before then), and writes its placement
   * as it changes and when it closes.
   */
  track(window: PlacedWindow): void;
  /** Where the mini player goes, the full window being at `near` now. */
  miniBounds(near: Rect): Rect;
  /**
   * The window becomes the mini player (or the full window again): its place so far is written at once,
   * and its moves from now on are the mini player's (or the full window's) again.
   */
  setMini(mini: boolean): void;
  /** Resolves once what is waiting has been written (for before-quit). */
  flush(): Promise<void>;
}

async function readText(file: string, fs: FileSystem): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') console.warn(`cannot read ${file}`, error);
    return null;
  }
}

/** Reads the saved placements and says where the window opens on the displays there are now. */
export async function openWindowKeeper(options: WindowKeeperOptions): Promise<WindowKeeper> {
  const fs = options.fs ?? defaultFileSystem;
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? 500;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
  await removeStaleTemporaries(options.file, fs);
  let state: WindowState = decodeWindowState(await readText(options.file, fs));
  const serial = createSerial();
  let timer: unknown = null;
  let written = Promise.resolve();
  let tracked: PlacedWindow | null = null;
  /** While true, the window's moves and size are the mini player's, never the full window's place. */
  let mini = false;

  const placement = restorePlacement(
    state,
    options.screen.getAllDisplays(),
    options.screen.getPrimaryDisplay(),
  );

  const save = (window: PlacedWindow): void => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    // A window closed in the meantime has already been saved, at its close.
    if (window.isDestroyed()) return;
    const displays = options.screen.getAllDisplays();
    state = mini
      ? rememberMiniBounds(state, displays, window.getNormalBounds(), now())
      : rememberPlacement(
          state,
          displays,
          { bounds: window.getNormalBounds(), maximized: window.isMaximized() },
          now(),
        );
    const text = encodeWindowState(state);
    // Written one at a time, so an older placement never lands after a newer one.
    written = serial(() => writeFileAtomic(options.file, text, { fs })).catch((error: unknown) => {
      console.warn(`cannot save ${options.file}`, error);
    });
  };

  return {
    placement,
    track(window) {
      // Electron's maximize() also shows a window: made hidden until its page is drawn, it waits for that.
      if (placement.maximized) window.once('ready-to-show', () => window.maximize());
      const later = (): void => {
        if (timer !== null) clearTimer(timer);
        timer = setTimer(() => save(window), delayMs);
      };
      tracked = window;
      // A window is made full: the mini player is something it becomes.
      mini = false;
      window.on('resize', later);
      window.on('move', later);
      // Maximizing and closing are rare and deliberate: written at once. A mini player has no maximized state.
      const saveNormal = (): void => {
        if (!mini) save(window);
      };
      window.on('maximize', saveNormal);
      window.on('unmaximize', saveNormal);
      window.on('close', () => save(window));
    },
    miniBounds: (near) =>
      restoreMiniBounds(state, options.screen.getAllDisplays(), options.screen.getPrimaryDisplay(), near),
    setMini(next) {
      if (next === mini) return;
      if (tracked !== null) save(tracked);
      mini = next;
    },
    flush() {
      // A move still waiting for its moment is written now: the app is about to go.
      if (timer !== null && tracked !== null) save(tracked);
      return written;
    },
  };
}
