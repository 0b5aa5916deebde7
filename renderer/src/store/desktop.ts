// The page's side of the desktop shell: tells main what plays (for the tray menu and track notices) and when
// the saved queue is in (links from a launch wait for that), and acts on the links, commands and window
// mode main sends.
import type { CloudcueApi, NowPlaying, PlayerCommand } from '../../../shared/ipc';
import { bordered } from '../api';
import type { AppState, AppStore } from './state';
import { currentItem, stepInOrder } from './order';
import { addLinks } from './play-added';

export interface DesktopOptions {
  /** The engine's position in the current track (seconds), for Previous (restart, or the track before). */
  getPosition: () => number;
  /** Settles once the saved session is in the store (startPersistence's onRestored). */
  restored: Promise<unknown>;
  /** How often at most main hears what plays (default 250 ms). */
  throttleMs?: number;
}

/** A tray line shows 60 characters: more than this is never needed, and stays well inside main's bound. */
const TEXT_CHARS = 500;

/** Changes to these can change what main is told. */
const WATCHED = [
  'items',
  'currentId',
  'playing',
  'shuffle',
  'shuffleOrder',
  'repeat',
] as const satisfies readonly (keyof AppState)[];

/** What the player is doing, as main's tray and notices need it. */
export function nowPlayingOf(state: AppState): NowPlaying {
  const track = currentItem(state)?.track;
  return {
    track:
      track === undefined
        ? null
        : {
            id: track.id,
            title: track.title.slice(0, TEXT_CHARS),
            artist: track.artist.slice(0, TEXT_CHARS),
          },
    playing: state.playing,
    // What Next does: the next playable track, wrapping round only when repeat is on.
    canNext:
      state.currentId !== null && stepInOrder(state, state.currentId, 1, state.repeat !== 'off') !== null,
    // Previous always has something to do with a current track: go back, or restart it.
    canPrevious: state.currentId !== null,
  };
}

const same = (a: NowPlaying, b: NowPlaying): boolean =>
  a.playing === b.playing &&
  a.canNext === b.canNext &&
  a.canPrevious === b.canPrevious &&
  a.track?.id === b.track?.id &&
  a.track?.title === b.track?.title &&
  a.track?.artist === b.track?.artist;

/** Starts the desktop observer; returns the stop function. */
export function startDesktop(store: AppStore, unbordered: CloudcueApi, options: DesktopOptions): () => void {
  const api = bordered(unbordered);
  const throttleMs = options.throttleMs ?? 250;
  let sent: NowPlaying | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  function tell(): void {
    timer = null;
    const now = nowPlayingOf(store.getState());
    if (sent !== null && same(now, sent)) return;
    sent = now;
    void api.nowPlaying(now);
  }

  /** The tray's and the system's commands; `pause` only ever pauses (sleep must not start the music). */
  function obey(command: PlayerCommand): void {
    const state = store.getState();
    if (command === 'toggle') state.toggle();
    else if (command === 'pause') state.pause();
    else if (command === 'next') state.next();
    else state.previous(options.getPosition());
  }

  const unsubscribeStore = store.subscribe((state, previous) => {
    if (!WATCHED.some((key) => state[key] !== previous[key])) return;
    // At most one message per interval, however many changes a burst brings.
    timer ??= setTimeout(tell, throttleMs);
  });
  const unsubscribeEvents = api.onEvent((event) => {
    if (event.type === 'open-links') void addLinks(store, event.links.join('\n'), event.play);
    else if (event.type === 'player-command') obey(event.command);
    else if (event.type === 'window-mode') store.getState().adoptWindowMode(event.mini);
  });
  // A reloaded page tells main at once, so the tray does not keep the last page's track.
  timer = setTimeout(tell, 0);
  void options.restored.then(() => {
    if (!stopped) void api.desktopReady({});
  });

  return () => {
    stopped = true;
    unsubscribeStore();
    unsubscribeEvents();
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
}
