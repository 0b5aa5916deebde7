// The tray icon (the menu bar on macOS) and the window's close button: the menu follows the player, its
// commands reach the page, and closing the window hides it to the tray when the setting says so.
import {
  NOTHING_PLAYING,
  closeAction,
  menuTemplate,
  trayMenu,
  trayTooltip,
  type MenuTemplateItem,
  type NowPlaying,
  type PlayerCommand,
  type TrayCommand,
} from './tray-state';

/** The parts of Electron's Tray used here; `M` is Electron's Menu. */
export interface TrayIcon<M> {
  setContextMenu(menu: M | null): void;
  setToolTip(toolTip: string): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/** The parts of a BrowserWindow used here. */
export interface TrayWindow {
  isDestroyed(): boolean;
  isVisible(): boolean;
  isMinimized(): boolean;
  show(): void;
  hide(): void;
  restore(): void;
  focus(): void;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'show', listener: () => void): unknown;
  on(event: 'hide', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

export interface TrayApp {
  on(event: 'before-quit', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  quit(): void;
}

export interface TrayOptions<M> {
  app: TrayApp;
  /** Makes the tray icon; null (or a throw) where the desktop has no tray. */
  createTray: () => TrayIcon<M> | null;
  /** `(template) => Menu.buildFromTemplate(template)`. */
  buildMenu: (template: MenuTemplateItem[]) => M;
  /** The main window, or null when there is none. */
  window: () => TrayWindow | null;
  /** Makes the main window when there is none. */
  openWindow: () => void;
  /** Asks the page's player to act (the `player-command` event). */
  command: (command: PlayerCommand) => void;
  /** The mini player, where the window can be one: the menu's Mini player item shows and switches it. */
  mini?: { active(): boolean; toggle(): void };
  /** 'Keep playing in the tray when the window closes', read at each close. */
  keepPlayingInTray: () => boolean;
  platform: NodeJS.Platform;
  log?: (line: string) => void;
}

export interface DesktopTray {
  /** Whether a tray icon exists. */
  shown(): boolean;
  /** The page's player changed (the `now-playing` message): the menu and tooltip follow. */
  update(now: NowPlaying): void;
  /** The window's mode changed: the Mini player item follows. */
  refresh(): void;
  /** Hands the window's close button to the tray policy; call once per window made. */
  attach(window: TrayWindow): void;
  /** Removes the icon, showing the window first if it was hidden, so the app is never out of reach. */
  destroy(): void;
}

export function installTray<M>(options: TrayOptions<M>): DesktopTray {
  const log = options.log ?? ((line: string) => console.warn(line));
  let tray: TrayIcon<M> | null = null;
  let now: NowPlaying = NOTHING_PLAYING;
  let quitting = false;

  const liveWindow = (): TrayWindow | null => {
    const window = options.window();
    return window === null || window.isDestroyed() ? null : window;
  };

  const showWindow = (): void => {
    const window = liveWindow();
    if (window === null) {
      options.openWindow();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const run = (command: TrayCommand): void => {
    if (command === 'quit') options.app.quit();
    else if (command === 'mini') options.mini?.toggle();
    else if (command === 'window') {
      const window = liveWindow();
      if (window !== null && window.isVisible()) window.hide();
      else showWindow();
    } else options.command(command);
  };

  /** Draws the menu; `closing`: the window is going, whatever it still answers. */
  const render = (closing = false): void => {
    if (tray === null) return;
    const window = closing ? null : liveWindow();
    const visible = window?.isVisible() ?? false;
    const mini = window === null ? undefined : options.mini?.active();
    const menu = trayMenu(now, visible, options.platform, mini);
    tray.setContextMenu(options.buildMenu(menuTemplate(menu, run)));
    tray.setToolTip(trayTooltip(now));
  };

  try {
    tray = options.createTray();
  } catch (error) {
    log(`no tray icon: ${String(error)}`);
    tray = null;
  }
  // Windows opens nothing on a left click by itself: there it shows or hides the window, as apps do.
  if (options.platform === 'win32') tray?.on('click', () => run('window'));
  render();
  options.app.on('before-quit', () => {
    quitting = true;
  });
  // macOS: a click on the dock icon brings back a window hidden to the menu bar. (With no window at all,
  // main's own 'activate' handler makes one; this one never does, so there are never two.)
  options.app.on('activate', () => {
    const window = liveWindow();
    if (window !== null && !window.isVisible()) showWindow();
  });

  return {
    shown: () => tray !== null,
    update(next) {
      now = next;
      render();
    },
    refresh: () => render(),
    attach(window) {
      window.on('close', (event) => {
        const situation = {
          keepPlayingInTray: options.keepPlayingInTray(),
          trayShown: tray !== null,
          quitting,
        };
        if (closeAction(situation) !== 'hide') return;
        event.preventDefault();
        window.hide();
      });
      // The menu's Show/Hide follows the window however it was shown or hidden.
      window.on('show', () => render());
      window.on('hide', () => render());
      window.on('closed', () => render(true));
      render();
    },
    destroy() {
      if (tray === null) return;
      tray.destroy();
      tray = null;
      // While quitting, no window is wanted back.
      if (quitting) return;
      const window = liveWindow();
      if (window === null || !window.isVisible()) showWindow();
    },
  };
}
