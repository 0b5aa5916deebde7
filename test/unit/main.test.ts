// The Electron main module with a fake `electron`: the window's security settings, navigation guards,
// external links, IPC registration, settings kept in userData with safeStorage, the start-up refusal of a
// non-loopback CLOUDCUE_SC_ORIGIN, the resolver's requests on Chromium's stack (createChromiumFetch) and
// pauses told to every window.
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ClientRequest, ClientRequestConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chromeUserAgent, createChromiumFetch, sessionCookieStore } from '../../electron/chromium-fetch';
import { resultSchemas } from '../../shared/ipc';
import { REGISTERED_CHANNELS } from '../helpers/ipc-channels';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    windows: [] as {
      options: { webPreferences: Record<string, unknown> };
      contents: Record<string, Listener>;
      openHandler: Listener | null;
      loaded: string | null;
      sent: { channel: string; payload: unknown }[];
    }[],
    /** The BrowserWindow objects themselves, as getAllWindows gives them. */
    open: [] as unknown[],
    handled: [] as string[],
    handlers: {} as Record<string, Listener>,
    opened: [] as string[],
    errors: [] as string[],
    exitCode: null as number | null,
    appListeners: {} as Record<string, Listener>,
    quits: 0,
    headerFilters: [] as { urls: string[]; listener: Listener }[],
    userData: '',
    encryptionAvailable: true,
    /** What safeStorage.getSelectedStorageBackend() answers (Linux's password store). */
    storageBackend: 'gnome_libsecret',
    encrypted: [] as string[],
    isPackaged: false,
    sandboxedAll: false,
    /** The schemes registered as privileged, and the app:// handler main installs. */
    privileged: [] as unknown[],
    protocolHandlers: {} as Record<string, (request: Request) => Promise<Response>>,
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    devicePermission: null as Listener | null,
    /** What net.request is asked to open; set by each test (Node modules cannot be used in here). */
    openRequest: null as ((options: Record<string, unknown>) => unknown) | null,
    requested: [] as Record<string, unknown>[],
  };
  const defaultSession = {
    webRequest: {
      onHeadersReceived: (filter: { urls: string[] }, listener: Listener) => {
        state.headerFilters.push({ urls: filter.urls, listener });
      },
    },
    cookies: { get: () => Promise.resolve([]), remove: () => Promise.resolve() },
    setPermissionRequestHandler: (handler: Listener) => (state.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Listener) => (state.permissionCheck = handler),
    setDevicePermissionHandler: (handler: Listener) => (state.devicePermission = handler),
  };
  class BrowserWindow {
    static getAllWindows = () => state.open as BrowserWindow[];
    webContents;
    constructor(options: { webPreferences: Record<string, unknown> }) {
      const record = {
        options,
        contents: {} as Record<string, Listener>,
        openHandler: null as Listener | null,
        loaded: null as string | null,
        sent: [] as { channel: string; payload: unknown }[],
      };
      state.windows.push(record);
      state.open.push(this);
      this.webContents = {
        setWindowOpenHandler: (handler: Listener) => (record.openHandler = handler),
        on: (event: string, listener: Listener) => (record.contents[event] = listener),
        isDestroyed: () => false,
        send: (channel: string, payload: unknown) => record.sent.push({ channel, payload }),
      };
      this.loadURL = (url: string) => {
        record.loaded = url;
        return Promise.resolve();
      };
    }
    loadURL: (url: string) => Promise<void>;
    once() {}
    // The desktop's window events (close to the tray, the window's place) are not exercised here.
    on() {}
    isDestroyed = () => false;
    isVisible = () => false;
    isMinimized = () => false;
    isFocused = () => false;
  }
  /** The desktop's Electron parts, inert: desktop-*.test.ts and built-app cover what they do. */
  const display = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
  const desktopParts = {
    screen: {
      getAllDisplays: () => [{ ...display, workArea: display.bounds }],
      getPrimaryDisplay: () => ({ ...display, workArea: display.bounds }),
    },
    powerMonitor: { on: () => undefined },
    Tray: class {
      setContextMenu() {}
      setToolTip() {}
      on() {}
      destroy() {}
    },
    Menu: { buildFromTemplate: () => ({}) },
    nativeImage: { createFromPath: () => ({ resize: () => ({}) }) },
    Notification: { isSupported: () => false },
  };
  // A reversible stand-in for the OS keychain.
  const PREFIX = 'keychain:';
  const electron = {
    BrowserWindow,
    ...desktopParts,
    app: {
      // Already named Cloudcue: the identity leaves the data folder alone.
      getName: () => 'Cloudcue',
      setName: () => undefined,
      setPath: () => undefined,
      setAppUserModelId: () => undefined,
      requestSingleInstanceLock: () => true,
      setAsDefaultProtocolClient: () => true,
      isReady: () => true,
      userAgentFallback:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) cloudcue/0.1.0 Chrome/146.0.7680.65 Electron/41.10.7 Safari/537.36',
      whenReady: () => Promise.resolve(),
      enableSandbox: () => (state.sandboxedAll = true),
      get isPackaged() {
        return state.isPackaged;
      },
      on: (event: string, listener: Listener) => (state.appListeners[event] = listener),
      exit: (code: number) => (state.exitCode = code),
      quit: () => {
        state.quits += 1;
      },
      getPath: (name: string) => {
        if (name !== 'userData') throw new Error(`unexpected app.getPath(${name})`);
        return state.userData;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        (state.protocolHandlers[scheme] = handler),
    },
    dialog: { showErrorBox: (_title: string, message: string) => state.errors.push(message) },
    session: { defaultSession },
    net: {
      request: (options: Record<string, unknown>) => {
        state.requested.push(options);
        if (state.openRequest === null) throw new Error('no request expected');
        return state.openRequest(options);
      },
    },
    ipcMain: {
      handle: (channel: string, listener: Listener) => {
        state.handled.push(channel);
        state.handlers[channel] = listener;
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => state.encryptionAvailable,
      getSelectedStorageBackend: () => state.storageBackend,
      encryptString: (text: string) => {
        state.encrypted.push(text);
        return Buffer.from(PREFIX + text, 'utf8');
      },
      decryptString: (data: Buffer) => {
        const text = data.toString('utf8');
        if (!text.startsWith(PREFIX)) throw new Error('cannot decrypt');
        return text.slice(PREFIX.length);
      },
    },
    shell: { openExternal: (url: string) => (state.opened.push(url), Promise.resolve()) },
  };
  return { state, electron };
});

