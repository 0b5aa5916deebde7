// The app's identity where the desktop shows it: the media controls (MPRIS on Linux, Windows' media overlay,
// macOS's Now Playing), the taskbar's grouping and notifications all name Cloudcue, with its icon, once.
/** The name people see; electron-builder.yml's productName. */
export const APP_NAME = 'Cloudcue';
/**
 * electron-builder.yml's appId. On Windows it is the AppUserModelID the installer puts on the Start menu
 * shortcut: the window, its taskbar button and the media overlay take name and icon from the shortcut that
 * carries the same id, and group under one entry instead of under "Electron".
 */
export const APP_USER_MODEL_ID = 'app.cloudcue.player';
/**
 * package.json's desktopName. On Linux, Electron gives the window this app_id / WM_CLASS and Chromium's MPRIS
 * player names this desktop entry, so the shell shows the installed entry's name and icon for both.
 */
export const DESKTOP_NAME = 'cloudcue.desktop';

/** The parts of Electron's app used here. */
export interface IdentityApp {
  getName(): string;
  setName(name: string): void;
  getPath(name: 'userData'): string;
  setPath(name: 'userData', path: string): void;
  setAppUserModelId(id: string): void;
}

/**
 * Names the app Cloudcue before the window and the media session exist. The data folder stays where it was:
 * Electron derives userData from the name, and package.json's lower-case `name` chose it before this runs,
 * so it is pinned first and no one's queue or settings move to a new folder.
 */
export function applyIdentity(app: IdentityApp, platform: NodeJS.Platform): void {
  if (app.getName() !== APP_NAME) {
    app.setPath('userData', app.getPath('userData'));
    app.setName(APP_NAME);
  }
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
}
