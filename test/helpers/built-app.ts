// The app as electron-vite builds it, for tests: a build into a folder of the test's own (never the shared
// out/), main booted under Node on the electron stand-in, and the preload run as a sandbox would run it.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import { electronViteBin } from '../../scripts/electron-app';

const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The app laid out in `folder` as it is in a checkout after `npm run build`: package.json, out/ freshly built,
 * and node_modules (the checkout's, linked). Returns the path of main as package.json names it.
 */
export async function stageApp(folder: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  await copyFile(join(ROOT, 'package.json'), join(folder, 'package.json'));
  await symlink(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
  await run(
    process.execPath,
    [electronViteBin(), 'build', '--outDir', join(folder, 'out'), '--logLevel', 'error'],
    {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const { main } = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as { main: string };
  return join(folder, main);
}

export interface BootRecord {
  calls: { owner: string; member: string; args: unknown[]; afterReady: boolean }[];
  windows: { options: Record<string, unknown>; loaded: string[] }[];
  ipcHandlers: string[];
  ipcListeners: string[];
  appEvents: string[];
  privilegedSchemes: { schemes: unknown; afterReady: boolean }[];
  protocolHandlers: string[];
  errorBoxes: string[];
  exitCodes: number[];
  trays: number;
  /** The first page a window loaded, and what main's protocol handler answered for it (null without one). */
  page: string | null;
  served: { status: number; headers: Record<string, string>; body: string } | null;
  bootMs: number;
}

/** Boots `mainPath` in a child Node on the electron stand-in (a packaged app, by default) and says what it did. */
export async function bootMain(mainPath: string, env: Record<string, string> = {}): Promise<BootRecord> {
  const folder = await mkdtemp(join(tmpdir(), 'cloudcue-boot-'));
  try {
    const out = join(folder, 'boot.json');
    const helpers = join(ROOT, 'test/helpers');
    const childEnv: NodeJS.ProcessEnv = { ...process.env, CLOUDCUE_STAND_IN_DATA: folder };
    // A developer's shell settings must not leak into what the packaged app is seen to do.
    delete childEnv['ELECTRON_RENDERER_URL'];
    delete childEnv['CLOUDCUE_SC_ORIGIN'];
    Object.assign(childEnv, env);
    await run(
      process.execPath,
      [
        '--import',
        import.meta.resolve('tsx'),
        '--import',
        join(helpers, 'electron-stand-in-loader.ts'),
        join(helpers, 'boot-main.ts'),
        mainPath,
        out,
      ],
      { cwd: folder, env: childEnv, timeout: 60_000 },
    );
    return JSON.parse(await readFile(out, 'utf8')) as BootRecord;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

export interface PreloadRun {
  required: string[];
  exposed: Map<string, unknown>;
  invoked: { channel: string; arg: unknown }[];
}

/**
 * Runs a built preload the way a sandboxed renderer does: as a CommonJS script whose `require` knows only
 * `electron` (an ES module's `import` or `export` cannot even compile here).
 */
export async function runPreload(path: string): Promise<PreloadRun> {
  const code = await readFile(path, 'utf8');
  const result: PreloadRun = { required: [], exposed: new Map(), invoked: [] };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => result.exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, arg: unknown) => {
        result.invoked.push({ channel, arg });
        return Promise.resolve(null);
      },
      on: () => electron.ipcRenderer,
      removeListener: () => electron.ipcRenderer,
    },
  };
  const require = (name: string): unknown => {
    result.required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  const module = { exports: {} };
  const wrapper = `(function (exports, require, module) {\n${code}\n})`;
  const compiled = runInNewContext(wrapper, {}, { filename: path }) as (
    exports: unknown,
    require: (name: string) => unknown,
    module: unknown,
  ) => void;
  compiled(module.exports, require, module);
  return result;
}
