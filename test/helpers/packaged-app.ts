// The app as electron-builder packages it (`npm run dist:dir`), on a machine that cannot download Electron:
// a stand-in Electron distribution whose binary carries a real fuse wire, so the fuses are really flipped.
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
// The wire's byte values and its marker are not exported by the package's index.
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants.js';
import { ROOT, stageApp } from './built-app';

const run = promisify(execFile);

/**
 * The fuse wire as Electron ships it (its fuses tutorial): RunAsNode on, cookie encryption off, NODE_OPTIONS
 * on, --inspect on, ASAR integrity off, only-from-ASAR off, browser V8 snapshot off, file:// privileges on.
 */
export const SHIPPED_FUSES = [
  FuseState.ENABLE,
  FuseState.DISABLE,
  FuseState.ENABLE,
  FuseState.ENABLE,
  FuseState.DISABLE,
  FuseState.DISABLE,
  FuseState.DISABLE,
  FuseState.ENABLE,
];

/**
 * An unpacked "Electron" for Linux x64: an `electron` file holding the fuse sentinel, wire version 1 and the
 * shipped wire between filler bytes (as in the real binary, the wire sits somewhere inside), and resources/.
 */
export async function standInElectronDist(folder: string): Promise<void> {
  await mkdir(join(folder, 'resources'), { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "a stand-in for Electron: it cannot run"; exit 1\n'),
    Buffer.alloc(4096, 0x90),
    Buffer.from(SENTINEL),
    Buffer.from([1, SHIPPED_FUSES.length, ...SHIPPED_FUSES]),
    Buffer.alloc(4096, 0x90),
  ]);
  await writeFile(join(folder, 'electron'), binary, { mode: 0o755 });
  await writeFile(join(folder, 'LICENSE'), 'stand-in\n');
}

export interface PackagedApp {
  /** linux-unpacked/: the executable (renamed from `electron`) and resources/app.asar. */
  appOutDir: string;
  executable: string;
  asar: string;
}

/**
 * `npm run dist:dir` in `folder`: the app staged there (see stageApp), electron-builder.yml and build/ beside
 * it, packaged for Linux x64 with the stand-in Electron.
 */
export async function packageApp(folder: string): Promise<PackagedApp> {
  const project = join(folder, 'project');
  await stageApp(project);
  await cp(join(ROOT, 'electron-builder.yml'), join(project, 'electron-builder.yml'));
  await cp(join(ROOT, 'build'), join(project, 'build'), { recursive: true });
  await ownProductionModules(project);
  const electronDist = join(folder, 'electron-dist');
  await standInElectronDist(electronDist);
  const output = join(folder, 'dist');
  const cli = join(ROOT, 'node_modules/electron-builder/cli.js');
  const args = [
    '--dir',
    '--linux',
    '--x64',
    `-c.electronDist=${electronDist}`,
    `-c.electronVersion=${await electronVersion()}`,
    `-c.directories.output=${output}`,
  ];
  await run(process.execPath, [cli, ...args], { cwd: project, maxBuffer: 16 * 1024 * 1024 });
  const appOutDir = join(output, 'linux-unpacked');
  return { appOutDir, executable: join(appOutDir, 'cloudcue'), asar: join(appOutDir, 'resources/app.asar') };
}

/**
 * Replaces the staged app's linked node_modules with one of its own holding the production packages of
 * package-lock.json, as `npm ci --omit dev` leaves them on a release machine. electron-builder asks npm for
 * the production tree, and through a link npm reads a freshly installed checkout's hidden lockfile as if
 * every development package belonged to the app.
 */
async function ownProductionModules(project: string): Promise<void> {
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; link?: boolean }>;
  };
  await rm(join(project, 'node_modules'));
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev === true || entry.devOptional === true || entry.link === true) continue;
    await cp(join(ROOT, path), join(project, path), { recursive: true, verbatimSymlinks: true });
  }
}

/** The Electron version the checkout installed (the stand-in cannot say it). */
async function electronVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
