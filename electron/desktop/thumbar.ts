// The Windows taskbar thumbnail's toolbar: previous, play/pause and next, following the player. The buttons
// are built here from the player's state; `window.setThumbarButtons` shows them (Windows only, a no-op elsewhere).
import { join } from 'node:path';
import type { NowPlaying, PlayerCommand } from './tray-state';

/** One of the icons in renderer/public/thumbar/ (16 px, with an @2x file Electron picks on high-DPI screens). */
export type ThumbarIconName = 'previous' | 'play' | 'pause' | 'next';

/** A button as Electron's ThumbarButton has it, with the icon left generic so the builder stays pure. */
export interface ThumbarEntry<I> {
  icon: I;
  tooltip: string;
  /** 'disabled' greys a button out; Windows keeps the three in place so they never jump under the pointer. */
  flags: ('enabled' | 'disabled')[];
  click: () => void;
}

/** The folder of the thumbar icons, under the built renderer (out/renderer, packaged with the app). */
export function thumbarIconPath(rendererDir: string, name: ThumbarIconName): string {
  return join(rendererDir, 'thumbar', `${name}.png`);
}

/**
 * The three buttons for `now`: play/pause shows what a click will do, and a button with nothing to act on is
 * disabled rather than removed. `icon` loads an icon (nativeImage.createFromPath in the app); `command`
 * reaches the page's player, as the tray's menu does.
 */
export function thumbarButtons<I>(
  now: NowPlaying,
  icon: (name: ThumbarIconName) => I,
  command: (command: PlayerCommand) => void,
): ThumbarEntry<I>[] {
  const hasTrack = now.track !== null;
  const entry = (
    name: ThumbarIconName,
    tooltip: string,
    enabled: boolean,
    action: PlayerCommand,
  ): ThumbarEntry<I> => ({
    icon: icon(name),
    tooltip,
    flags: [enabled ? 'enabled' : 'disabled'],
    click: () => command(action),
  });
  return [
    entry('previous', 'Previous', hasTrack && now.canPrevious, 'previous'),
    now.playing ? entry('pause', 'Pause', hasTrack, 'toggle') : entry('play', 'Play', hasTrack, 'toggle'),
    entry('next', 'Next', hasTrack && now.canNext, 'next'),
  ];
}

/** The parts of a BrowserWindow the toolbar needs. */
export interface ThumbarWindow<I> {
  isDestroyed(): boolean;
  setThumbarButtons(buttons: ThumbarEntry<I>[]): boolean;
}

/**
 * Shows the buttons for `now` on `window`, on Windows only. Icons are loaded once each: the toolbar is redrawn
 * at every change of the player, and the same four images serve every redraw.
 */
export function createThumbar<I>(options: {
  platform: NodeJS.Platform;
  loadIcon: (name: ThumbarIconName) => I;
  command: (command: PlayerCommand) => void;
}): (window: ThumbarWindow<I> | null, now: NowPlaying) => void {
  const icons = new Map<ThumbarIconName, I>();
  const icon = (name: ThumbarIconName): I => {
    const known = icons.get(name);
    if (known !== undefined) return known;
    const loaded = options.loadIcon(name);
    icons.set(name, loaded);
    return loaded;
  };
  return (window, now) => {
    if (options.platform !== 'win32' || window === null || window.isDestroyed()) return;
    window.setThumbarButtons(thumbarButtons(now, icon, options.command));
  };
}
