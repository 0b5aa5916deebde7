// One running Cloudcue: a second launch hands its links to the first and quits; links from the command line,
// a second instance and macOS's open-url wait until the window's page is ready, then reach it in order.
import { resolve } from 'node:path';
import { MAX_LINKS } from '../../shared/ipc';
import {
  commandLineArguments,
  linksFromOpenedUrl,
  parseLaunchArgs,
  type ArgvShape,
  type LaunchLinks,
} from './launch-links';
import { isLinkFile } from './link-files';

/** The parts of Electron's `app` used here (Electron's own `app` fits it). */
export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  isReady(): boolean;
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string) => void,
  ): unknown;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'open-file', listener: (event: { preventDefault(): void }, path: string) => void): unknown;
}

/** The parts of a BrowserWindow used here. */
export interface InstanceWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export interface SingleInstanceOptions {
  app: InstanceApp;
  /** `process.argv` of this launch. */
  argv: readonly string[];
  /** `{ defaultApp: process.defaultApp === true }`: how to read both this argv and a second instance's. */
  shape: ArgvShape;
  /** The main window, or null when there is none (macOS keeps running with none, or it is being made). */
  window: () => InstanceWindow | null;
  /** Makes the main window when there is none (only called once the app is ready). */
  openWindow: () => void;
  /** Hands links to the page, as the `open-links` event; called only while the page is ready. */
  deliver: (links: string[], play: boolean) => void;
  /**
   * Reads the link in a link file (.url, .webloc, .desktop: what a link dragged out of a browser becomes)
   * dropped on the app's icon, given on the command line or to macOS's open-file; without it they are ignored.
   */
  readLinkFile?: (path: string) => Promise<LaunchLinks>;
  /** Why links were not taken (a cloudcue:// link for another site, say), for the page or the log. */
  refuse?: (reasons: string[]) => void;
}

export interface SingleInstance {
  /** False in a second instance: it has handed its command line over and is quitting. */
  primary: boolean;
  /** The page can take links now (it has loaded and restored its queue): what waited is delivered. */
  rendererReady(): void;
  /** The page went away (reload, window closed): links wait again until it is back. */
  rendererGone(): void;
  /** Links from elsewhere (a drop on the dock icon): delivered now or when the page is ready. */
  take(launch: LaunchLinks): void;
}

const INERT: SingleInstance = {
  primary: false,
  rendererReady: () => undefined,
  rendererGone: () => undefined,
  take: () => undefined,
};

/**
 * Takes the single-instance lock and listens for what later launches bring. Call it at startup, before
 * `app.whenReady()`: macOS sends the open-url of the link that launched the app before `ready`. In a second
 * instance it quits the app (Electron has already passed this command line to the first, as `second-instance`).
 */
export function installSingleInstance(options: SingleInstanceOptions): SingleInstance {
  const { app } = options;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return INERT;
  }
  const waiting: LaunchLinks[] = [];
  let ready = false;

  const waitingCount = (): number => waiting.reduce((sum, batch) => sum + batch.links.length, 0);

  const hand = (batch: LaunchLinks): void => {
    if (batch.links.length > 0) options.deliver(batch.links, batch.play);
    if (batch.refused.length > 0) options.refuse?.(batch.refused);
  };

  const take = (launch: LaunchLinks): void => {
    if (launch.links.length === 0 && launch.refused.length === 0) return;
    if (ready) {
      hand(launch);
      return;
    }
    // A page that never gets ready must not make main hold an unbounded pile of links.
    const room = Math.max(0, MAX_LINKS - waitingCount());
    waiting.push({ ...launch, links: launch.links.slice(0, room) });
  };

  /** Brings the window to the front (restored, shown from the tray), or makes one if there is none. */
  const bringForward = (): void => {
    const window = options.window();
    if (window === null || window.isDestroyed()) {
      // Before `ready` the app's own start makes the window; making one here would make two.
      if (app.isReady()) options.openWindow();
      return;
    }
    if (window.isMinimized()) window.restore();
    if (!window.isVisible()) window.show();
    window.focus();
  };

  const fromLinkFile = (path: string): void => {
    void options
      .readLinkFile?.(path)
      .then(take)
      .catch((error: unknown) => take({ links: [], play: false, refused: [String(error)] }));
  };

  /** A command line's links, then those of the link files it names (relative to where it was typed). */
  const fromCommandLine = (argv: readonly string[], workingDirectory: string): void => {
    take(parseLaunchArgs(argv, options.shape));
    for (const arg of commandLineArguments(argv, options.shape).args) {
      if (isLinkFile(arg)) fromLinkFile(resolve(workingDirectory, arg));
    }
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    fromCommandLine(argv, workingDirectory);
    // Launching the app again means "show me the app", links or not.
    bringForward();
  });

  app.on('open-url', (event, url) => {
    // Without preventDefault macOS treats the link as unhandled.
    event.preventDefault();
    take(linksFromOpenedUrl(url));
    bringForward();
  });

  app.on('open-file', (event, path) => {
    if (!isLinkFile(path) || options.readLinkFile === undefined) return;
    event.preventDefault();
    fromLinkFile(path);
    bringForward();
  });

  fromCommandLine(options.argv, process.cwd());

  return {
    primary: true,
    rendererReady() {
      ready = true;
      for (const batch of waiting.splice(0)) hand(batch);
    },
    rendererGone() {
      ready = false;
    },
    take,
  };
}
