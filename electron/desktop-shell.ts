// The desktop pieces' Electron side for main.ts: the tray's icon and menu, the screen and power events,
// notifications, and the desktop settings as the settings store holds them.
import { join } from 'node:path';
import { Menu, Notification, Tray, app, nativeImage, powerMonitor, screen } from 'electron';
import { defaultDesktopSettings, type DesktopReadyOptions, type DesktopSettings } from './desktop/desktop';
import type { SettingsAccess } from './state/settings';

/** The tray's icon: small, as trays show it (the window's own icon is 256 px). */
function trayIcon(rendererDir: string): Electron.NativeImage {
  const size = process.platform === 'linux' ? 24 : 16;
  return nativeImage.createFromPath(join(rendererDir, 'icon.png')).resize({ width: size, height: size });
}

/** What `desktop.ready` takes, from Electron's own modules (use once the app is ready). */
export function electronDesktop(rendererDir: string): DesktopReadyOptions<Electron.Menu> {
  return {
    userData: app.getPath('userData'),
    screen,
    powerMonitor,
    createTray: () => new Tray(trayIcon(rendererDir)),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    // Where the system has notifications; silent, as the music is the sound.
    notify: (notice) => {
      if (Notification.isSupported()) new Notification({ ...notice, silent: true }).show();
    },
  };
}

/** The desktop settings as saved, or the platform's defaults until the settings are loaded. */
export function desktopSettingsOf(settings: SettingsAccess | null): DesktopSettings {
  const view = settings?.view();
  const defaults = defaultDesktopSettings(process.platform);
  return {
    keepPlayingInTray: view?.keepPlayingInTray ?? defaults.keepPlayingInTray,
    pauseOnSleep: view?.pauseOnSleep ?? defaults.pauseOnSleep,
    notifyOnTrackChange: view?.notifyOnTrackChange ?? defaults.notifyOnTrackChange,
  };
}
