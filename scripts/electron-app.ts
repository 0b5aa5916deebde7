// Starting the Electron app from a script: find electron-vite's launcher, and say plainly when Electron's
// own binary is missing (an install with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or one made offline).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** electron-vite's command-line entry: its package exports no `bin/` path, so it is found beside package.json. */
export function electronViteBin(): string {
  return join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
}

/** Why Electron cannot start here, in words a newcomer can act on; null when its binary is in place. */
export function electronMissing(): string | null {
  let folder: string;
  try {
    folder = dirname(require.resolve('electron/package.json'));
  } catch {
    return 'Electron is not installed. Run `npm install` first.';
  }
  const pathFile = join(folder, 'path.txt');
  const binary = existsSync(pathFile) ? join(folder, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
  if (binary !== null && existsSync(binary)) return null;
  return [
    "Electron's program is not installed, so the desktop window cannot open.",
    'This happens when `npm install` ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or without internet.',
    'With internet, fetch it:  node node_modules/electron/install.js   (then `npm start` again)',
    'Without it, try Cloudcue in your browser instead:  npm run dev:web',
  ].join('\n');
}

/** Runs `electron-vite preview` (build and open the app), or prints why it cannot and returns null. */
export function startElectronApp(env: NodeJS.ProcessEnv = process.env): ChildProcess | null {
  const problem = electronMissing();
  if (problem !== null) {
    console.error(problem);
    return null;
  }
  return spawn(process.execPath, [electronViteBin(), 'preview'], { stdio: 'inherit', env });
}
