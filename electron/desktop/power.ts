// Living alongside the rest of the desktop: playback pauses when the computer sleeps or the screen locks (on
// by default), and a notification names each new track (off by default; never twice, never over the window).
import { oneLine } from './text';
import type { NowPlaying } from './tray-state';

/** The settings' values before the user chooses. */
export const POWER_DEFAULTS = {
  /** Music that goes on playing into a locked room, or resumes loudly on wake, surprises; pausing does not. */
  pauseOnSleep: true,
  /** Off: a notification per track is noise unless asked for. */
  notifyOnTrackChange: false,
} as const;

/** The parts of Electron's powerMonitor used here (use it once the app is ready). */
export interface PowerEvents {
  on(event: 'suspend', listener: () => void): unknown;
  on(event: 'lock-screen', listener: () => void): unknown;
}

export interface PowerPauseOptions {
  powerMonitor: PowerEvents;
  /** 'Pause when the computer sleeps or the screen locks', read at each event. */
  pauseOnSleep: () => boolean;
  /** Asks the page's player to pause (never to toggle: a paused player must stay paused). */
  pause: () => void;
}

/**
 * Pauses on sleep and on the lock screen. Nothing resumes by itself on wake or unlock: the listener
 * chooses. (Electron reports the lock screen on macOS and Windows; Linux has the sleep only.)
 */
export function installPowerPause(options: PowerPauseOptions): void {
  const maybePause = (): void => {
    if (options.pauseOnSleep()) options.pause();
  };
  options.powerMonitor.on('suspend', maybePause);
  options.powerMonitor.on('lock-screen', maybePause);
}

export interface TrackNotice {
  title: string;
  body: string;
}

export interface NoticeSituation {
  /** 'Show a notification when the track changes'. */
  enabled: boolean;
  /** The main window has the focus: the listener sees the track already. */
  windowFocused: boolean;
  /** The track last announced (or that would have been, had notices been wanted), by id. */
  lastTrackId: number | null;
}

/**
 * Whether the player's state calls for a notice, and which track counts as announced afterwards. A track
 * counts once it plays, shown or not, so turning notices on mid-track, pausing and resuming, or focusing
 * and leaving the window never announces the same track again.
 */
export function trackNotice(
  now: NowPlaying,
  situation: NoticeSituation,
): { notice: TrackNotice | null; lastTrackId: number | null } {
  const { track } = now;
  if (track === null || !now.playing || track.id === situation.lastTrackId) {
    return { notice: null, lastTrackId: situation.lastTrackId };
  }
  if (!situation.enabled || situation.windowFocused) return { notice: null, lastTrackId: track.id };
  const notice = { title: oneLine(track.title, 100) || 'Untitled', body: oneLine(track.artist, 100) };
  return { notice, lastTrackId: track.id };
}

export interface TrackNotifierOptions {
  notifyOnTrackChange: () => boolean;
  windowFocused: () => boolean;
  /** `({title, body}) => new Notification({ title, body, silent: true }).show()`, where supported. */
  show: (notice: TrackNotice) => void;
}

/** Feeds the player's state (the `now-playing` message) to trackNotice and shows what it decides. */
export function createTrackNotifier(options: TrackNotifierOptions): (now: NowPlaying) => void {
  let lastTrackId: number | null = null;
  return (now) => {
    const decision = trackNotice(now, {
      enabled: options.notifyOnTrackChange(),
      windowFocused: options.windowFocused(),
      lastTrackId,
    });
    lastTrackId = decision.lastTrackId;
    if (decision.notice !== null) options.show(decision.notice);
  };
}
