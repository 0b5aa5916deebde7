// Registers Cloudcue as the handler of cloudcue:// links at run time: what the installers declare
// (electron-builder's `protocols`), made true also for `electron .` in development and for portable copies.
import { resolve } from 'node:path';
import { SCHEME } from './launch-links';

/** The part of Electron's `app` used here. */
export interface ProtocolApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
}

/** The parts of Node's `process` used here. */
export interface LaunchProcess {
  /** Electron's `process.defaultApp`: true when run as `electron <app path>`. */
  defaultApp?: boolean;
  execPath: string;
  argv: readonly string[];
}

/**
 * In development the executable is Electron itself, which must be told which app to start: the OS is
 * given the app's path (absolute, since a link starts it from anywhere) to put before the link. Returns
 * whether the OS took the registration (Linux needs the app's .desktop file, which only installs have).
 */
export function registerProtocol(app: ProtocolApp, proc: LaunchProcess): boolean {
  if (proc.defaultApp !== true) return app.setAsDefaultProtocolClient(SCHEME);
  const appPath = proc.argv.slice(1).find((arg) => !arg.startsWith('-'));
  if (appPath === undefined) return false;
  return app.setAsDefaultProtocolClient(SCHEME, proc.execPath, [resolve(appPath)]);
}
