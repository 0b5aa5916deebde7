// The audio engine: follows the store's intent with one Sound playing at a time (and the next track's
// prepared near the end of the current one), fetching stream grants just in time, renewing an HLS
// stream's before it runs out and replacing them when the audio fails mid-track. No React here.
import { appError, MEDIA_UNREADABLE, type AppError } from '../../../shared/errors';
import { secretTokenOf, type CloudcueApi, type StreamGrant } from '../../../shared/ipc';
import type { AppState, AppStore } from '../store';
import { lostContact } from '../store/queue';
import { stepInOrder } from '../store/playback';
import type { PositionSource } from './position';
import { httpStatusOf, type Sound, type SoundFactory } from './sound';

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
  /** Whether the network is up (navigator.onLine in the app); a stall while offline is not a failure. */
  isOnline?: () => boolean;
  /**
   * The next track's grant and audio are prepared this long before the current one ends (or a quarter
   * of the current grant's lifetime, when that is shorter), so the change of track has no gap.
   */
  prepareAheadMs?: number;
  /** After a failed attempt to renew an HLS stream's grant, the next try waits this long. */
  renewRetryMs?: number;
  /** Where the position is published for the UI. */
  position?: PositionSource;
  /** Sets the output volume (0–1) of all sounds; howler's global volume in the app. */
  setVolume?: (volume: number) => void;
}

/** At most this many recoveries per track within RETRY_WINDOW_MS; then the item fails. */
export const MAX_RETRIES = 3;
export const RETRY_WINDOW_MS = 60_000;

/**
 * The item's error once its recoveries are spent, from the HTTP status of the last failure where the
 * backend saw one: expired (403/410) or unknown, a server error, or no readable answer at all.
 */
export function exhaustedError(httpStatus: number | undefined): AppError {
  if (httpStatus === 0) return appError('NETWORK', MEDIA_UNREADABLE);
  if (httpStatus !== undefined && httpStatus >= 500) return appError('SERVER');
  return appError('EXPIRED');
}

interface Session {
  itemId: string;
  trackId: number;
  grant: StreamGrant | null;
  grantReceivedAt: number;
  sound: Sound | null;
  /** Last known position in seconds. */
  position: number;
  retries: number[];
  /** Incremented by every command, so a late answer to an older one is ignored. */
  generation: number;
  /** Whether the sound has reported that it plays (howler's 'play' event). */
  started: boolean;
  /** A seek asked for before the sound started: howler may drop it, so it is applied again then. */
  pendingSeek: number | null;
  /** The position last seen moving, and when: the stall watchdog's memory. */
  progressPosition: number;
  progressAt: number;
  /** An HLS renewal in flight, and when the last one failed (it waits renewRetryMs before the next). */
  renewing: boolean;
  renewFailedAt: number | null;
}

/** howler's format name for a MIME type (its streams have no file extension to go by). */
export function formatOf(mimeType: string): string {
  if (mimeType.startsWith('audio/mp4')) return 'm4a';
  if (mimeType.startsWith('audio/ogg')) return 'ogg';
  return 'mp3';
}

export interface Engine {
  stop(): void;
}

