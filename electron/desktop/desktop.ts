// The desktop pieces assembled for main.ts: one instance and its links, the protocol, the window's place,
// the tray, pausing on sleep and track notifications, each started at its moment of the app's life.
import { join } from 'node:path';
import type { FileSystem } from '../state/atomic-file';
import { readLinkFile } from './link-files';
import {
  installPowerPause,
  createTrackNotifier,
  POWER_DEFAULTS,
  type PowerEvents,
  type TrackNotice,
} from './power';
import { registerProtocol, type LaunchProcess, type ProtocolApp } from './protocol';
import { installSingleInstance, type InstanceApp, type InstanceWindow } from './single-instance';
import { installTray, type TrayApp, type TrayIcon, type TrayWindow } from './tray';
import {
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

/** A BrowserWindow, as every piece sees it. */
export type DesktopWindow = InstanceWindow & TrayWindow & PlacedWindow & { isFocused(): boolean };

export interface DesktopOptions {
  app: InstanceApp & ProtocolApp & TrayApp;
  process: LaunchProcess & { platform: NodeJS.Platform };
  /** The main window, or null when there is none. */
  window: () => DesktopWindow | null;
  /** Makes the main window (main.ts's createWindow, which calls `attach`). */
  openWindow: () => void;
  /** Sends `{type: 'open-links', links, play}` to the page. */
  deliver: (links: string[], play: boolean) => void;
  /** Sends `{type: 'player-command', command}` to the page. */
  command: (command: PlayerCommand | 'pause') => void;
  settings: () => DesktopSettings;
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

export interface Desktop {
  /** False in a second instance, which is quitting: start nothing else. */
  primary: boolean;
  /** Once the app is ready, before the first window: reads the window's place, makes the tray. */
  ready<M>(options: DesktopReadyOptions<M>): Promise<void>;
  /** Where to make the window (after `ready`). */
  placement(): Placement;
  /** A window just made: placed, maximized if it was, closing to the tray, links waiting for its page. */
  attach(window: DesktopWindow): void;
  /** The page has restored its queue and can take links (its `desktop-ready` message). */
  rendererReady(): void;
  /** The page is reloading or its renderer died: links wait for its next `desktop-ready`. */
  rendererGone(): void;
  /** The player's state (the page's `now-playing` message): tray menu and notifications follow. */
  nowPlaying(now: NowPlaying): void;
  /** Writes what is waiting (the window's place) before the app quits. */
  flush(): Promise<void>;
}

/** Call at startup, before `app.whenReady()`: macOS sends a launching link's open-url before `ready`. */
export function startDesktop(options: DesktopOptions): Desktop {
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
  let attachToTray: ((window: DesktopWindow) => void) | null = null;
  let trackWindow: ((window: DesktopWindow) => void) | null = null;
  let updateTray: ((now: NowPlaying) => void) | null = null;
  let flushPlace: () => Promise<void> = () => Promise.resolve();
  let notifier: ((now: NowPlaying) => void) | null = null;

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
        keepPlayingInTray: () => options.settings().keepPlayingInTray,
        platform: options.process.platform,
        log,
      });
      attachToTray = (window) => tray.attach(window);
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
      // A closed or reloading page takes no links: they wait for the next one.
      window.on('closed', () => instance.rendererGone());
    },
    rendererReady: () => instance.rendererReady(),
    rendererGone: () => instance.rendererGone(),
    nowPlaying(now) {
      updateTray?.(now);
      notifier?.(now);
    },
    flush: () => flushPlace(),
  };
}
