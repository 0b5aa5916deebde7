// App lifecycle and the window: isolation on, the page served from app://cloudcue, permissions and navigation
// refused, IPC registered once, the resolver's requests on Chromium's network stack, pauses SoundCloud asks
// for told to every window, and the desktop around it (one instance, cloudcue:// links, the tray, taskbar
// buttons, the window's place, pausing on sleep, track notifications).
import { join } from 'node:path';
import {
  BrowserWindow,
  app,
  dialog,
  ipcMain,
  nativeImage,
  net,
  protocol,
  safeStorage,
  session as electronSession,
  shell,
  type Session,
} from 'electron';
import { EVENT_CHANNEL, type CloudcueEvent } from '../shared/ipc';
import { createBackend, type Backend } from './backend';
import { chromeUserAgent, createChromiumFetch, sessionCookieStore } from './chromium-fetch';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppHandler } from './app-protocol';
import { startDesktop } from './desktop/desktop';
import { applyIdentity } from './desktop/identity';
import { thumbarIconPath } from './desktop/thumbar';
import { WINDOW_SIZE } from './desktop/window-state';
import { startUpdates, updateSettingsOf, type UpdatesSwitch } from './updates';
import { createIpcRouter, registerIpc } from './ipc';
import { createCookieJar } from './soundcloud/browser';
import { OriginError, parseScOrigin } from './soundcloud/hosts';
import { defaultFileSystem } from './state/atomic-file';
import { desktopSettingsOf, electronDesktop } from './desktop-shell';
import { keychainSecretBox, type SettingsStore } from './state/settings';
import {
  isOpenableExternally,
  isPermissionAllowed,
  isTrustedRendererUrl,
  mediaUrlPatterns,
  withCors,
} from './window-policy';

const rendererDir = join(import.meta.dirname, '../renderer');

/**
 * The development hooks, ELECTRON_RENDERER_URL (electron-vite's dev server) and CLOUDCUE_SC_ORIGIN (the
 * simulator): honoured only in an unpackaged app. A packaged app loads its own files and speaks to SoundCloud
 * only, whatever its environment says.
 */
function devSetting(name: 'ELECTRON_RENDERER_URL' | 'CLOUDCUE_SC_ORIGIN'): string | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  if (!app.isPackaged) return value;
  console.warn(`cloudcue: ${name} is ignored by a packaged app`);
  return undefined;
}

const rendererUrl = devSetting('ELECTRON_RENDERER_URL') ?? APP_INDEX_URL;
const isAppPage = (url: string | undefined): boolean => isTrustedRendererUrl(url, rendererUrl);

// Before the app is ready, or the scheme gets no origin of its own.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Every renderer sandboxed, not only the window that asks for it in its webPreferences.
app.enableSandbox();
applyIdentity(app, process.platform); // Named Cloudcue before the window and the media controls exist.

/** CLOUDCUE_SC_ORIGIN, or the reason it is refused. */
function readOrigin(): { origin: string | null } | { refused: string } {
  try {
    return { origin: parseScOrigin(devSetting('CLOUDCUE_SC_ORIGIN')) };
  } catch (error) {
    return { refused: error instanceof OriginError ? error.message : String(error) };
  }
}

/** The main window (null when there is none), and what makes one once the app is ready. */
let mainWindow: BrowserWindow | null = null;
let openWindow: () => void = () => undefined;
/** Read at each close, sleep and track change (the platform's defaults until loaded). */
let settingsStore: SettingsStore | null = null;
/** The update checks, told of each settings change ("Check for updates" turned on or off). */
let updates: UpdatesSwitch | null = null;

/** Sends an event to the main window's page: links and player commands concern the one player. */
function toPage(event: CloudcueEvent): void {
  const window = mainWindow;
  if (window !== null && !window.isDestroyed() && !window.webContents.isDestroyed()) {
    window.webContents.send(EVENT_CHANNEL, event);
  }
}

// Before anything else: a second launch hands its links to the first and quits, and macOS sends the open-url
// of the link that launched the app before `ready`.
const desktop = startDesktop({
  app,
  process,
  window: () => mainWindow,
  openWindow: () => openWindow(),
  deliver: (links, play) => toPage({ type: 'open-links', links, play }),
  command: (command) => toPage({ type: 'player-command', command }),
  thumbarIcon: (name) => nativeImage.createFromPath(thumbarIconPath(rendererDir, name)),
  mini: { window: () => mainWindow, tell: (mini) => toPage({ type: 'window-mode', mini }) },
  settings: () => desktopSettingsOf(settingsStore),
  fs: defaultFileSystem,
});

/** Sends an event to every window (a pause concerns them all, not the one whose request met it). */
function toAllWindows(event: CloudcueEvent): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.webContents.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  }
}

