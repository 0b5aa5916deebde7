// The taskbar thumbnail's toolbar: three buttons in a fixed order, play/pause following the player, buttons
// with nothing to do disabled, clicks reaching the page's player, Windows only, and icons that exist.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserWindow, NativeImage, ThumbarButton } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  createThumbar,
  thumbarButtons,
  thumbarIconPath,
  type ThumbarEntry,
  type ThumbarIconName,
} from '../../electron/desktop/thumbar';
import { NOTHING_PLAYING, type NowPlaying } from '../../electron/desktop/tray-state';

const playing: NowPlaying = {
  track: { id: 7, title: 'Lantern Hum', artist: 'Night Owl Radio' },
  playing: true,
  canNext: true,
  canPrevious: true,
};

const byName = (name: ThumbarIconName) => `icon:${name}`;
const summary = (buttons: ThumbarEntry<string>[]) =>
  buttons.map((button) => [button.icon, button.tooltip, button.flags.join()]);

describe('thumbarButtons', () => {
  it('offers previous, pause and next while a track plays', () => {
    expect(summary(thumbarButtons(playing, byName, () => {}))).toEqual([
      ['icon:previous', 'Previous', 'enabled'],
      ['icon:pause', 'Pause', 'enabled'],
      ['icon:next', 'Next', 'enabled'],
    ]);
  });

  it('offers play when paused, in the same place', () => {
    const buttons = thumbarButtons({ ...playing, playing: false }, byName, () => {});
    expect(summary(buttons)[1]).toEqual(['icon:play', 'Play', 'enabled']);
  });

  it('disables what cannot act: everything with no track, next at the end, previous at the start', () => {
    expect(thumbarButtons(NOTHING_PLAYING, byName, () => {}).map((b) => b.flags[0])).toEqual([
      'disabled',
      'disabled',
      'disabled',
    ]);
    const atEnd = thumbarButtons({ ...playing, canNext: false, canPrevious: false }, byName, () => {});
    expect(atEnd.map((b) => b.flags[0])).toEqual(['disabled', 'enabled', 'disabled']);
  });

  it('sends each click to the page as the tray does', () => {
    const command = vi.fn();
    for (const button of thumbarButtons(playing, byName, command)) button.click();
    expect(command.mock.calls).toEqual([['previous'], ['toggle'], ['next']]);
  });
});

describe('createThumbar', () => {
  const fakeWindow = () => ({ isDestroyed: () => false, setThumbarButtons: vi.fn(() => true) });

  it('draws on Windows, loading each icon once across redraws', () => {
    const loadIcon = vi.fn(byName);
    const show = createThumbar({ platform: 'win32', loadIcon, command: () => {} });
    const window = fakeWindow();
    show(window, playing);
    show(window, { ...playing, playing: false });
    show(window, playing);
    expect(window.setThumbarButtons).toHaveBeenCalledTimes(3);
    expect(loadIcon.mock.calls.map(([name]) => name).sort()).toEqual(['next', 'pause', 'play', 'previous']);
  });

  it("fits Electron's own types: the entries are ThumbarButtons and a BrowserWindow takes them", () => {
    const image = { isEmpty: () => false } as unknown as NativeImage;
    const buttons: ThumbarButton[] = thumbarButtons(
      playing,
      () => image,
      () => {},
    );
    const show: (window: BrowserWindow | null, now: NowPlaying) => void = createThumbar<NativeImage>({
      platform: 'win32',
      loadIcon: () => image,
      command: () => {},
    });
    expect(buttons.every((button) => button.icon === image)).toBe(true);
    expect(typeof show).toBe('function');
  });

  it('does nothing elsewhere, or without a live window', () => {
    const window = fakeWindow();
    createThumbar({ platform: 'linux', loadIcon: byName, command: () => {} })(window, playing);
    expect(window.setThumbarButtons).not.toHaveBeenCalled();
    const show = createThumbar({ platform: 'win32', loadIcon: byName, command: () => {} });
    show({ ...window, isDestroyed: () => true }, playing);
    show(null, playing);
    expect(window.setThumbarButtons).not.toHaveBeenCalled();
  });
});

describe('the icons', () => {
  it('are PNGs of 16 px with 32 px @2x partners where the built renderer will hold them', () => {
    for (const name of ['previous', 'play', 'pause', 'next'] as const) {
      const path = thumbarIconPath(resolve('renderer/public'), name);
      for (const [file, size] of [
        [path, 16],
        [path.replace(/\.png$/, '@2x.png'), 32],
      ] as const) {
        expect(existsSync(file), file).toBe(true);
        const png = readFileSync(file);
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
      }
    }
  });
});
