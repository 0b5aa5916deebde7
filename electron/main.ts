// App lifecycle and the window: isolation on, the page served from app://cloudcue, permissions and navigation
// refused, IPC registered once, the resolver's requests on Chromium's network stack, and pauses SoundCloud asks
// for told to every window.
import { join } from 'node:path';
import {
  BrowserWindow,
  app,
  dialog,
  ipcMain,
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
import { createIpcRouter, registerIpc } from './ipc';
import { createCookieJar } from './soundcloud/browser';
import { OriginError, parseScOrigin } from './soundcloud/hosts';
import { keychainSecretBox } from './state/settings';
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

/** CLOUDCUE_SC_ORIGIN, or the reason it is refused. */
function readOrigin(): { origin: string | null } | { refused: string } {
  try {
    return { origin: parseScOrigin(devSetting('CLOUDCUE_SC_ORIGIN')) };
  } catch (error) {
    return { refused: error instanceof OriginError ? error.message : String(error) };
  }
}

/** Sends an event to every window (a pause concerns them all, not the one whose request met it). */
function toAllWindows(event: CloudcueEvent): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.webContents.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  }
}

function createWindow(currentPause: () => CloudcueEvent | null): void {
  const window = new BrowserWindow({
    width: 1000,
    height: 720,
    minWidth: 480,
    minHeight: 360,
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
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isOpenableExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  // A window that opens (or reloads) during a pause learns of it at once rather than at its next change.
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
function startBackend(origin: string | null, appSession: Session): Promise<Backend> {
  return createBackend({
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
    broadcast: toAllWindows,
  });
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

void app.whenReady().then(async () => {
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
  const { service, session, handlers } = await startBackend(setting.origin, appSession);
  const currentPause = (): CloudcueEvent | null => {
    const pause = service.pause();
    return pause === null ? null : { type: 'status', pause };
  };
  flushBeforeQuit(session.flush);
  registerIpc(ipcMain, createIpcRouter(handlers, isAppPage));
  allowMediaCors(appSession, setting.origin);
  createWindow(currentPause);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(currentPause);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
