// The app's identity: named Cloudcue without moving its data folder, one Windows AppUserModelID shared with
// the installer, and one Linux desktop entry shared by package.json, electron-builder and the window.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  APP_NAME,
  APP_USER_MODEL_ID,
  DESKTOP_NAME,
  applyIdentity,
  type IdentityApp,
} from '../../electron/desktop/identity';
import { ROOT } from '../helpers/built-app';

/** Electron's app as far as identity goes: userData follows the name until it is set. */
function fakeApp(name: string) {
  const calls: string[] = [];
  let current = name;
  let userData: string | null = null;
  const app: IdentityApp = {
    getName: () => current,
    setName: (next) => {
      calls.push(`setName ${next}`);
      current = next;
    },
    getPath: () => userData ?? `/home/ada/.config/${current}`,
    setPath: (_name, path) => {
      calls.push(`setPath ${path}`);
      userData = path;
    },
    setAppUserModelId: (id) => calls.push(`setAppUserModelId ${id}`),
  };
  return { app, calls };
}

describe('applyIdentity', () => {
  it('names the app Cloudcue and keeps the data folder package.json’s name chose', () => {
    const { app } = fakeApp('cloudcue');
    applyIdentity(app, 'linux');
    expect(app.getName()).toBe('Cloudcue');
    expect(app.getPath('userData')).toBe('/home/ada/.config/cloudcue');
  });

  it('gives Windows the installer’s AppUserModelID, and no other platform one', () => {
    const windows = fakeApp('cloudcue');
    applyIdentity(windows.app, 'win32');
    expect(windows.calls).toContain(`setAppUserModelId ${APP_USER_MODEL_ID}`);
    for (const platform of ['linux', 'darwin'] as const) {
      const other = fakeApp('cloudcue');
      applyIdentity(other.app, platform);
      expect(other.calls.filter((call) => call.startsWith('setAppUserModelId'))).toEqual([]);
    }
  });

  it('leaves an app already named Cloudcue as it is', () => {
    const { app, calls } = fakeApp(APP_NAME);
    applyIdentity(app, 'darwin');
    expect(calls).toEqual([]);
  });
});

describe('one identity across the build', () => {
  let config: Configuration;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

  beforeAll(async () => {
    config = await getConfig(ROOT, null, null);
  });

  it('uses electron-builder’s appId and productName', () => {
    expect(config.appId).toBe(APP_USER_MODEL_ID);
    expect(config.productName).toBe(APP_NAME);
  });

  it('names one Linux desktop entry in package.json, the installer and the window class', () => {
    expect(pkg['desktopName']).toBe(DESKTOP_NAME);
    const base = DESKTOP_NAME.replace(/\.desktop$/, '');
    expect(config.linux?.syncDesktopName).toBe(true);
    expect(config.linux?.executableName).toBe(base);
    expect(config.linux?.desktop?.entry?.['StartupWMClass']).toBe(base);
    expect(config.linux?.desktop?.entry?.['Name']).toBe(APP_NAME);
  });
});