vi.mock('electron', () => fake.electron);

/** What a fake Chromium request answers: a response, or a redirect (which Chromium reports as an event). */
type FakeAnswer =
  | { status: number; headers?: Record<string, string | string[]>; body?: string }
  | { redirect: number; location: string; headers?: Record<string, string[]> };

/** Electron's ClientRequest as far as createChromiumFetch uses it, answering from `respond`. */
class FakeRequest extends EventEmitter {
  readonly headers: Record<string, string> = {};
  body = '';
  aborted = false;
  constructor(
    readonly options: Record<string, unknown>,
    private readonly respond: (request: FakeRequest) => FakeAnswer | 'error' | 'never',
  ) {
    super();
  }
  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }
  write(chunk: string): void {
    this.body += chunk;
  }
  abort(): void {
    this.aborted = true;
  }
  end(): void {
    queueMicrotask(() => {
      const answer = this.respond(this);
      if (answer === 'never') return;
      if (answer === 'error') {
        this.emit('error', new Error('net::ERR_CONNECTION_RESET'));
        return;
      }
      if ('redirect' in answer) {
        this.emit('redirect', answer.redirect, 'GET', `http://wire.invalid${answer.location}`, {
          location: [answer.location],
          ...answer.headers,
        });
        return;
      }
      const message = Object.assign(Readable.from([Buffer.from(answer.body ?? '')]), {
        statusCode: answer.status,
        statusMessage: '',
        headers: answer.headers ?? {},
      });
      this.emit('response', message);
    });
  }
}

/** What net.request is asked, and the answers it gives, for the next start of main. */
function answerRequests(respond: (request: FakeRequest) => FakeAnswer): FakeRequest[] {
  const opened: FakeRequest[] = [];
  fake.state.openRequest = (options) => {
    const request = new FakeRequest(options, respond);
    opened.push(request);
    return request;
  };
  return opened;
}

