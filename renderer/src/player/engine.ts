// The audio engine: follows the store's intent with one playthrough at a time (and the next track's
// prepared near the end of the current one), fetching stream grants just in time. What it does with a
// playthrough, the next track's preparation and an HLS stream's renewal are their own modules. No React.
import type { CloudcueApi, StreamGrant } from '../../../shared/ipc';
import { secretTokenOf } from '../../../shared/limits';
import type { Result } from '../../../shared/result';
import { lostContact } from '../api';
import type { AppState, AppStore } from '../store';
import { currentItem } from '../store/order';
import { createCrossfade, type SoundFader } from './crossfade';
import { createGapless } from './gapless';
import { createHlsRenewal } from './hls-renewal';
import { createNextTrack } from './next-track';
import { newPlaythrough, type Playthrough } from './playthrough';
import { createPlaythroughControl } from './playthrough-control';
import { followSpeeds } from './rate';
import type { PositionSource } from './position';
import type { ResumeNoteSource } from './resume-note';
import { createResumePoint, NO_RESUME, type TrackMemoryApi } from './resume-point';
import type { SoundFactory } from './sound';

export interface EngineOptions {
  store: AppStore;
  getStream: CloudcueApi['getStream'];
  /** Progressive MP3 (howler). */
  createSound: SoundFactory;
  /** HLS grants (hls.js); without one, HLS grants go to createSound too. */
  createHlsSound?: SoundFactory;
  now?: () => number;
  /** Never start or resume on a grant that expires sooner than this (capped at half its lifetime). */
  safetyMarginMs?: number;
  /** How often the position is sampled while playing (for the seek bar, and resuming after a failure). */
  pollMs?: number;
  /** Playing without progress this long (while online) counts as a failure: fresh grant, same place. */
  stallMs?: number;
  /** A download on an expired grant that has not grown for this long has died: a fresh grant at once. */
  deadDownloadMs?: number;
  /** How often a sound replacing one whose download died looks for the moment to take over. */
  handoverPollMs?: number;
  /** Whether the network is up (navigator.onLine in the app); a stall while offline is not a failure. */
  isOnline?: () => boolean;
  /**
   * The next track's grant and audio are prepared this long before the current one ends (or a quarter
   * of the current grant's lifetime, when that is shorter; or twice as long as the current track took to
   * load, when that is longer), so the change of track has no gap.
   */
  prepareAheadMs?: number;
  /** After a failed attempt to renew an HLS stream's grant, the next try waits at least this long. */
  renewRetryMs?: number;
  /** Where the position is published for the UI. */
  position?: PositionSource;
  /** Sets the output volume (0–1) of all sounds; howler's global volume in the app. */
  setVolume?: (volume: number) => void;
  /** Fades a sound in or out (the graph's fade gain); without it every change of track is the gapless one. */
  fader?: SoundFader | undefined;
  /**
   * Resume where you left off: main's per-track memory, the player bar's note, and the window, whose
   * pagehide remembers where the open track was left. Without it, every track starts where it is asked to.
   */
  resume?: {
    memory: TrackMemoryApi;
    note: ResumeNoteSource;
    events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  };
}

