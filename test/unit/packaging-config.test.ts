// electron-builder.yml passes electron-builder's own validation and describes the releases: each platform's
// installers and architectures, the app's identity, the cloudcue protocol, icons, the macOS entitlements and
// the link files macOS hands the app.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration, TargetConfiguration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEME } from '../../electron/desktop/launch-links';
import { isLinkFile } from '../../electron/desktop/link-files';
import { ROOT } from '../helpers/built-app';

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
});

/** A platform's targets as `name:arch` pairs. */
function targets(platform: { target?: unknown } | null | undefined): string[] {
  const list = (platform?.target ?? []) as (string | TargetConfiguration)[];
  return list
    .flatMap((entry) => {
      const target = typeof entry === 'string' ? { target: entry } : entry;
      const arches = target.arch === undefined ? ['default'] : [target.arch].flat();
      return arches.map((arch) => `${target.target}:${String(arch)}`);
    })
    .sort();
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's validation, which refuses an option in the wrong place", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const misplaced = { ...config, linux: { ...config.linux, hardenedRuntime: true } } as Configuration;
    await expect(validateConfiguration(misplaced, new DebugLogger(false))).rejects.toThrow(
      /configuration\.linux/,
    );
  });

  it('builds AppImage and deb for Linux, dmg for macOS (both on x64 and arm64), NSIS and portable for Windows x64', () => {
    expect(targets(config.linux)).toEqual(['AppImage:arm64', 'AppImage:x64', 'deb:arm64', 'deb:x64']);
    expect(targets(config.mac)).toEqual(['dmg:arm64', 'dmg:x64']);
    expect(targets(config.win)).toEqual(['nsis:x64', 'portable:x64']);
  });

  it('names the app, files it under Audio on Linux and music on macOS, and claims cloudcue:// links', () => {
    expect(config.appId).toBe('app.cloudcue.player');
    expect(config.productName).toBe('Cloudcue');
    expect(config.linux?.category).toBe('AudioVideo;Audio');
    expect(config.mac?.category).toBe('public.app-category.music');
    // The installers claim the scheme the app reads its links from.
    expect([config.protocols ?? []].flat().flatMap((protocol) => protocol.schemes)).toEqual([SCHEME]);
  });

  it("signs macOS builds under the hardened runtime, asking only for V8's JIT", async () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(typeof file).toBe('string');
      const plist = await readFile(join(ROOT, file as string), 'utf8');
      expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual([
        'com.apple.security.cs.allow-jit',
      ]);
    }
  });

  it('lists the link files main reads as macOS document types, so a drop on the dock icon reaches open-file', () => {
    const associations = [config.mac?.fileAssociations ?? []].flat();
    const extensions = associations.flatMap((association) => [association.ext].flat());
    expect(extensions).toContain('webloc');
    for (const ext of extensions) expect(isLinkFile(`dropped.${ext}`), ext).toBe(true);
    // A viewer of last resort: a double-clicked .webloc still opens in the browser.
    for (const association of associations) {
      expect([association.role, association.rank]).toEqual(['Viewer', 'Alternate']);
    }
    // macOS only: elsewhere an installer would claim every Internet shortcut on the machine.
    for (const options of [config, config.win, config.linux])
      expect(options?.fileAssociations).toBeUndefined();
  });

  it('points every platform at an icon file that exists', () => {
    for (const icon of [config.icon, config.mac?.icon, config.win?.icon, config.linux?.icon]) {
      expect(typeof icon).toBe('string');
      expect(existsSync(join(ROOT, icon as string))).toBe(true);
    }
  });
});
