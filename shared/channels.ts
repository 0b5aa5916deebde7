// IPC channel names: the only part of the contract the preload needs, so it stays free of zod.

export const CHANNELS = [
  'addLinks',
  'getStream',
  'retry',
  'getSettings',
  'setSettings',
  'loadSession',
  'saveSession',
  // The named playlists, kept in main like the queue.
  'loadPlaylists',
  'savePlaylists',
  'related',
  // The desktop shell's: the page can take links now; what the player is doing (for the tray and notices).
  'desktopReady',
  'nowPlaying',
  // The window as a mini player (small, on top) or full.
  'windowMode',
  // What main remembers per track: where a long track was left, how loud a track measured.
  'recallTrack',
  'rememberTrack',
] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/** The name a channel has on Electron's ipcMain/ipcRenderer. */
export function ipcName(channel: Channel): string {
  return `cloudcue:${channel}`;
}

/** The one channel main pushes events on (resolution progress and results, the desktop's links and commands). */
export const EVENT_CHANNEL = 'cloudcue:event';