async function startMain(origin?: string): Promise<void> {
  if (origin === undefined) delete process.env['CLOUDCUE_SC_ORIGIN'];
  else process.env['CLOUDCUE_SC_ORIGIN'] = origin;
  vi.resetModules();
  await import('../../electron/main');
  // Start-up reads the settings file first: wait until it opened a window or gave up.
  await vi.waitFor(() => {
    if (fake.state.windows.length === 0 && fake.state.exitCode === null) throw new Error('still starting');
  });
}

/** Calls a registered IPC channel as the app's own window would. */
async function invoke(channel: string, arg: unknown): Promise<unknown> {
  const listener = fake.state.handlers[`cloudcue:${channel}`];
  if (listener === undefined) throw new Error(`${channel} was not registered`);
  const url = fake.state.windows[0]?.loaded ?? undefined;
  const sender = { isDestroyed: () => false, send: () => undefined };
  return await listener({ senderFrame: { url }, sender }, arg);
}

/** Calls a registered IPC channel from a given frame (a sub-frame has a parent). */
async function invokeFrom(frame: { url: string; parent?: unknown }, channel: string): Promise<unknown> {
  const listener = fake.state.handlers[`cloudcue:${channel}`];
  if (listener === undefined) throw new Error(`${channel} was not registered`);
  return await listener(
    { senderFrame: frame, sender: { isDestroyed: () => false, send: () => undefined } },
    {},
  );
}

