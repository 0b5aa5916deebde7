// The Electron main module with a fake `electron`: the window's security settings, navigation guards,
// external links, IPC registration, and the start-up refusal of a non-loopback CLOUDCUE_SC_ORIGIN.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

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
    opened: [] as string[],
    errors: [] as string[],
    exitCode: null as number | null,
    appListeners: {} as Record<string, Listener>,
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
  const electron = {
    BrowserWindow,
    app: {
      whenReady: () => Promise.resolve(),
      on: (event: string, listener: Listener) => (state.appListeners[event] = listener),
      exit: (code: number) => (state.exitCode = code),
      quit: () => undefined,
    },
    dialog: { showErrorBox: (_title: string, message: string) => state.errors.push(message) },
    ipcMain: { handle: (channel: string) => state.handled.push(channel) },
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
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  Object.assign(fake.state, {
    windows: [],
    handled: [],
    opened: [],
    errors: [],
    exitCode: null,
    appListeners: {},
  });
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  delete process.env['CLOUDCUE_SC_ORIGIN'];
  vi.restoreAllMocks();
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
    expect(fake.state.handled.sort()).toEqual(['cloudcue:getStream', 'cloudcue:resolveTrack']);
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
});
