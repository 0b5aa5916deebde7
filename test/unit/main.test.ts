// The Electron main module with a fake `electron`: the window's security settings, navigation guards,
// external links, IPC registration, settings kept in userData with safeStorage, and the start-up refusal
// of a non-loopback CLOUDCUE_SC_ORIGIN.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resultSchemas } from '../../shared/ipc';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    windows: [] as {
      options: { webPreferences: Record<string, unknown> };
      contents: Record<string, Listener>;
      openHandler: Listener | null;
      loaded: string | null;
    }[],
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
    encrypted: [] as string[],
  };
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    webContents;
    constructor(options: { webPreferences: Record<string, unknown> }) {
      const record = {
        options,
        contents: {} as Record<string, Listener>,
        openHandler: null as Listener | null,
        loaded: null as string | null,
      };
      state.windows.push(record);
      this.webContents = {
        setWindowOpenHandler: (handler: Listener) => (record.openHandler = handler),
        on: (event: string, listener: Listener) => (record.contents[event] = listener),
      };
      this.loadURL = (url: string) => {
        record.loaded = url;
        return Promise.resolve();
      };
    }
    loadURL: (url: string) => Promise<void>;
    once() {}
  }
  // A reversible stand-in for the OS keychain.
  const PREFIX = 'keychain:';
  const electron = {
    BrowserWindow,
    app: {
      whenReady: () => Promise.resolve(),
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
    dialog: { showErrorBox: (_title: string, message: string) => state.errors.push(message) },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (filter: { urls: string[] }, listener: Listener) => {
            state.headerFilters.push({ urls: filter.urls, listener });
          },
        },
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

beforeEach(async () => {
  Object.assign(fake.state, {
    windows: [],
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
    encrypted: [],
  });
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(async () => {
  delete process.env['CLOUDCUE_SC_ORIGIN'];
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
    expect(window?.loaded).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
    expect(fake.state.handled.length).toBeGreaterThan(0);
  });

  it('registers exactly the seven IPC channels, once each', async () => {
    await startMain();
    expect([...fake.state.handled].sort()).toEqual([
      'cloudcue:addLinks',
      'cloudcue:getSettings',
      'cloudcue:getStream',
      'cloudcue:loadSession',
      'cloudcue:retry',
      'cloudcue:saveSession',
      'cloudcue:setSettings',
    ]);
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