beforeEach(async () => {
  Object.assign(fake.state, {
    windows: [],
    open: [],
    handled: [],
    handlers: {},
    opened: [],
    errors: [],
    exitCode: null,
    appListeners: {},
    quits: 0,
    headerFilters: [],
    userData: await mkdtemp(join(tmpdir(), 'cloudcue-main-')),
    encryptionAvailable: true,
    storageBackend: 'gnome_libsecret',
    encrypted: [],
    isPackaged: false,
    sandboxedAll: false,
    privileged: [],
    protocolHandlers: {},
    permissionRequest: null,
    permissionCheck: null,
    devicePermission: null,
    openRequest: null,
    requested: [],
  });
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(async () => {
  delete process.env['CLOUDCUE_SC_ORIGIN'];
  delete process.env['ELECTRON_RENDERER_URL'];
  vi.restoreAllMocks();
  await rm(fake.state.userData, { recursive: true, force: true });
});

describe('main process', () => {
  it('opens one isolated, sandboxed window on the built renderer and registers the IPC channels', async () => {
    await startMain();
    expect(fake.state.windows).toHaveLength(1);
    const [window] = fake.state.windows;
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String(window?.options.webPreferences['preload'])).toMatch(/preload[/\\]preload\.cjs$/);
    expect(fake.state.sandboxedAll).toBe(true);
    expect(window?.loaded).toBe('app://cloudcue/index.html');
    expect(fake.state.handled.length).toBeGreaterThan(0);
  });

  it('serves the page from app://cloudcue under the built policy, with no loopback source', async () => {
    await startMain();
    expect(fake.state.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const serve = fake.state.protocolHandlers['app'];
    if (serve === undefined) throw new Error('no app:// handler');
    const page = await serve(new Request('app://cloudcue/index.html'));
    expect(page.status).toBe(200);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toMatch(/http:|127\.0\.0\.1|localhost/);
    expect(await page.text()).toContain(`content="${policy}"`);
    expect((await serve(new Request('app://cloudcue/../../package.json'))).status).toBe(404);
  });

  it('opens the policy to the simulator only when CLOUDCUE_SC_ORIGIN is set in an unpackaged app', async () => {
    await startMain('http://127.0.0.1:8123');
    const page = await fake.state.protocolHandlers['app']?.(new Request('app://cloudcue/'));
    expect(page?.headers.get('content-security-policy')).toContain('connect-src');
    expect(page?.headers.get('content-security-policy')).toMatch(
      /connect-src [^;]* http:\/\/127\.0\.0\.1:8123/,
    );
  });

  it('ignores the development variables in a packaged app: its own page, SoundCloud only', async () => {
    fake.state.isPackaged = true;
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173/';
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await startMain('http://10.1.2.3:8123');
    expect(fake.state.exitCode).toBeNull();
    expect(fake.state.windows[0]?.loaded).toBe('app://cloudcue/index.html');
    expect(fake.state.headerFilters[0]?.urls.some((url) => url.startsWith('http:'))).toBe(false);
    const page = await fake.state.protocolHandlers['app']?.(new Request('app://cloudcue/index.html'));
    expect(page?.headers.get('content-security-policy')).not.toMatch(/http:/);
    expect(warned.mock.calls.flat().join(' ')).toMatch(
      /ELECTRON_RENDERER_URL.*ignored[\s\S]*CLOUDCUE_SC_ORIGIN/,
    );
  });

  it('loads the dev server in an unpackaged app, and trusts its origin only', async () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173/';
    await startMain();
    expect(fake.state.windows[0]?.loaded).toBe('http://localhost:5173/');
    await expect(invoke('getSettings', {})).resolves.toMatchObject({ ok: true });
    await expect(invokeFrom({ url: 'app://cloudcue/index.html' }, 'getSettings')).resolves.toMatchObject({
      ok: false,
      error: { code: 'REFUSED' },
    });
  });

  it('refuses IPC from a sub-frame, another origin or a local file', async () => {
    await startMain();
    await expect(invokeFrom({ url: 'app://cloudcue/index.html' }, 'getSettings')).resolves.toMatchObject({
      ok: true,
    });
    for (const frame of [
      { url: 'app://cloudcue/index.html', parent: { url: 'app://cloudcue/index.html' } },
      { url: 'https://evil.example/' },
      { url: 'file:///opt/cloudcue/resources/app.asar/out/renderer/index.html' },
      { url: 'app://other/index.html' },
    ]) {
      await expect(invokeFrom(frame, 'getSettings')).resolves.toMatchObject({
        ok: false,
        error: { code: 'REFUSED' },
      });
    }
  });

  it('denies every permission request and check, and every device, the app page’s included', async () => {
    await startMain();
    const { permissionRequest, permissionCheck, devicePermission } = fake.state;
    if (permissionRequest === null || permissionCheck === null || devicePermission === null) {
      throw new Error('a permission handler is missing');
    }
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const answered = vi.fn();
      permissionRequest(null, permission, answered, { requestingUrl: 'app://cloudcue/index.html' });
      expect(answered).toHaveBeenCalledExactlyOnceWith(false);
      expect(permissionCheck(null, permission, 'app://cloudcue', {})).toBe(false);
    }
    expect(devicePermission({ deviceType: 'usb', origin: 'app://cloudcue' })).toBe(false);
  });

  it('registers exactly the IPC channels, once each', async () => {
    await startMain();
    expect([...fake.state.handled].sort()).toEqual(REGISTERED_CHANNELS);
  });

  it('refuses navigation and new windows, opening only SoundCloud pages in the browser', async () => {
    await startMain();
    const window = fake.state.windows[0];
    const prevented = vi.fn();
    window?.contents['will-navigate']?.({ preventDefault: prevented }, 'https://evil.example/');
    expect(prevented).toHaveBeenCalled();

    expect(window?.openHandler?.({ url: 'https://soundcloud.com/tideline/harbour-lights' })).toEqual({
      action: 'deny',
    });
    expect(window?.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(window?.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.state.opened).toEqual(['https://soundcloud.com/tideline/harbour-lights']);
  });

  it('stops at start-up with a clear message when CLOUDCUE_SC_ORIGIN is not a loopback origin', async () => {
    await startMain('http://10.1.2.3:8123');
    expect(fake.state.exitCode).toBe(1);
    expect(fake.state.errors.join(' ')).toMatch(/CLOUDCUE_SC_ORIGIN must point at this machine/);
    expect(fake.state.windows).toHaveLength(0);
  });

  it('starts normally with a loopback CLOUDCUE_SC_ORIGIN', async () => {
    await startMain('http://127.0.0.1:8123');
    expect(fake.state.exitCode).toBeNull();
    expect(fake.state.windows).toHaveLength(1);
  });

  it('lets hls.js read SoundCloud media and the loopback origin: CORS added to those answers only', async () => {
    await startMain('http://127.0.0.1:8123');
    expect(fake.state.headerFilters).toHaveLength(1);
    const [filter] = fake.state.headerFilters;
    expect(filter?.urls).toEqual([
      'https://*.sndcdn.com/*',
      'https://playback.media-streaming.soundcloud.cloud/*',
      'http://127.0.0.1:8123/*',
    ]);
    let answered: unknown;
    filter?.listener(
      { responseHeaders: { 'Content-Type': ['audio/mpeg'], 'access-control-allow-origin': ['https://x'] } },
      (response: unknown) => (answered = response),
    );
    expect(answered).toEqual({
      responseHeaders: { 'Content-Type': ['audio/mpeg'], 'Access-Control-Allow-Origin': ['*'] },
    });
  });

  it('holds the quit until the saved queue is on disk', async () => {
    await startMain();
    const session = {
      version: 1,
      items: [
        {
          id: 'p1',
          link: 'https://soundcloud.com/tideline/harbour-lights',
          kind: 'track',
          startSeconds: 0,
          status: 'resolving',
        },
      ],
      currentId: null,
      positionSeconds: 0,
      volume: 0.5,
      muted: false,
      shuffle: false,
      repeat: 'off',
    };
    await expect(invoke('saveSession', { session })).resolves.toMatchObject({
      ok: true,
      value: { accepted: true },
    });
    const prevented = vi.fn();
    fake.state.appListeners['before-quit']?.({ preventDefault: prevented });
    expect(prevented).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.state.quits).toBe(1));
    const saved = JSON.parse(await readFile(join(fake.state.userData, 'session.json'), 'utf8')) as {
      volume: number;
    };
    expect(saved.volume).toBe(0.5);
    // The second before-quit (from that quit) lets the app go.
    const again = vi.fn();
    fake.state.appListeners['before-quit']?.({ preventDefault: again });
    expect(again).not.toHaveBeenCalled();
  });

  it('holds the quit until what it remembers per track is on disk', async () => {
    await startMain();
    const loudness = { integratedLufs: -12.5, truePeakDb: -0.5 };
    await expect(invoke('rememberTrack', { trackId: 7, positionSeconds: 3733, loudness })).resolves.toEqual({
      ok: true,
      value: {},
    });
    fake.state.appListeners['before-quit']?.({ preventDefault: vi.fn() });
    await vi.waitFor(() => expect(fake.state.quits).toBe(1));
    const entries = async (name: string): Promise<unknown> =>
      (JSON.parse(await readFile(join(fake.state.userData, name), 'utf8')) as { entries: unknown }).entries;
    await expect(entries('positions.json')).resolves.toEqual([[7, 3733]]);
    await expect(entries('loudness.json')).resolves.toEqual([[7, loudness]]);
  });

  it('loads the settings from userData/settings.json', async () => {
    await writeFile(
      join(fake.state.userData, 'settings.json'),
      JSON.stringify({ version: 1, provider: 'legacy', officialClientId: 'app-id', userTrackCap: 42 }),
    );
    await startMain();
    const answer = (await invoke('getSettings', {})) as { ok: boolean; value: unknown };
    expect(answer.ok).toBe(true);
    expect(resultSchemas.getSettings.parse(answer.value)).toMatchObject({
      provider: 'legacy',
      officialClientId: 'app-id',
      userTrackCap: 42,
      hasOfficialSecret: false,
      secretStorage: 'encrypted',
    });
  });

  it('keeps the official client secret encrypted with safeStorage, never in plain text', async () => {
    await startMain();
    const answer = (await invoke('setSettings', {
      officialClientId: 'app-id',
      officialClientSecret: 'very-secret-value',
    })) as { ok: boolean; value: unknown };
    expect(resultSchemas.setSettings.parse(answer.value)).toMatchObject({
      officialClientId: 'app-id',
      hasOfficialSecret: true,
      secretStorage: 'encrypted',
    });
    expect(fake.state.encrypted).toEqual(['very-secret-value']);
    const file = await readFile(join(fake.state.userData, 'settings.json'), 'utf8');
    expect(file).not.toContain('very-secret-value');
    expect(file).toContain(Buffer.from('keychain:very-secret-value').toString('base64'));
  });

  it("keeps the secret in memory only on Linux's basic_text store, though safeStorage can encrypt", async () => {
    fake.state.storageBackend = 'basic_text';
    await startMain();
    const answer = (await invoke('setSettings', { officialClientSecret: 'very-secret-value' })) as {
      value: unknown;
    };
    const expected = process.platform === 'linux' ? 'memory' : 'encrypted';
    expect(resultSchemas.setSettings.parse(answer.value)).toMatchObject({ secretStorage: expected });
    if (process.platform === 'linux') expect(fake.state.encrypted).toEqual([]);
  });

  it('keeps the secret in memory only when safeStorage cannot encrypt', async () => {
    fake.state.encryptionAvailable = false;
    await startMain();
    const answer = (await invoke('setSettings', { officialClientSecret: 'very-secret-value' })) as {
      ok: boolean;
      value: unknown;
    };
    expect(resultSchemas.setSettings.parse(answer.value)).toMatchObject({
      hasOfficialSecret: true,
      secretStorage: 'memory',
    });
    expect(fake.state.encrypted).toEqual([]);
    const file = await readFile(join(fake.state.userData, 'settings.json'), 'utf8');
    expect(file).not.toContain('very-secret-value');
  });
});

