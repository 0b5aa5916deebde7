// The built app boots: out/main/main.js, freshly built, run under Node on a stand-in `electron` as a packaged
// app, opens a secure window on the packaged page with a CommonJS preload, and answers every IPC channel.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, ipcName } from '../../shared/channels';
import { bootMain, runPreload, stageApp, type BootRecord } from '../helpers/built-app';

let folder = '';
let main = '';
let boot: BootRecord;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cloudcue-built-app-'));
  main = await stageApp(join(folder, 'app'));
  boot = await bootMain(main);
  console.log(`built-app: main booted to its first page in ${boot.bootMs} ms`);
}, 120_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const outDir = (): string => join(dirname(main), '..');

/** The window main opened, as it asked for it. */
function theWindow(record: BootRecord): BootRecord['windows'][number] {
  expect(record.errorBoxes).toEqual([]);
  expect(record.exitCodes).toEqual([]);
  expect(record.windows).toHaveLength(1);
  const [window] = record.windows;
  if (window === undefined) throw new Error('no window');
  return window;
}

/** A Content-Security-Policy as directive → sources. */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '') directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Every policy the page runs under: the header main serves it with, and its meta tags. */
function policies(record: BootRecord): string[] {
  const header = record.served?.headers['content-security-policy'];
  const metas = [
    ...(record.served?.body ?? '').matchAll(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi),
  ];
  return [...(header === undefined ? [] : [header]), ...metas.map((m) => m[1] ?? '')];
}

describe('the built main process, booted as a packaged app', () => {
  it('opens one window with isolation, the sandbox and web security on, and no Node in the page', () => {
    const prefs = theWindow(boot).options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(prefs['nodeIntegrationInSubFrames']).not.toBe(true);
    expect(prefs['webviewTag']).not.toBe(true);
  });

  it('names a preload that exists in the build and runs as CommonJS, exposing one function per channel', async () => {
    const preload = (theWindow(boot).options['webPreferences'] as Record<string, unknown>)['preload'];
    expect(typeof preload).toBe('string');
    const path = preload as string;
    expect(relative(outDir(), path).startsWith('preload')).toBe(true);
    expect(existsSync(path)).toBe(true);

    const run = await runPreload(path);
    expect(run.required).toEqual(['electron']);
    expect([...run.exposed.keys()]).toEqual(['cloudcue']);
    const api = run.exposed.get('cloudcue') as Record<string, (arg?: unknown) => unknown>;
    for (const channel of CHANNELS) await api[channel]?.({});
    expect(run.invoked.map((call) => call.channel)).toEqual(CHANNELS.map(ipcName));
  });

  it('has a handler for every IPC channel of the contract, and none besides', () => {
    expect([...boot.ipcHandlers].sort()).toEqual(CHANNELS.map(ipcName).sort());
    expect(boot.ipcListeners).toEqual([]);
  });

  it("loads the packaged page from main's own privileged scheme, served from the built renderer", async () => {
    const page = new URL(boot.page ?? 'about:blank');
    const scheme = page.protocol.replace(/:$/, '');
    expect(['file', 'http', 'https', 'about']).not.toContain(scheme);
    expect(boot.protocolHandlers).toContain(scheme);
    expect(boot.served?.status).toBe(200);
    expect(boot.served?.headers['content-type']).toMatch(/^text\/html/);
    expect(boot.served?.body).toBe(await readFile(join(outDir(), 'renderer/index.html'), 'utf8'));
    // The page's own scripts are the build's, so what runs is what was tested.
    const scripts = [...(boot.served?.body ?? '').matchAll(/<script[^>]*src="([^"]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts)
      expect(existsSync(join(outDir(), 'renderer', new URL(src, page).pathname))).toBe(true);
    // Before the app is ready, or Chromium gives the scheme no origin of its own.
    const registered = boot.privilegedSchemes
      .filter((entry) => !entry.afterReady)
      .flatMap((entry) => entry.schemes);
    expect(registered).toContainEqual(
      expect.objectContaining({
        scheme,
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    );
  });

  it('ignores a development server named in its environment, as only an unpackaged app may use one', async () => {
    const devServer = 'http://127.0.0.1:5173/';
    const [packaged, unpackaged] = await Promise.all([
      bootMain(main, { ELECTRON_RENDERER_URL: devServer }),
      bootMain(main, { ELECTRON_RENDERER_URL: devServer, CLOUDCUE_STAND_IN_PACKAGED: '0' }),
    ]);
    expect(packaged.page).toBe(boot.page);
    expect(unpackaged.page).toBe(devServer);
  }, 60_000);

  it("answers the session's permission requests and checks itself, rather than Electron's grant-all default", () => {
    const members = boot.calls.filter((call) => call.owner === 'session').map((call) => call.member);
    expect(members).toEqual(
      expect.arrayContaining(['setPermissionRequestHandler', 'setPermissionCheckHandler']),
    );
  });

  it('runs the page under the packaged Content-Security-Policy: no eval, no inline script, no plain http', () => {
    const found = policies(boot);
    expect(found.length).toBeGreaterThan(0);
    for (const policy of found) {
      const csp = parseCsp(policy);
      const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(csp.get('object-src')).toEqual(["'none'"]);
      const sources = [...csp.values()].flat();
      expect(sources.filter((source) => /^http:|127\.0\.0\.1|localhost|\[::1\]/.test(source))).toEqual([]);
    }
  });
});

describe('the desktop around the window', () => {
  const calls = (record: BootRecord, owner: string, member: string): BootRecord['calls'] =>
    record.calls.filter((call) => call.owner === owner && call.member === member);

  it('takes the single-instance lock and claims cloudcue:// links before the app is ready', () => {
    const locks = calls(boot, 'app', 'requestSingleInstanceLock');
    expect(locks).toHaveLength(1);
    expect(locks[0]?.afterReady).toBe(false);
    // Packaged, the executable is the app itself: the OS is given no path to put before the link.
    expect(calls(boot, 'app', 'setAsDefaultProtocolClient').map((call) => call.args)).toEqual([['cloudcue']]);
    expect(boot.appEvents).toEqual(
      expect.arrayContaining(['second-instance', 'open-url', 'open-file', 'before-quit', 'activate']),
    );
  });

  it('makes one tray icon, pauses on sleep and the lock screen, and keeps a hidden window playing on time', () => {
    expect(boot.trays).toBe(1);
    expect(calls(boot, 'powerMonitor', 'on').map((call) => call.args[0])).toEqual(
      expect.arrayContaining(['suspend', 'lock-screen']),
    );
    const options = theWindow(boot).options;
    expect((options['webPreferences'] as Record<string, unknown>)['backgroundThrottling']).toBe(false);
    // No saved place: the first start's size, inside the display's work area, no smaller than the minimum.
    expect(options).toMatchObject({ width: 1000, height: 720, minWidth: 480, minHeight: 360 });
    const { x, y } = options as { x: number; y: number };
    expect(x).toBeGreaterThanOrEqual(0);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(x + 1000).toBeLessThanOrEqual(1920);
    expect(y + 720).toBeLessThanOrEqual(1040);
  });

  it('as a second launch, quits without a window, a tray or IPC (the first instance takes its links)', async () => {
    const second = await bootMain(main, { CLOUDCUE_STAND_IN_SECOND: '1' });
    expect(calls(second, 'app', 'quit')).toHaveLength(1);
    expect(second.windows).toEqual([]);
    expect(second.trays).toBe(0);
    expect(second.ipcHandlers).toEqual([]);
    expect(calls(second, 'app', 'setAsDefaultProtocolClient')).toEqual([]);
  }, 60_000);
});
