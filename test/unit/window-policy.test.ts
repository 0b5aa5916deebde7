// Covers electron/window-policy.ts's trust decisions: which page may call IPC (the app:// origin, or the dev
// server's in development) and which permissions a page is granted (speaker selection only, and only to the app).
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from '../../electron/app-protocol';
import { isPermissionAllowed, isTrustedRendererUrl } from '../../electron/window-policy';

describe('isTrustedRendererUrl', () => {
  it('trusts every page of app://cloudcue, whatever its path, query or fragment', () => {
    expect(APP_INDEX_URL).toBe('app://cloudcue/index.html');
    const pages = ['/index.html', '/', '', '/index.html?x=1#/queue'].map((path) => `app://cloudcue${path}`);
    for (const url of pages) expect(isTrustedRendererUrl(url, APP_INDEX_URL), url).toBe(true);
  });

  it.each([
    'app://other/index.html',
    'app://cloudcue.evil/index.html',
    'app://user@cloudcue/index.html',
    'app://cloudcue:8080/index.html',
    'file:///opt/cloudcue/resources/app.asar/out/renderer/index.html',
    'https://cloudcue/index.html',
    'http://localhost:5173/',
    'https://soundcloud.com/index.html',
    'data:text/html,hi',
    'about:blank',
    '',
    'index.html',
  ])('does not trust %s as the app page', (url) => {
    expect(isTrustedRendererUrl(url, APP_INDEX_URL)).toBe(false);
  });

  it('does not trust a sender without a URL', () => {
    expect(isTrustedRendererUrl(undefined, APP_INDEX_URL)).toBe(false);
  });

  it('trusts any page of the dev server origin, and nothing else', () => {
    const dev = 'http://localhost:5173/';
    expect(isTrustedRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/index.html?x#y', dev)).toBe(true);
    for (const url of [
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      'app://cloudcue/index.html',
      'file:///index.html',
    ]) {
      expect(isTrustedRendererUrl(url, dev)).toBe(false);
    }
  });

  it('trusts nothing when the renderer is a local file or has no host', () => {
    expect(isTrustedRendererUrl('file:///tmp/index.html', 'file:///tmp/index.html')).toBe(false);
    expect(isTrustedRendererUrl('data:text/html,hi', 'data:text/html,hi')).toBe(false);
    expect(isTrustedRendererUrl('app:index.html', 'app:index.html')).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  const isApp = (url: string | undefined): boolean => isTrustedRendererUrl(url, APP_INDEX_URL);

  it.each([
    'media',
    'geolocation',
    'notifications',
    'midi',
    'midiSysex',
    'pointerLock',
    'fullscreen',
    'openExternal',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'idle-detection',
    'unknown',
  ])('denies %s, to the app page too', (permission) => {
    expect(isPermissionAllowed(permission, 'app://cloudcue/index.html', isApp)).toBe(false);
    expect(isPermissionAllowed(permission, 'app://cloudcue', isApp)).toBe(false);
  });

  it('grants speaker selection (naming and choosing audio outputs) to the app page only', () => {
    expect(isPermissionAllowed('speaker-selection', 'app://cloudcue/index.html', isApp)).toBe(true);
    expect(isPermissionAllowed('speaker-selection', 'app://cloudcue', isApp)).toBe(true);
    for (const other of ['https://evil.example', 'app://other', 'file:///index.html', undefined]) {
      expect(isPermissionAllowed('speaker-selection', other, isApp)).toBe(false);
    }
  });

  it('grants an allow-listed permission to the app page only', () => {
    const allowed = new Set(['speaker-selection']);
    expect(isPermissionAllowed('speaker-selection', 'app://cloudcue', isApp, allowed)).toBe(true);
    expect(isPermissionAllowed('speaker-selection', 'https://evil.example', isApp, allowed)).toBe(false);
    expect(isPermissionAllowed('speaker-selection', undefined, isApp, allowed)).toBe(false);
    expect(isPermissionAllowed('media', 'app://cloudcue', isApp, allowed)).toBe(false);
  });
});