// --- The resolver's network ----------------------------------------------------------------------------

const CHALLENGE_ANSWER: FakeAnswer = {
  status: 403,
  headers: {
    'content-type': 'application/json',
    'x-datadome': 'protected',
    'set-cookie': ['datadome=flagged; Domain=.soundcloud.com; Path=/'],
  },
  body: JSON.stringify({ url: 'https://geo.captcha-delivery.com/captcha/?initialCid=x&cid=y' }),
};

describe("main's resolver on Chromium's network stack", () => {
  it('goes as the Chromium it is: no Electron or app token in the User-Agent', async () => {
    await startMain();
    expect(fake.electron.app.userAgentFallback).toBe(
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/146.0.7680.65 Safari/537.36',
    );
  });

  it("asks through the app's session with its cookies, and tells every window of a bot check's pause", async () => {
    const opened = answerRequests(() => CHALLENGE_ANSWER);
    await startMain();
    const answer = (await invoke('addLinks', { text: 'https://soundcloud.com/tideline/harbour-lights' })) as {
      ok: boolean;
    };
    expect(answer.ok).toBe(true);
    const [window] = fake.state.windows;
    await vi.waitFor(() =>
      expect(window?.sent.map((s) => s.payload)).toContainEqual({
        type: 'status',
        pause: expect.objectContaining({ code: 'CHALLENGED' }) as unknown,
      }),
    );
    expect(window?.sent.every((s) => s.channel === 'cloudcue:event')).toBe(true);
    // soundcloud.com's home page (where the client_id is found), on the real host, with the session's cookies.
    const [first] = opened;
    expect(first?.options).toMatchObject({
      url: 'https://soundcloud.com/',
      redirect: 'manual',
      credentials: 'include',
      session: fake.electron.session.defaultSession,
    });
    // Chromium sets its own User-Agent and client hints.
    expect(first?.headers['user-agent']).toBeUndefined();
    // A window that loads during the pause is told at once.
    const before = window?.sent.length ?? 0;
    window?.contents['did-finish-load']?.();
    expect(window?.sent.slice(before).map((s) => s.payload)).toEqual([
      { type: 'status', pause: expect.objectContaining({ code: 'CHALLENGED' }) as unknown },
    ]);
  });

  it('keeps cookies in its own jar, by real host, when SoundCloud is the loopback simulator', async () => {
    const opened = answerRequests(() => CHALLENGE_ANSWER);
    await startMain('http://127.0.0.1:8123');
    await invoke('addLinks', { text: 'https://soundcloud.com/tideline/harbour-lights' });
    await vi.waitFor(() => expect(opened.length).toBeGreaterThan(0));
    expect(opened[0]?.options).toMatchObject({
      url: 'http://127.0.0.1:8123/soundcloud.com/',
      credentials: 'omit',
    });
  });
});