/** Starts the engine on the store; returns the function that stops it. */
export function startEngine(options: EngineOptions): () => void {
  const { store, createSound } = options;
  const now = options.now ?? Date.now;
  /** Counts the playthroughs asked for: an answer about an older one (a recall) is ignored. */
  let openings = 0;

  const control = createPlaythroughControl({
    store,
    getStream: grantFor,
    createSound,
    createHlsSound: options.createHlsSound ?? createSound,
    now,
    safetyMarginMs: options.safetyMarginMs ?? 20_000,
    stallMs: options.stallMs ?? 5_000,
    deadDownloadMs: options.deadDownloadMs ?? 1_000,
    handoverPollMs: options.handoverPollMs ?? 10,
    isOnline: options.isOnline ?? (() => true),
    position: options.position,
    isPrepared: (p) => nextTrack.holds(p),
    ended,
  });
  const nextTrack = createNextTrack({
    store,
    getStream: grantFor,
    now,
    build: (p, grant) => control.build(p, grant),
    prepareAheadMs: options.prepareAheadMs ?? 20_000,
    isCurrent: (p) => control.current() === p,
    extraLeadMs: () => crossfade.leadMs(),
  });
  const crossfade = createCrossfade({
    store,
    fader: options.fader,
    now,
    prepared: () => nextTrack.prepared(),
    isCurrent: (p) => control.current() === p,
    // The queue moves on as the fade starts: the window and the media controls follow the incoming track.
    handOver: () => {
      control.detach();
      resume.left(Number.POSITIVE_INFINITY);
      store.getState().endOfTrack();
    },
  });
  const gapless = createGapless({
    store,
    fader: options.fader,
    prepared: () => nextTrack.prepared(),
    isCurrent: (p) => control.current() === p,
    fades: (p) => crossfade.fades(p),
    now,
    pollMs: options.pollMs ?? 250,
  });
  const renewIfDue = createHlsRenewal({
    getStream: grantFor,
    now,
    renewRetryMs: options.renewRetryMs ?? 2_000,
    isCurrent: (p) => control.current() === p,
    usable: (p) => control.usable(p),
    playing: () => store.getState().playing,
    replace: (p, grant) => control.replace(p, grant),
  });

  const resume =
    options.resume === undefined
      ? NO_RESUME
      : createResumePoint({ ...options.resume, now, seek: (seconds) => store.getState().seek(seconds) });
  // The window going (closed, reloaded): where the open track was left is remembered first.
  const leaveOpenTrack = (): void => {
    const p = control.current();
    if (p !== null) resume.left(p.position);
  };
  options.resume?.events?.addEventListener('pagehide', leaveOpenTrack);

  /**
   * A grant from main; losing contact with main is an answer too (NETWORK), never a rejection, even from
   * a getStream that was not given through the API's border. A private track's token goes with it, from
   * its saved permalink: main may have restarted and never met the track.
   */
  function grantFor(arg: { trackId: number; fresh?: boolean }): Promise<Result<StreamGrant>> {
    const permalink = store.getState().items.find((i) => i.track?.id === arg.trackId)?.track?.permalink;
    const secretToken = permalink === undefined ? null : secretTokenOf(permalink);
    return options
      .getStream(secretToken === null ? arg : { ...arg, secretToken })
      .catch(() => ({ ok: false as const, error: lostContact() }));
  }

  /** A playthrough of the current item, at `start` (default: the restored position, else the link's #t=). */
  function open(state: AppState, start?: number): void {
    const opening = ++openings;
    const item = currentItem(state);
    // A position restored from the saved session (the store resets it when the cursor moves on).
    const from = start ?? (state.restoredPosition > 0 ? state.restoredPosition : (item?.startSeconds ?? 0));
    // A long track chosen from its beginning starts where it was left: known already when it was the next
    // track (asked ahead), else if main says so in a moment.
    const long =
      start === undefined && from === 0 && item?.track !== undefined && resume.applies(item.track)
        ? item.track
        : null;
    if (long === null) {
      openAt(state, from, false);
      return;
    }
    const resumeAt = resume.startOf(long);
    if (typeof resumeAt === 'number') {
      openAt(state, resumeAt, resumeAt > 0);
      return;
    }
    // Its grant is asked for meanwhile: main keeps it for the playthrough's own request, so the first audio
    // waits for the slower of the two answers, not for both.
    void grantFor({ trackId: long.id });
    void resumeAt.then((at) => {
      if (opening === openings) openAt(store.getState(), at, at > 0);
    });
  }

  /** A playthrough of the current item at `from` (`resumed`: where the listener left it). */
  function openAt(state: AppState, from: number, resumed: boolean): void {
    const item = currentItem(state);
    const next = nextTrack.take();
    if (item?.track === undefined) {
      next?.sound?.unload();
      return;
    }
    resume.opened(item.id, item.track, from, resumed);
    if (next !== null && next.itemId === item.id && next.position === from && next.sound !== null) {
      // The prepared track: its sound has been loading (or even started), so it plays at once.
      control.begin(next, state.playing);
      return;
    }
    next?.sound?.unload();
    control.begin(newPlaythrough(item.id, item.track.id, from, now()), state.playing);
  }

  function ended(p: Playthrough): void {
    resume.left(Number.POSITIVE_INFINITY);
    store.getState().endOfTrack();
    // Repeat one (or repeat all over one playable track) keeps the cursor on this item, so follow() sees
    // no change to act on: start it again from the top here (paused, after "stop after this track").
    const state = store.getState();
    if (control.current() === null && state.currentId === p.itemId) open(state, 0);
  }

  function follow(state: AppState, previous: AppState | null): void {
    const faded = previous !== null && state.sleepGain !== previous.sleepGain;
    if (previous === null || state.volume !== previous.volume || state.muted !== previous.muted || faded) {
      // The sleep timer's fade scales the output, never the listener's own volume.
      options.setVolume?.(state.muted ? 0 : state.volume * state.sleepGain);
    }
    followSpeeds(state, previous, [control.current(), nextTrack.prepared()]);
    if (previous === null || state.currentId !== previous.currentId) {
      leaveOpenTrack();
      gapless.leave();
      crossfade.leave(control.detach());
      open(state);
      return;
    }
    const current = control.current();
    // A change of track being handed over waits for the current track's end, which these move or hold.
    const seeks = state.seekRequest !== previous.seekRequest && state.seekRequest !== null;
    if (seeks || !state.playing || (state.stopAfterCurrent && !previous.stopAfterCurrent)) gapless.cancel();
    if (current !== null && seeks) control.seek(current, state.seekRequest!.seconds);
    if (current !== null && state.playing !== previous.playing) {
      if (state.playing) void control.play(current);
      else {
        crossfade.pause();
        control.pause(current);
      }
    }
  }

  /** One sample of the playing playthrough: its sound, then the HLS renewal and the next track's preparation. */
  function sample(): void {
    const p = control.current();
    if (p === null) return;
    control.sample();
    if (store.getState().playing) resume.progress(p.position);
    renewIfDue(p);
    nextTrack.consider(p);
    // The next track's place is asked for while this one plays, so that its start need not wait for main.
    const ahead = nextTrack.prepared();
    const aheadTrack = ahead && store.getState().items.find((i) => i.id === ahead.itemId)?.track;
    if (aheadTrack) resume.askAhead(aheadTrack);
    crossfade.consider(p);
    gapless.consider(p);
  }

  const poll = setInterval(sample, options.pollMs ?? 250);
  const unsubscribe = store.subscribe(follow);
  follow(store.getState(), null);
  return () => {
    openings++;
    clearInterval(poll);
    unsubscribe();
    options.resume?.events?.removeEventListener('pagehide', leaveOpenTrack);
    leaveOpenTrack();
    gapless.cancel();
    control.teardown();
    crossfade.stop();
    nextTrack.drop();
  };
}
