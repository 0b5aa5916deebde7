// The desktop pieces for main.ts: one instance and its links, cloudcue://, the window's place, taskbar buttons,
// the tray, the mini player, pausing on sleep and track notifications, each started at its moment of the
// app's life.
import { join } from 'node:path';
import type { FileSystem } from '../state/atomic-file';
import { readLinkFile } from './link-files';
import { createMiniMode, type MiniMode, type MiniWindow } from './mini-window';
import {
  installPowerPause,
  createTrackNotifier,
  POWER_DEFAULTS,
  type PowerEvents,
  type TrackNotice,
} from './power';
import { registerProtocol, type LaunchProcess, type ProtocolApp } from './protocol';
import { installSingleInstance, type InstanceApp, type InstanceWindow } from './single-instance';
import { createThumbar, type ThumbarIconName, type ThumbarWindow } from './thumbar';
import { installTray, type TrayApp, type TrayIcon, type TrayWindow } from './tray';
import {
  NOTHING_PLAYING,
  keepPlayingInTrayByDefault,
  type MenuTemplateItem,
  type NowPlaying,
  type PlayerCommand,
} from './tray-state';
import { openWindowKeeper, type PlacedWindow, type PlacementScreen } from './window-keeper';
import type { Placement } from './window-state';

/** The desktop settings, as chosen or by default. */
export interface DesktopSettings {
  keepPlayingInTray: boolean;
  pauseOnSleep: boolean;
  notifyOnTrackChange: boolean;
}

export function defaultDesktopSettings(platform: NodeJS.Platform): DesktopSettings {
  return { keepPlayingInTray: keepPlayingInTrayByDefault(platform), ...POWER_DEFAULTS };
}

/** A BrowserWindow, as every piece sees it; `I` is an icon of its taskbar buttons (Electron's NativeImage). */
export type DesktopWindow<I> = InstanceWindow &
  TrayWindow &
  PlacedWindow &
  ThumbarWindow<I> & { isFocused(): boolean };

export interface DesktopOptions<I> {
  app: InstanceApp & ProtocolApp & TrayApp;
  process: LaunchProcess & { platform: NodeJS.Platform };
  /** The main window, or null when there is none. */
  window: () => DesktopWindow<I> | null;
  /** Makes the main window (main.ts's createWindow, which calls `attach`). */
  openWindow: () => void;
  /** Sends `{type: 'open-links', links, play}` to the page. */
  deliver: (links: string[], play: boolean) => void;
  /** Sends `{type: 'player-command', command}` to the page. */
  command: (command: PlayerCommand | 'pause') => void;
  /**
   * Loads a taskbar button's icon (Windows only, at the first draw): nativeImage.createFromPath in the app.
   * Without it the window gets no taskbar buttons.
   */
  thumbarIcon?: (name: ThumbarIconName) => I;
  settings: () => DesktopSettings;
  /** The main window as the mini player sees it, and how to send `{type: 'window-mode', mini}` to its page. */
  mini?: { window: () => MiniWindow | null; tell: (mini: boolean) => void };
  fs: FileSystem;
  log?: (line: string) => void;
}

export interface DesktopReadyOptions<M> {
  userData: string;
  screen: PlacementScreen;
  powerMonitor: PowerEvents;
  createTray: () => TrayIcon<M> | null;
  buildMenu: (template: MenuTemplateItem[]) => M;
  /** Shows a notification where the system has them. */
  notify: (notice: TrackNotice) => void;
}

export interface Desktop<I> {
  /** False in a second instance, which is quitting: start nothing else. */
  primary: boolean;
  /** Once the app is ready, before the first window: reads the window's place, makes the tray. */
  ready<M>(options: DesktopReadyOptions<M>): Promise<void>;
  /** Where to make the window (after `ready`). */
  placement(): Placement;
  /** A window just made: placed, maximized if it was, closing to the tray, links waiting for its page. */
  attach(window: DesktopWindow<I>): void;
  /** The page has restored its queue and can take links (its `desktop-ready` message). */
  rendererReady(): void;
  /** The page is reloading or its renderer died: links wait for its next `desktop-ready`. */
  rendererGone(): void;
  /** The player's state (the page's `now-playing` message): tray menu, taskbar buttons and notices follow. */
  nowPlaying(now: NowPlaying): void;
  /** The page asks for the mini player or the full window; answers the mode the window is in after. */
  windowMode(mini: boolean): boolean;
  /** Writes what is waiting (the window's place) before the app quits. */
  flush(): Promise<void>;
}

