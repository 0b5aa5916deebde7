// What the tray (the menu bar on macOS) shows for the player's state, and what closing the window does:
// hide it and keep playing in the tray, or close it. Pure; tray.ts puts it on Electron's Tray.
import { oneLine } from './text';

/** What the page says about the player, as the tray needs it. */
export interface NowPlaying {
  track: { id: number; title: string; artist: string } | null;
  playing: boolean;
  canNext: boolean;
  canPrevious: boolean;
}

export const NOTHING_PLAYING: NowPlaying = {
  track: null,
  playing: false,
  canNext: false,
  canPrevious: false,
};

/** What the page's player is asked to do (the `player-command` event). */
export type PlayerCommand = 'toggle' | 'next' | 'previous';
export type TrayCommand = PlayerCommand | 'window' | 'mini' | 'quit';

export type TrayMenuItem =
  | { kind: 'track'; label: string }
  | { kind: 'separator' }
  | { kind: 'command'; command: TrayCommand; label: string; enabled: boolean }
  | { kind: 'check'; command: TrayCommand; label: string; checked: boolean };

/** Longest track line in the menu (in characters as seen): menus wider than this look broken. */
export const MENU_TRACK_CHARS = 60;
/** Windows cuts a tray tooltip at 127 UTF-16 units; a shorter one is cut where we choose instead. */
export const TOOLTIP_CHARS = 100;

/**
 * Windows and Linux menus read `&` as "underline the next letter": a title such as "Drum & Bass" needs `&&`
 * to show its ampersand. macOS shows labels as they are.
 */
function menuText(text: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? text : text.replaceAll('&', '&&');
}

/** "Title — Artist" on one line, at most `max` characters, the title kept whole before the artist. */
export function trackLine(track: NonNullable<NowPlaying['track']>, max: number): string {
  const title = oneLine(track.title, max) || 'Untitled';
  const artist = oneLine(track.artist, max);
  if (artist === '') return title;
  const both = `${title} — ${artist}`;
  // The title matters most: the artist is shortened first, and dropped when there is no room for it.
  if (oneLine(both, max) === both) return both;
  const room = max - title.length - 3;
  return room >= 8 ? `${title} — ${oneLine(artist, room)}` : oneLine(title, max);
}

/**
 * The menu. `mini`: whether the window is the mini player; left out when there is no window to make one
 * of (then the menu has no Mini player item).
 */
export function trayMenu(
  now: NowPlaying,
  windowVisible: boolean,
  platform: NodeJS.Platform,
  mini?: boolean,
): TrayMenuItem[] {
  const hasTrack = now.track !== null;
  const line = now.track === null ? 'Nothing playing' : trackLine(now.track, MENU_TRACK_CHARS);
  const miniItem: TrayMenuItem[] =
    mini === undefined ? [] : [{ kind: 'check', command: 'mini', label: 'Mini player', checked: mini }];
  return [
    { kind: 'track', label: menuText(line, platform) },
    { kind: 'separator' },
    { kind: 'command', command: 'toggle', label: now.playing ? 'Pause' : 'Play', enabled: hasTrack },
    { kind: 'command', command: 'next', label: 'Next', enabled: hasTrack && now.canNext },
    { kind: 'command', command: 'previous', label: 'Previous', enabled: hasTrack && now.canPrevious },
    { kind: 'separator' },
    ...miniItem,
    {
      kind: 'command',
      command: 'window',
      label: windowVisible ? 'Hide Cloudcue' : 'Show Cloudcue',
      enabled: true,
    },
    { kind: 'command', command: 'quit', label: 'Quit Cloudcue', enabled: true },
  ];
}

/** The tray icon's tooltip: the app's name, and what plays. */
export function trayTooltip(now: NowPlaying): string {
  if (now.track === null) return 'Cloudcue';
  const line = trackLine(now.track, TOOLTIP_CHARS - 'Cloudcue: '.length - ' (paused)'.length);
  return `Cloudcue: ${line}${now.playing ? '' : ' (paused)'}`;
}

/** The subset of Electron's MenuItemConstructorOptions a tray menu uses. */
export interface MenuTemplateItem {
  type?: 'normal' | 'separator' | 'checkbox';
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
}

/** The menu as Electron's Menu.buildFromTemplate takes it, each command calling `run`. */
export function menuTemplate(
  items: readonly TrayMenuItem[],
  run: (command: TrayCommand) => void,
): MenuTemplateItem[] {
  return items.map((item): MenuTemplateItem => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'track':
        return { label: item.label, enabled: false };
      case 'command':
        return { label: item.label, enabled: item.enabled, click: () => run(item.command) };
      case 'check':
        return { type: 'checkbox', label: item.label, checked: item.checked, click: () => run(item.command) };
    }
  });
}

/**
 * 'Keep playing in the tray when the window closes', before the user chooses: on where an app in the tray
 * is the custom (Windows, Linux); off on macOS, where an app lives on in the dock with its window closed.
 */
export function keepPlayingInTrayByDefault(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin';
}

export interface CloseSituation {
  /** The setting, as chosen or by default. */
  keepPlayingInTray: boolean;
  /** Whether the tray icon exists (it may not be made on some Linux desktops). */
  trayShown: boolean;
  /** The app is quitting (the tray's Quit, Cmd+Q, the OS shutting down): the window really closes. */
  quitting: boolean;
}

/**
 * What closing the window does. Hiding needs a tray icon to come back from: the app never ends up with
 * neither a window nor a tray icon.
 */
export function closeAction(situation: CloseSituation): 'hide' | 'close' {
  if (situation.quitting) return 'close';
  return situation.keepPlayingInTray && situation.trayShown ? 'hide' : 'close';
}
