// App lifecycle and the window: isolation on, navigation refused, IPC registered once.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BrowserWindow,
  app,
  dialog,
  ipcMain,
  safeStorage,
  session as electronSession,
  shell,
} from 'electron';
import { createHandlers } from './handlers';
import { createIpcRouter, registerIpc } from './ipc';
import { OriginError, parseScOrigin } from './soundcloud/hosts';
import { createSoundCloudService } from './soundcloud/service';
import { createSessionStore } from './state/session';
import { createSettingsStore } from './state/settings';
import { isOpenableExternally, isTrustedRendererUrl, mediaUrlPatterns, withCors } from './window-policy';

const rendererDevUrl = process.env['ELECTRON_RENDERER_URL'];
const indexHtml = join(import.meta.dirname, '../renderer/index.html');
const rendererUrl = rendererDevUrl ?? pathToFileURL(indexHtml).href;

/** CLOUDCUE_SC_ORIGIN, or the reason it is refused. */
function readOrigin(): { origin: string | null } | { refused: string } {
  try {
    return { origin: parseScOrigin(process.env['CLOUDCUE_SC_ORIGIN']) };
  } catch (error) {
    return { refused: error instanceof OriginError ? error.message : String(error) };
  }
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1000,
    height: 720,
    minWidth: 480,
    minHeight: 360,
    title: 'Cloudcue',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isOpenableExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  void window.loadURL(rendererUrl);
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(async () => {
  const setting = readOrigin();
  if ('refused' in setting) {
    console.error(`cloudcue: ${setting.refused}`);
    dialog.showErrorBox('Cloudcue cannot start', setting.refused);
    app.exit(1);
    return;
  }
  const userData = app.getPath('userData');
  // The official API's client secret is kept encrypted by the OS keychain (safeStorage), never in plain text.
  const settings = createSettingsStore({
    file: join(userData, 'settings.json'),
    secretBox: {
      available: () => safeStorage.isEncryptionAvailable(),
      encrypt: (text) => safeStorage.encryptString(text),
      decrypt: (data) => safeStorage.decryptString(data),
    },
  });
  await settings.load();
  const legacyClientId = process.env['CLOUDCUE_CLIENT_ID'];
  const service = createSoundCloudService({
    origin: setting.origin,
    settings,
    clientIdFile: join(userData, 'client-id.json'),
    ...(legacyClientId ? { legacyClientId } : {}),
  });
  const session = createSessionStore({ file: join(userData, 'session.json') });
  // Whatever is still waiting to be written goes to disk before the app exits: the quit waits for it.
  let flushed = false;
  app.on('before-quit', (event) => {
    if (flushed) return;
    event.preventDefault();
    void session.flush().finally(() => {
      flushed = true;
      app.quit();
    });
  });
  const router = createIpcRouter(createHandlers(service, settings, session), (url) =>
    isTrustedRendererUrl(url, rendererUrl),
  );
  registerIpc(ipcMain, router);
  // hls.js reads playlists and segments with XHR: make sure the CDN's answers may be read.
  electronSession.defaultSession.webRequest.onHeadersReceived(
    { urls: mediaUrlPatterns(setting.origin) },
    (details, callback) => callback({ responseHeaders: withCors(details.responseHeaders) }),
  );
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
