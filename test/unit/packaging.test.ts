// The unpacked app `npm run dist:dir` makes (here with a stand-in Electron): app.asar holds only what runs,
// the packaged binary's fuses are flipped as electron-builder.yml says, and main boots from the package alone.
import { readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractAll, extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, ipcName } from '../../shared/channels';
import { ROOT, bootMain } from '../helpers/built-app';
import { SHIPPED_FUSES, packageApp, type PackagedApp } from '../helpers/packaged-app';

/** The bound on app.asar: the built app and its production dependencies, with room to grow. */
const ASAR_BOUND_BYTES = 15 * 1024 * 1024;

let folder = '';
let app: PackagedApp;
let files: string[] = [];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cloudcue-packaging-'));
  const startedAt = Date.now();
  app = await packageApp(folder);
  console.log(`packaging: built and packaged in ${Date.now() - startedAt} ms`);
  files = listPackage(app.asar, { isPack: false }).map((file) => file.replace(/^\//, ''));
}, 180_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A package's name from its folder path, at any depth (`node_modules/a/node_modules/@b/c` → `@b/c`). */
const PACKAGE_PATH = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)(?=\/|$)/g;

function lastPackage(path: string): string | null {
  return [...path.matchAll(PACKAGE_PATH)].at(-1)?.[1] ?? null;
}

/** The packages installed for production, at any depth: package-lock.json's entries not for development only. */
async function productionPackages(): Promise<string[]> {
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  const names = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional)
    .map(([path]) => lastPackage(path));
  return [...new Set(names.filter((name) => name !== null))].sort();
}

/** The packages inside the app's node_modules, at any depth (electron-builder may hoist a nested one). */
function packagedPackages(): string[] {
  const names = new Set<string>();
  for (const file of files) {
    const name = lastPackage(file.replace(/\/[^/]*$/, '/'));
    if (name !== null && file.includes('node_modules/')) names.add(name);
  }
  return [...names].sort();
}

describe('app.asar', () => {
  it('starts where package.json says, with the preload and the page beside main', () => {
    const manifest = JSON.parse(extractFile(app.asar, 'package.json').toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(typeof manifest['main']).toBe('string');
    expect(files).toContain(manifest['main']);
    expect(files).toContain('out/preload/preload.cjs');
    expect(files).toContain('out/renderer/index.html');
    // What packaging keeps of the manifest is what the app needs at run time, not how it is developed.
    expect(manifest['devDependencies']).toBeUndefined();
    expect(manifest['scripts']).toBeUndefined();
  });

  it('holds the built app and production dependencies only: no tests, sources, source maps or the CLI', () => {
    const outside = files.filter(
      (file) => !/^(out\/(main|preload|renderer)(\/|$)|node_modules(\/|$)|package\.json$|out$)/.test(file),
    );
    expect(outside).toEqual([]);
    expect(
      files.filter(
        (file) => /(^|\/)(test|simulator|bench|e2e)\//.test(file) && !file.startsWith('node_modules/'),
      ),
    ).toEqual([]);
    expect(files.filter((file) => /\.(map|ts|tsx|cts|mts|tsbuildinfo)$/.test(file))).toEqual([]);
    expect(files).not.toContain('out/main/cli.js');
  });

  it('carries exactly the production dependencies of package-lock.json, no development one', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const packaged = packagedPackages();
    const production = await productionPackages();
    expect(packaged).toEqual(production);
    for (const name of Object.keys(manifest.dependencies)) expect(packaged).toContain(name);
    // A development tool is packaged only where a production package needs its own copy of it too.
    const devOnly = Object.keys(manifest.devDependencies).filter((name) => !production.includes(name));
    expect(devOnly.length).toBeGreaterThan(10);
    for (const name of devOnly) expect(packaged).not.toContain(name);
  });

  it('stays under its size bound', async () => {
    const { size } = await stat(app.asar);
    console.log(
      `packaging: app.asar ${(size / 1024 / 1024).toFixed(2)} MB (bound ${ASAR_BOUND_BYTES / 1024 / 1024} MB), ` +
        `${files.length} entries`,
    );
    expect(size).toBeLessThanOrEqual(ASAR_BOUND_BYTES);
  });
});

describe('the packaged binary', () => {
  it("has Electron's fuses flipped as electron-builder.yml asks, from Electron's shipped settings", async () => {
    const wire = await getCurrentFuseWire(app.executable);
    const expected: Partial<Record<FuseV1Options, FuseState>> = {
      [FuseV1Options.RunAsNode]: FuseState.DISABLE,
      [FuseV1Options.EnableCookieEncryption]: FuseState.ENABLE,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.DISABLE,
      [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.DISABLE,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.ENABLE,
      [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.ENABLE,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.DISABLE,
    };
    for (const [option, state] of Object.entries(expected)) {
      const index = Number(option);
      expect({ fuse: FuseV1Options[index], state: wire[index as FuseV1Options] }).toEqual({
        fuse: FuseV1Options[index],
        state,
      });
      // Each of these differs from what Electron ships: seeing it means packaging flipped it.
      expect(SHIPPED_FUSES[index]).not.toBe(state);
    }
  });
});

describe('the packaged main', () => {
  it('boots from the extracted app.asar alone, with the dependencies packaged beside it', async () => {
    const extracted = join(folder, 'extracted');
    extractAll(app.asar, extracted);
    const manifest = JSON.parse(await readFile(join(extracted, 'package.json'), 'utf8')) as { main: string };
    const boot = await bootMain(join(extracted, manifest.main));
    expect(boot.errorBoxes).toEqual([]);
    expect(boot.windows).toHaveLength(1);
    expect([...boot.ipcHandlers].sort()).toEqual(CHANNELS.map(ipcName).sort());
    expect(boot.served?.status).toBe(200);
  }, 60_000);
});