export function startEngine(options: EngineOptions): Engine {
  const { store, createSound } = options;
  /**
   * A grant from main; losing contact with main is an answer too (NETWORK), never a rejection. A private
   * track's token goes with it, from its saved permalink: main may have restarted and never met the track.
   */
  const getStream = (arg: { trackId: number; fresh?: boolean }): ReturnType<CloudcueApi['getStream']> => {
    const permalink = store.getState().items.find((i) => i.track?.id === arg.trackId)?.track?.permalink;
    const secretToken = permalink === undefined ? null : secretTokenOf(permalink);
    return options
      .getStream(secretToken === null ? arg : { ...arg, secretToken })
      .catch(() => ({ ok: false as const, error: lostContact() }));
  };
  const now = options.now ?? Date.now;
  const safetyMarginMs = options.safetyMarginMs ?? 20_000;
  const stallMs = options.stallMs ?? 5_000;
  const isOnline = options.isOnline ?? (() => true);
  const position = options.position;
  let session: Session | null = null;

  function publish(s: Session | null): void {
    if (position === undefined) return;
    if (s === null) {
      position.set({ position: 0, duration: 0 });
      return;
    }
    const item = store.getState().items.find((i) => i.id === s.itemId);
    position.set({ position: s.position, duration: (item?.track?.durationMs ?? 0) / 1000 });
  }

  const isCurrent = (s: Session, generation: number): boolean => session === s && s.generation === generation;

  function grantUsable(s: Session): boolean {
    if (s.grant === null) return false;
    const lifetime = s.grant.expiresAt - s.grantReceivedAt;
    const margin = Math.min(safetyMarginMs, lifetime / 2);
    return s.grant.expiresAt - now() > margin;
  }

  function samplePosition(s: Session): void {
    if (s.sound === null) return;
    const seconds = s.sound.seek();
    if (typeof seconds === 'number' && Number.isFinite(seconds)) s.position = seconds;
    publish(s);
  }

  function fail(s: Session, error: AppError): void {
    if (session !== s) return;
    teardown();
    store.getState().playbackFailed(s.itemId, error);
  }

  /** Whether the audio really moves: the window shows "loading", not "playing", until it does. */
  const sounding = (value: boolean): void => store.getState().setSounding(value);

  function teardown(): void {
    sounding(false);
    if (session?.sound) session.sound.unload();
    session = null;
    publish(null);
  }

  /** The next track, prepared near the end of the current one: its grant, and its sound loading. */
  let prepared: Session | null = null;

  function dropPrepared(): void {
    prepared?.sound?.unload();
    prepared = null;
  }

  function build(s: Session, grant: StreamGrant): Sound {
    s.sound?.unload();
    const factory = grant.protocol === 'hls' ? (options.createHlsSound ?? createSound) : createSound;
    const sound = factory({ src: grant.url, format: [formatOf(grant.mimeType)], html5: true });
    s.sound = sound;
    s.started = false;
    s.pendingSeek = null;
    const mine = (): boolean => session === s && s.sound === sound;
    // howler's HTML5 mode queues a pause or a seek given before playback has started, and may never
    // run that queue: once the sound reports that it plays, make it match what the listener wants.
    sound.on('play', () => {
      if (!mine()) return;
      s.started = true;
      // The stall watchdog counts from here.
      s.progressPosition = s.position;
      s.progressAt = now();
      if (s.pendingSeek !== null) {
        sound.seek(s.pendingSeek);
        s.pendingSeek = null;
      }
      if (!store.getState().playing) sound.pause();
    });
    const failed = (_id: number, error?: unknown): void => {
      if (mine()) {
        void recover(s, httpStatusOf(error));
      } else if (prepared === s && s.sound === sound) {
        // A prepared sound that cannot load: the track starts the ordinary way when its turn comes.
        sound.unload();
        s.sound = null;
      }
    };
    sound.on('loaderror', failed);
    sound.on('playerror', failed);
    // Out of data mid-track on a URL that has (nearly) expired: the browser's requests for the rest are
    // being refused, which it may retry quietly for a long while. Replace the URL now.
    sound.on('waiting', () => {
      if (mine() && s.started && !grantUsable(s) && store.getState().playing && isOnline()) void recover(s);
    });
    sound.on('end', () => {
      if (!mine()) return;
      teardown();
      store.getState().trackEnded();
      // Repeat one (or repeat all over one playable track) keeps the cursor on this item, so follow() sees
      // no change to act on: start it again from the top here.
      const state = store.getState();
      if (session === null && state.playing && state.currentId === s.itemId) open(state, 0);
    });
    if (s.position > 0) sound.seek(s.position);
    return sound;
  }

  /**
   * Fetches a grant for `s` (`fresh`: the one in hand failed, so not main's cached copy); false when the
   * command was superseded or the item failed.
   */
  async function refreshGrant(s: Session, generation: number, fresh = false): Promise<boolean> {
    const result = await getStream({ trackId: s.trackId, ...(fresh ? { fresh } : {}) });
    if (!isCurrent(s, generation)) return false;
    if (!result.ok) {
      fail(s, result.error);
      return false;
    }
    takeGrant(s, result.value);
    return true;
  }

  function takeGrant(s: Session, grant: StreamGrant): void {
    s.grant = grant;
    s.grantReceivedAt = now();
  }

  /** A new sound for `s` on `grant`, at its position, playing if the listener wants playback. */
  function rebuild(s: Session, grant: StreamGrant): void {
    const sound = build(s, grant);
    if (store.getState().playing) sound.play();
  }

  /** Plays `s`, first replacing the grant (and the sound) if it is missing or about to expire. */
  async function playSession(s: Session): Promise<void> {
    const generation = ++s.generation;
    if (s.sound === null || !grantUsable(s)) {
      samplePosition(s);
      if (!(await refreshGrant(s, generation)) || s.grant === null) return;
      build(s, s.grant);
    }
    s.sound?.play();
  }

  /**
   * The audio failed after loading (typically a 403 on an expired URL): new grant, same place.
   * `httpStatus`: the failed request's status, where the backend saw it.
   */
  async function recover(s: Session, httpStatus?: number): Promise<void> {
    const generation = ++s.generation;
    const time = now();
    s.retries = s.retries.filter((t) => time - t < RETRY_WINDOW_MS);
    if (s.retries.length >= MAX_RETRIES) {
      fail(s, exhaustedError(httpStatus));
      return;
    }
    s.retries.push(time);
    sounding(false);
    s.sound?.unload();
    s.sound = null;
    if (!(await refreshGrant(s, generation, true)) || s.grant === null) return;
    rebuild(s, s.grant);
  }

  function pauseSession(s: Session): void {
    s.generation++;
    sounding(false);
    samplePosition(s);
    s.sound?.pause();
  }

  /** Moves to `seconds`: at once on a usable grant; otherwise the next start rebuilds there. */
  function seekSession(s: Session, seconds: number): void {
    s.position = Math.max(0, seconds);
    publish(s);
    if (s.sound !== null && grantUsable(s)) {
      if (!s.started) s.pendingSeek = s.position;
      s.sound.seek(s.position);
      return;
    }
    // Never seek on a grant about to expire: drop the sound so the next play fetches a fresh one.
    s.sound?.unload();
    s.sound = null;
    if (store.getState().playing) void playSession(s);
  }

  function newSession(itemId: string, trackId: number, position: number): Session {
    return {
      itemId,
      trackId,
      grant: null,
      grantReceivedAt: 0,
      sound: null,
      position,
      retries: [],
      generation: 0,
      started: false,
      pendingSeek: null,
      progressPosition: position,
      progressAt: now(),
      renewing: false,
      renewFailedAt: null,
    };
  }

  /** A new session on the current item, at `start` (default: the restored position, else the link's #t=). */
  function open(state: AppState, start?: number): void {
    const item = state.items.find((i) => i.id === state.currentId);
    const next = prepared;
    prepared = null;
    preparedAfter = null;
    if (item?.track === undefined) {
      next?.sound?.unload();
      return;
    }
    // A position restored from the saved session (the store resets it when the cursor moves on).
    const position = start ?? (state.restoredPosition > 0 ? state.restoredPosition : item.startSeconds);
    if (next !== null && next.itemId === item.id && next.position === position && next.sound !== null) {
      // The prepared track: its sound has been loading, so it starts at once (on a fresh enough grant).
      session = next;
      publish(next);
      if (state.playing) void playSession(next);
      return;
    }
    next?.sound?.unload();
    session = newSession(item.id, item.track.id, position);
    publish(session);
    if (state.playing) void playSession(session);
  }

  function follow(state: AppState, previous: AppState | null): void {
    if (previous === null || state.volume !== previous.volume || state.muted !== previous.muted) {
      options.setVolume?.(state.muted ? 0 : state.volume);
    }
    if (previous === null || state.currentId !== previous.currentId) {
      teardown();
      open(state);
      return;
    }
    if (session !== null && state.seekRequest !== previous.seekRequest && state.seekRequest !== null) {
      seekSession(session, state.seekRequest.seconds);
    }
    if (session !== null && state.playing !== previous.playing) {
      if (state.playing) void playSession(session);
      else pauseSession(session);
    }
  }

  /** Recovers a sound that should be playing but has not moved for stallMs (howler shows no error then). */
  function watchStall(s: Session): void {
    const time = now();
    const expected = store.getState().playing && s.started && s.sound !== null && isOnline();
    if (!expected || s.position !== s.progressPosition) {
      s.progressPosition = s.position;
      s.progressAt = time;
      return;
    }
    if (time - s.progressAt >= stallMs) {
      s.progressAt = time;
      void recover(s);
    }
  }

  const prepareAheadMs = options.prepareAheadMs ?? 20_000;
  /** The item whose next track has been prepared, so it is prepared once. */
  let preparedAfter: string | null = null;

  /**
   * How long before the end of `s` the next track is prepared: early, but not so early its grant ages.
   * The next grant's lifetime is unknown until it is asked for; the current one's stands in for it.
   */
  function prepareLead(grant: StreamGrant, receivedAt: number): number {
    return Math.min(prepareAheadMs, (grant.expiresAt - receivedAt) / 4);
  }

  /** Near the end of a track, fetches the next one's grant and starts loading its sound, without playing. */
  function prepareNext(s: Session): void {
    const state = store.getState();
    const duration = state.items.find((i) => i.id === s.itemId)?.track?.durationMs ?? 0;
    // Until the current grant is in, the lifetime that sets the lead is unknown: wait for it.
    if (!state.playing || preparedAfter === s.itemId || duration === 0 || s.grant === null) return;
    if (duration - s.position * 1000 > prepareLead(s.grant, s.grantReceivedAt)) return;
    preparedAfter = s.itemId;
    const nextId = state.repeat === 'one' ? null : stepInOrder(state, s.itemId, 1, state.repeat === 'all');
    const item = state.items.find((i) => i.id === nextId);
    if (item?.track === undefined || item.track.id === s.trackId) return;
    dropPrepared();
    const next = newSession(item.id, item.track.id, item.startSeconds);
    prepared = next;
    void getStream({ trackId: item.track.id }).then((result) => {
      // Meanwhile the listener may have moved on, or the track started without waiting for this.
      if (prepared !== next || !result.ok) return;
      takeGrant(next, result.value);
      build(next, result.value);
    });
  }

  const renewRetryMs = options.renewRetryMs ?? 2_000;

  /**
   * While an HLS stream plays, its playlist and segments share one policy: renew it before it runs out
   * (when the grant enters the safety margin), so the segments still to come are fetched on a fresh one.
   */
  function renewHls(s: Session): void {
    const { sound, grant } = s;
    if (sound === null || grant === null || grant.protocol !== 'hls' || sound.renew === undefined) return;
    if (s.renewing || grantUsable(s) || !store.getState().playing) return;
    if (s.renewFailedAt !== null && now() - s.renewFailedAt < renewRetryMs) return;
    s.renewing = true;
    void getStream({ trackId: s.trackId, fresh: true }).then((result) => {
      s.renewing = false;
      // A seek, a skip or a recovery replaced the sound or the grant meanwhile: theirs stands.
      if (session !== s || s.sound !== sound || s.grant !== grant) return;
      if (!result.ok) {
        // Not fatal yet: the old policy still runs; try again shortly, and a recovery follows if it dies.
        s.renewFailedAt = now();
        return;
      }
      s.renewFailedAt = null;
      takeGrant(s, result.value);
      if (sound.renew?.(result.value.url) === true) return;
      // Another stream altogether: rebuild at the same place.
      samplePosition(s);
      rebuild(s, result.value);
    });
  }

  const poll = setInterval(() => {
    const s = session;
    if (s === null) return;
    const before = s.position;
    if (s.sound?.playing()) samplePosition(s);
    // Moving audio, not the play() call or howler's 'play' event, is what ends "loading".
    if (s.started && s.position !== before && store.getState().playing) sounding(true);
    watchStall(s);
    renewHls(s);
    prepareNext(s);
  }, options.pollMs ?? 250);
  const unsubscribe = store.subscribe((state, previous) => follow(state, previous));
  follow(store.getState(), null);

  return {
    stop() {
      clearInterval(poll);
      unsubscribe();
      teardown();
      dropPrepared();
    },
  };
}