/** Call at startup, before `app.whenReady()`: macOS sends a launching link's open-url before `ready`. */
export function startDesktop<I>(options: DesktopOptions<I>): Desktop<I> {
  const log = options.log ?? ((line: string) => console.warn(`cloudcue: ${line}`));
  const instance = installSingleInstance({
    app: options.app,
    argv: options.process.argv,
    shape: { defaultApp: options.process.defaultApp === true },
    window: options.window,
    openWindow: options.openWindow,
    deliver: options.deliver,
    refuse: (reasons) => reasons.forEach(log),
    readLinkFile: (path) => readLinkFile(path, options.fs),
  });
  let placement: Placement | null = null;
  let attachToTray: ((window: DesktopWindow<I>) => void) | null = null;
  let trackWindow: ((window: DesktopWindow<I>) => void) | null = null;
  let updateTray: ((now: NowPlaying) => void) | null = null;
  let flushPlace: () => Promise<void> = () => Promise.resolve();
  let notifier: ((now: NowPlaying) => void) | null = null;
  /** The player's last state, drawn again on a window that shows. */
  let playing: NowPlaying = NOTHING_PLAYING;
  // Previous, play/pause and next in the taskbar's thumbnail (Windows only), sending what the tray sends.
  const loadIcon = options.thumbarIcon;
  const thumbar =
    loadIcon === undefined
      ? () => undefined
      : createThumbar({ platform: options.process.platform, loadIcon, command: options.command });
  let mini: MiniMode | null = null;

  if (instance.primary && !registerProtocol(options.app, options.process)) {
    log('the system did not take Cloudcue as the handler of cloudcue:// links');
  }

  return {
    primary: instance.primary,
    async ready(ready) {
      if (!instance.primary) return;
      const keeper = await openWindowKeeper({
        file: join(ready.userData, 'window-state.json'),
        screen: ready.screen,
        fs: options.fs,
      });
      placement = keeper.placement;
      trackWindow = (window) => keeper.track(window);
      flushPlace = () => keeper.flush();
      const tray = installTray({
        app: options.app,
        createTray: ready.createTray,
        buildMenu: ready.buildMenu,
        window: options.window,
        openWindow: options.openWindow,
        command: options.command,
        ...(options.mini === undefined
          ? {}
          : { mini: { active: () => mini?.active() ?? false, toggle: () => mini?.toggle() } }),
        keepPlayingInTray: () => options.settings().keepPlayingInTray,
        platform: options.process.platform,
        log,
      });
      attachToTray = (window) => tray.attach(window);
      if (options.mini !== undefined) {
        mini = createMiniMode({
          window: options.mini.window,
          placer: keeper,
          tell: options.mini.tell,
          changed: () => tray.refresh(),
        });
      }
      updateTray = (now) => tray.update(now);
      installPowerPause({
        powerMonitor: ready.powerMonitor,
        pauseOnSleep: () => options.settings().pauseOnSleep,
        pause: () => options.command('pause'),
      });
      notifier = createTrackNotifier({
        notifyOnTrackChange: () => options.settings().notifyOnTrackChange,
        windowFocused: () => options.window()?.isFocused() ?? false,
        show: ready.notify,
      });
    },
    placement() {
      if (placement === null) throw new Error('startDesktop: placement() before ready()');
      return placement;
    },
    attach(window) {
      trackWindow?.(window);
      attachToTray?.(window);
      // Windows drops a window's thumbnail buttons when it hides (to the tray, say): drawn again as it shows.
      window.on('show', () => thumbar(window, playing));
      const shrinkable = options.mini?.window();
      if (shrinkable) mini?.watch(shrinkable);
      // A closed or reloading page takes no links: they wait for the next one.
      window.on('closed', () => instance.rendererGone());
    },
    rendererReady: () => instance.rendererReady(),
    rendererGone() {
      instance.rendererGone();
      // A page that loads again starts with the full layout: the window goes back to full with it.
      mini?.set(false);
    },
    nowPlaying(now) {
      playing = now;
      thumbar(options.window(), now);
      updateTray?.(now);
      notifier?.(now);
    },
    windowMode: (wanted) => mini?.set(wanted) ?? false,
    flush: () => flushPlace(),
  };
}