describe('createChromiumFetch', () => {
  const fetchWith = (
    respond: (request: FakeRequest) => FakeAnswer | 'error' | 'never',
    sessionCookies = true,
  ): { fetch: typeof fetch; opened: FakeRequest[] } => {
    const opened: FakeRequest[] = [];
    const open = (options: ClientRequestConstructorOptions): ClientRequest => {
      const request = new FakeRequest(options as Record<string, unknown>, respond);
      opened.push(request);
      return request as unknown as ClientRequest;
    };
    return { fetch: createChromiumFetch(open, { sessionCookies }), opened };
  };

  it('sends the method, headers and body, and answers with status, headers (each Set-Cookie) and body', async () => {
    const { fetch: chromium, opened } = fetchWith(() => ({
      status: 200,
      headers: { 'content-type': 'application/json', 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] },
      body: '{"ok":true}',
    }));
    const response = await chromium('https://secure.soundcloud.com/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic x' },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(opened[0]?.options).toMatchObject({ method: 'POST', redirect: 'manual', credentials: 'include' });
    expect(opened[0]?.headers).toMatchObject({ authorization: 'Basic x' });
    expect(opened[0]?.body).toBe('grant_type=client_credentials');
  });

  it('hands a redirect back unfollowed, with the Location as the server sent it, and stops the request', async () => {
    const { fetch: chromium, opened } = fetchWith(() => ({ redirect: 302, location: '/night-owl/lantern' }));
    const response = await chromium('http://127.0.0.1:9/on.soundcloud.com/abc', { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/night-owl/lantern');
    expect(opened[0]?.aborted).toBe(true);
  });

  it('rejects as fetch does on a network error, and on abort', async () => {
    await expect(fetchWith(() => 'error').fetch('https://api-v2.soundcloud.com/x')).rejects.toThrow(
      'fetch failed',
    );
    const hanging = fetchWith(() => 'never');
    const controller = new AbortController();
    const pending = hanging.fetch('https://api-v2.soundcloud.com/x', { signal: controller.signal });
    controller.abort(new Error('timed out'));
    await expect(pending).rejects.toThrow('timed out');
    expect(hanging.opened[0]?.aborted).toBe(true);
  });

  it('sends no session cookies when asked not to (the loopback simulator)', async () => {
    const { fetch: chromium, opened } = fetchWith(() => ({ status: 204 }), false);
    expect((await chromium('https://api-v2.soundcloud.com/x', { method: 'HEAD' })).status).toBe(204);
    expect(opened[0]?.options).toMatchObject({ credentials: 'omit' });
  });

  it("reads and drops the session's own cookies for the bot-check warm-up", async () => {
    const removed: string[] = [];
    const store = sessionCookieStore({
      get: (filter) =>
        Promise.resolve(
          filter.name === 'datadome' ? [{ name: 'datadome', value: 'x' } as Electron.Cookie] : [],
        ),
      remove: (url, name) => {
        removed.push(`${url} ${name}`);
        return Promise.resolve();
      },
    });
    await expect(store.has('datadome', 'https://api-v2.soundcloud.com/tracks')).resolves.toBe(true);
    await expect(store.has('other', 'https://api-v2.soundcloud.com/tracks')).resolves.toBe(false);
    await expect(store.header('https://api-v2.soundcloud.com/tracks')).resolves.toBeNull();
    await store.forget('datadome', 'https://api-v2.soundcloud.com/tracks');
    expect(removed).toEqual(['https://api-v2.soundcloud.com/tracks datadome']);
  });

  it("strips Electron's and the app's tokens from the User-Agent, and nothing else", () => {
    const chrome =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/146.0.0.0 Safari/537.36';
    expect(chromeUserAgent(chrome)).toBe(chrome);
    expect(
      chromeUserAgent(
        chrome.replace('Chrome/', 'cloudcue/0.1.0 Chrome/').replace(' Safari', ' Electron/41.0.0 Safari'),
      ),
    ).toBe(chrome);
  });
});
