// The mini player: the main window itself made small and kept on top (the audio lives in its page, so there
// is no second window to keep in step), and made full again where it was.
import { MINI_SIZE, WINDOW_SIZE, type Rect } from './window-state';

/** The parts of a BrowserWindow used here. */
export interface MiniWindow {
  isDestroyed(): boolean;
  isVisible(): boolean;
  isMinimized(): boolean;
  show(): void;
  restore(): void;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  maximize(): void;
  unmaximize(): void;
  isFullScreen(): boolean;
  setFullScreen(flag: boolean): void;
  setBounds(bounds: Partial<Rect>): void;
  setMinimumSize(width: number, height: number): void;
  setAlwaysOnTop(flag: boolean, level?: 'floating'): void;
  on(event: 'maximize', listener: () => void): unknown;
  on(event: 'enter-full-screen', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'leave-full-screen' | 'unmaximize', listener: () => void): unknown;
}

/** Where the mini player goes and which place its moves are (the window keeper's). */
export interface MiniPlacer {
  miniBounds(near: Rect): Rect;
  setMini(mini: boolean): void;
}

export interface MiniModeOptions {
  /** The main window, or null when there is none. */
  window: () => MiniWindow | null;
  placer: MiniPlacer;
  /** Tells the page the mode changed without its asking (the tray, a maximize): its layout follows. */
  tell: (mini: boolean) => void;
  /** The mode changed, however (the tray's check mark follows). */
  changed?: (mini: boolean) => void;
}

export interface MiniMode {
  /** Whether the window is the mini player now. */
  active(): boolean;
  /** The page asks for a mode; answers the mode the window is in after (full when there is no window). */
  set(mini: boolean): boolean;
  /** The tray's item: switches the mode, shows the window, and tells the page. */
  toggle(): void;
  /** A window just made: it leaves mini by itself when maximized or made full screen, or at close. */
  watch(window: MiniWindow): void;
}

export function createMiniMode(options: MiniModeOptions): MiniMode {
  let active = false;
  /** The full window's place when it became mini, to put it back there. */
  let normal: { bounds: Rect; maximized: boolean } | null = null;

  const liveWindow = (): MiniWindow | null => {
    const window = options.window();
    return window === null || window.isDestroyed() ? null : window;
  };

  const enter = (window: MiniWindow): void => {
    // Written first: the moves that follow are the mini player's, not the full window's place.
    options.placer.setMini(true);
    normal = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    const bounds = options.placer.miniBounds(normal.bounds);
    if (window.isFullScreen()) {
      // Leaving full screen takes a moment (an animation on macOS), and puts back the bounds from before it.
      window.once('leave-full-screen', () => {
        if (active && window === options.window()) window.setBounds(bounds);
      });
      window.setFullScreen(false);
    }
    if (normal.maximized) window.unmaximize();
    // The small limit first, or the mini bounds would be held up to the full window's minimum.
    window.setMinimumSize(MINI_SIZE.minWidth, MINI_SIZE.minHeight);
    window.setBounds(bounds);
    window.setAlwaysOnTop(true, 'floating');
    active = true;
  };

  /** Back to a full window; `restore`: to its place before (not when the user just maximized it). */
  const leave = (window: MiniWindow | null, restore: boolean): void => {
    options.placer.setMini(false);
    active = false;
    const before = normal;
    normal = null;
    if (window === null) return;
    window.setAlwaysOnTop(false);
    window.setMinimumSize(WINDOW_SIZE.minWidth, WINDOW_SIZE.minHeight);
    if (before === null) return;
    if (!restore) {
      // Left by maximizing (or full screen): the system's size to come back to is now the mini player's,
      // so the full window's own comes back instead when the user un-maximizes.
      const back = window.isFullScreen() ? 'leave-full-screen' : 'unmaximize';
      window.once(back, () => {
        if (!active && window === options.window()) window.setBounds(before.bounds);
      });
      return;
    }
    window.setBounds(before.bounds);
    if (before.maximized) window.maximize();
  };

  const set = (mini: boolean): boolean => {
    if (mini === active) return active;
    const window = liveWindow();
    if (mini) {
      if (window === null) return false;
      enter(window);
    } else leave(window, true);
    options.changed?.(active);
    return active;
  };

  return {
    active: () => active,
    set,
    toggle() {
      const mini = set(!active);
      const window = liveWindow();
      // Chosen in the tray, the mini player is wanted in sight, even from a window hidden there.
      if (mini && window !== null) {
        if (window.isMinimized()) window.restore();
        if (!window.isVisible()) window.show();
      }
      options.tell(mini);
    },
    watch(window) {
      const leftByItself = (): void => {
        if (!active || window !== options.window()) return;
        leave(window, false);
        options.changed?.(false);
        options.tell(false);
      };
      window.on('maximize', leftByItself);
      window.on('enter-full-screen', leftByItself);
      window.on('closed', () => {
        if (!active) return;
        // The next window is made full, and the keeper records its moves as the full window's again.
        leave(null, false);
        options.changed?.(false);
      });
    },
  };
}
