// The OS media controls (media keys, the lock screen, the taskbar or notification area): what plays now (and
// the chapter playing, as the album), where it is, and the actions they may send back. Follows the store and
// the position; no React.
import type { PositionSource } from '../player/position';
import { chapterIndexAt, chaptersOf } from './chapters';
import type { AppState, AppStore } from './state';
import { currentItem } from './order';
import { speedOf } from './speeds';

/** The part of the position source this module reads. */
export type PositionFeed = Pick<PositionSource, 'get' | 'subscribe'>;

export interface MediaSessionOptions {
  store: AppStore;
  position: PositionFeed;
  /** navigator.mediaSession, or undefined where the browser has none. */
  session?: MediaSession | undefined;
  /** How often the position is reported while it moves steadily (ms). */
  throttleMs?: number;
  now?: () => number;
}

/** Seconds skipped by seekbackward/seekforward when the OS does not say. */
const DEFAULT_SKIP = 10;

const currentTrack = (state: AppState) => currentItem(state)?.track;

/** Starts mirroring the player into navigator.mediaSession; returns the stop function. */
export function startMediaSession(options: MediaSessionOptions): () => void {
  const session =
    'session' in options
      ? options.session
      : typeof navigator === 'undefined'
        ? undefined
        : navigator.mediaSession;
  if (session === undefined || session === null) return () => {};
  const { store, position } = options;
  const throttleMs = options.throttleMs ?? 1000;
  const now = options.now ?? (() => performance.now());

  const seekTo = (seconds: number): void => {
    const { duration } = position.get();
    const limit = duration > 0 ? duration : Number.POSITIVE_INFINITY;
    store.getState().seek(Math.min(Math.max(0, seconds), limit));
  };
  const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
    ['play', () => store.getState().play()],
    ['pause', () => store.getState().pause()],
    ['previoustrack', () => store.getState().previous(position.get().position)],
    ['nexttrack', () => store.getState().next()],
    [
      'seekto',
      (details) => {
        if (details.seekTime !== undefined) seekTo(details.seekTime);
      },
    ],
    ['seekbackward', (details) => seekTo(position.get().position - (details.seekOffset ?? DEFAULT_SKIP))],
    ['seekforward', (details) => seekTo(position.get().position + (details.seekOffset ?? DEFAULT_SKIP))],
  ];
  for (const [action, handler] of handlers) {
    try {
      session.setActionHandler(action, handler);
    } catch {
      // This browser does not know the action: the others still work.
    }
  }

  let lastTrack: ReturnType<typeof currentTrack> | null = null;
  let lastChapter: number | null = null;
  const chapterNow = (): number | null =>
    chapterIndexAt(chaptersOf(lastTrack ?? undefined), position.get().position);
  // The chapter goes in `album`: the title stays the track's, so the OS keeps showing one track throughout,
  // and the line under it (where lock screens and media overlays show the album) says where in it we are.
  const showMetadata = (): void => {
    const track = lastTrack;
    if (track === undefined || track === null || typeof MediaMetadata === 'undefined') {
      session.metadata = null;
      return;
    }
    const chapter = lastChapter === null ? undefined : chaptersOf(track)[lastChapter];
    session.metadata = new MediaMetadata({
      title: track.title,
      artist: track.artist,
      album: chapter?.title ?? '',
      artwork: track.artworkUrl === null ? [] : [{ src: track.artworkUrl, sizes: '500x500' }],
    });
  };
  const showChapter = (): void => {
    const chapter = chapterNow();
    if (chapter === lastChapter) return;
    lastChapter = chapter;
    showMetadata();
  };
  const showTrack = (state: AppState): void => {
    const track = currentTrack(state);
    if (track !== lastTrack) {
      lastTrack = track;
      lastChapter = chapterNow();
      showMetadata();
      reportPosition(true);
    }
    session.playbackState = track === undefined ? 'none' : state.playing ? 'playing' : 'paused';
  };

  // The OS extrapolates from position, rate and the time it was told, so a steady report once a second
  // is plenty; a jump (a seek, a new track) is reported at once.
  let reportedAt = Number.NEGATIVE_INFINITY;
  let reported: { position: number; duration: number; rate: number } | null = null;
  const reportPosition = (force: boolean): void => {
    const { position: seconds, duration } = position.get();
    const state = store.getState();
    // The track's playback speed: the OS moves its position by it between two reports.
    const rate = speedOf(state);
    const time = now();
    const elapsed = (time - reportedAt) / 1000;
    const expected =
      reported === null ? null : reported.position + (state.playing ? elapsed * reported.rate : 0);
    const jumped =
      expected === null ||
      Math.abs(seconds - expected) > 1.5 ||
      duration !== reported?.duration ||
      rate !== reported.rate;
    if (!force && !jumped && time - reportedAt < throttleMs) return;
    reportedAt = time;
    reported = { position: seconds, duration, rate };
    try {
      if (lastTrack === undefined || !(duration > 0) || !Number.isFinite(duration)) {
        session.setPositionState();
      } else {
        session.setPositionState({
          duration,
          position: Math.min(Math.max(0, seconds), duration),
          playbackRate: rate,
        });
      }
    } catch {
      // Older implementations reject a state they cannot show; the controls still work without it.
    }
  };

  showTrack(store.getState());
  const unsubscribeStore = store.subscribe((state, previous) => {
    if (
      state.currentId !== previous.currentId ||
      state.playing !== previous.playing ||
      state.items !== previous.items
    ) {
      showTrack(state);
      if (state.playing !== previous.playing) reportPosition(true);
    }
    if (state.speeds !== previous.speeds) reportPosition(true);
  });
  const unsubscribePosition = position.subscribe(() => {
    showChapter();
    reportPosition(false);
  });

  return () => {
    unsubscribeStore();
    unsubscribePosition();
    for (const [action] of handlers) {
      try {
        session.setActionHandler(action, null);
      } catch {
        // Not supported here: nothing was set.
      }
    }
    session.metadata = null;
    session.playbackState = 'none';
  };
}