function createWindow(currentPause: () => CloudcueEvent | null): void {
  const window = new BrowserWindow({
    ...desktop.placement().bounds,
    minWidth: WINDOW_SIZE.minWidth,
    minHeight: WINDOW_SIZE.minHeight,
    title: 'Cloudcue',
    // Linux and Windows show this in the task bar (a packaged macOS app takes the bundle's icon instead).
    icon: join(rendererDir, 'icon.png'),
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // A middle click would open a link in a new window; the open handler refuses those anyway.
      disableBlinkFeatures: 'Auxclick',
      // A window hidden in the tray keeps its timers at full rate: the player moves to the next track on time.
      backgroundThrottling: false,
    },
  });
  mainWindow = window;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  desktop.attach(window);
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isOpenableExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  // A window that opens (or reloads) during a pause learns of it at once rather than at its next change.
  // A reloading or crashed page has lost its queue's listener: links wait for its next desktopReady.
  window.webContents.on('did-start-loading', () => desktop.rendererGone());
  window.webContents.on('render-process-gone', () => desktop.rendererGone());
  window.webContents.on('did-finish-load', () => {
    const status = currentPause();
    if (status !== null && !window.webContents.isDestroyed()) window.webContents.send(EVENT_CHANNEL, status);
  });
  void window.loadURL(rendererUrl);
}

// Before any session exists: every request, the resolver's and the player's, goes as the Chromium it is.
app.userAgentFallback = chromeUserAgent(app.userAgentFallback);

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

/** The backend on Chromium's network stack, with the client secret kept by the OS keychain (or in memory). */
async function startBackend(origin: string | null, appSession: Session): Promise<Backend> {
  const backend = await createBackend({
    dataDir: app.getPath('userData'),
    origin,
    // The official API's client secret is kept encrypted by the OS keychain (safeStorage); without a real
    // keychain (Linux's basic_text store included) it is kept in memory only.
    secretBox: keychainSecretBox(safeStorage, process.platform),
    // The resolver speaks through the window's session: Chromium's TLS and headers, and its cookies (such as
    // DataDome's) kept across runs. Through the loopback simulator the cookies live in a jar keyed by
    // SoundCloud's real hosts instead (see createChromiumFetch).
    network: {
      fetch: createChromiumFetch((options) => net.request({ ...options, session: appSession }), {
        sessionCookies: origin === null,
      }),
      identity: 'chromium',
      cookies: origin === null ? sessionCookieStore(appSession.cookies) : createCookieJar(),
    },
    ...(process.env['CLOUDCUE_CLIENT_ID'] ? { legacyClientId: process.env['CLOUDCUE_CLIENT_ID'] } : {}),
    broadcast: (event) => {
      toAllWindows(event);
      if (event.type === 'settings') updates?.settingsChanged();
    },
    packaged: app.isPackaged,
    desktop: {
      rendererReady: () => desktop.rendererReady(),
      nowPlaying: (now) => desktop.nowPlaying(now),
      windowMode: (mini) => desktop.windowMode(mini),
    },
  });
  settingsStore = backend.settings;
  return backend;
}

/** Whatever is still waiting to be written goes to disk before the app exits: the quit waits for it. */
function flushBeforeQuit(flush: () => Promise<void>): void {
  let flushed = false;
  app.on('before-quit', (event) => {
    if (flushed) return;
    event.preventDefault();
    void flush().finally(() => {
      flushed = true;
      app.quit();
    });
  });
}

/** Every permission request and check is refused (see isPermissionAllowed), devices (USB, HID, serial) too. */
function denyPermissions(appSession: Session): void {
  appSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl, isAppPage)),
  );
  appSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, isAppPage),
  );
  appSession.setDevicePermissionHandler(() => false);
}

/** hls.js reads playlists and segments with XHR: make sure the CDN's answers may be read. */
function allowMediaCors(appSession: Session, origin: string | null): void {
  appSession.webRequest.onHeadersReceived({ urls: mediaUrlPatterns(origin) }, (details, callback) =>
    callback({ responseHeaders: withCors(details.responseHeaders) }),
  );
}

async function startApp(): Promise<void> {
  const setting = readOrigin();
  if ('refused' in setting) {
    console.error(`cloudcue: ${setting.refused}`);
    dialog.showErrorBox('Cloudcue cannot start', setting.refused);
    app.exit(1);
    return;
  }
  const appSession = electronSession.defaultSession;
  denyPermissions(appSession);
  // The page (and the simulator's origin in its policy when one is set, which only an unpackaged app allows).
  protocol.handle(APP_SCHEME, createAppHandler({ rendererDir, mediaOrigin: setting.origin }));
  const { service, session, memories, playlists, handlers } = await startBackend(setting.origin, appSession);
  const currentPause = (): CloudcueEvent | null => {
    const pause = service.pause();
    return pause === null ? null : { type: 'status', pause };
  };
  // The window's place is read and the tray made before the first window.
  await desktop.ready(electronDesktop(rendererDir));
  flushBeforeQuit(() =>
    Promise.all([session.flush(), memories.flush(), playlists.flush(), desktop.flush()]).then(
      () => undefined,
    ),
  );
  registerIpc(ipcMain, createIpcRouter(handlers, isAppPage));
  allowMediaCors(appSession, setting.origin);
  openWindow = () => createWindow(currentPause);
  createWindow(currentPause);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(currentPause);
  });
  // A packaged app looks for a release at most once a day while "Check for updates" is on, and asks before
  // downloading and installing.
  updates = startUpdates({
    app,
    showMessageBox: (box) => dialog.showMessageBox(box),
    settings: () => updateSettingsOf(settingsStore?.view(), app.isPackaged),
  });
}

// A second instance has handed its command line to the first and is quitting: it starts nothing.
if (desktop.primary) {
  void app.whenReady().then(startApp);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
