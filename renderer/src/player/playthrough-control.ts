// The current playthrough's controls: its sound built on a grant and wired to the engine, play, pause
// and seek on it, and recovery when its audio fails or stalls (a fresh grant, the same place).
import type { AppError } from '../../../shared/errors';
import type { StreamGrant } from '../../../shared/ipc';
import type { AppStore } from '../store';
import {
  exhaustedError,
  grantUsable,
  spendRetry,
  stallVerdict,
  takeGrant,
  type GrantSource,
  type Playthrough,
} from './playthrough';
import type { PositionSource } from './position';
import { formatOf, httpStatusOf, type Sound, type SoundFactory } from './sound';

export interface PlaythroughControlOptions {
  store: AppStore;
  getStream: GrantSource;
  createSound: SoundFactory;
  createHlsSound: SoundFactory;
  now: () => number;
  safetyMarginMs: number;
  stallMs: number;
  isOnline: () => boolean;
  position: PositionSource | undefined;
  /** Whether `p` is the next track being prepared (a prepared sound that fails is dropped quietly). */
  isPrepared: (p: Playthrough) => boolean;
  /** `p`'s sound played to its end; it has been torn down. */
  ended: (p: Playthrough) => void;
}

export interface PlaythroughControl {
  /** The playthrough being played (null when there is none). */
  current(): Playthrough | null;
  /** Makes `p` the current playthrough, and plays it when `playing` (the listener wants playback). */
  begin(p: Playthrough, playing: boolean): void;
  /** Unloads the current playthrough's sound and forgets it. */
  teardown(): void;
  play(p: Playthrough): Promise<void>;
  pause(p: Playthrough): void;
  seek(p: Playthrough, seconds: number): void;
  /** A sound for `p` on `grant`, at its position, loading and not playing. */
  build(p: Playthrough, grant: StreamGrant): Sound;
  /** A new sound for `p` on `grant` at the position its sound last reported, playing if wanted. */
  replace(p: Playthrough, grant: StreamGrant): void;
  /** Whether `p`'s grant may still start or resume audio (outside its safety margin). */
  usable(p: Playthrough): boolean;
  /** Reads the current sound's position, ends "loading" once it moves, and runs the stall watchdog. */
  sample(): void;
}

export function createPlaythroughControl(options: PlaythroughControlOptions): PlaythroughControl {
  const { store, getStream, createSound, createHlsSound, now, safetyMarginMs, stallMs } = options;
  const { isOnline, position, isPrepared, ended } = options;

  let current: Playthrough | null = null;

  function publish(p: Playthrough | null): void {
    if (position === undefined) return;
    if (p === null) {
      position.set({ position: 0, duration: 0 });
      return;
    }
    const item = store.getState().items.find((i) => i.id === p.itemId);
    position.set({ position: p.position, duration: (item?.track?.durationMs ?? 0) / 1000 });
  }

  const isCurrent = (p: Playthrough, generation: number): boolean =>
    current === p && p.generation === generation;

  const usable = (p: Playthrough): boolean => grantUsable(p, now(), safetyMarginMs);

  function samplePosition(p: Playthrough): void {
    if (p.sound === null) return;
    const seconds = p.sound.seek();
    if (typeof seconds === 'number' && Number.isFinite(seconds)) p.position = seconds;
    publish(p);
  }

  function fail(p: Playthrough, error: AppError): void {
    if (current !== p) return;
    teardown();
    store.getState().playbackFailed(p.itemId, error);
  }

  /** Whether the audio really moves: the window shows "loading", not "playing", until it does. */
  const sounding = (value: boolean): void => store.getState().setSounding(value);

  function teardown(): void {
    sounding(false);
    if (current?.sound) current.sound.unload();
    current = null;
    publish(null);
  }

  function begin(p: Playthrough, playing: boolean): void {
    current = p;
    publish(p);
    if (playing) void play(p);
  }

  function build(p: Playthrough, grant: StreamGrant): Sound {
    p.sound?.unload();
    const factory = grant.protocol === 'hls' ? createHlsSound : createSound;
    const sound = factory({ src: grant.url, format: [formatOf(grant.mimeType)], html5: true });
    p.sound = sound;
    p.started = false;
    p.pendingSeek = null;
    const mine = (): boolean => current === p && p.sound === sound;
    // howler's HTML5 mode queues a pause or a seek given before playback has started, and may never
    // run that queue: once the sound reports that it plays, make it match what the listener wants.
    sound.on('play', () => {
      if (!mine()) return;
      p.started = true;
      // The stall watchdog counts from here.
      p.progressPosition = p.position;
      p.progressAt = now();
      if (p.pendingSeek !== null) {
        sound.seek(p.pendingSeek);
        p.pendingSeek = null;
      }
      if (!store.getState().playing) sound.pause();
    });
    const failed = (_id: number, error?: unknown): void => {
      if (mine()) {
        void recover(p, httpStatusOf(error));
      } else if (isPrepared(p) && p.sound === sound) {
        // A prepared sound that cannot load: the track starts the ordinary way when its turn comes.
        sound.unload();
        p.sound = null;
      }
    };
    sound.on('loaderror', failed);
    sound.on('playerror', failed);
    // Out of data mid-track on a URL that has (nearly) expired: the browser's requests for the rest are
    // being refused, which it may retry quietly for a long while. Replace the URL now.
    sound.on('waiting', () => {
      if (mine() && p.started && !usable(p) && store.getState().playing && isOnline()) void recover(p);
    });
    sound.on('end', () => {
      if (!mine()) return;
      teardown();
      ended(p);
    });
    if (p.position > 0) sound.seek(p.position);
    return sound;
  }

  /**
   * Fetches a grant for `p` (`fresh`: the one in hand failed, so not main's cached copy); false when the
   * command was superseded or the item failed.
   */
  async function refreshGrant(p: Playthrough, generation: number, fresh = false): Promise<boolean> {
    const result = await getStream({ trackId: p.trackId, ...(fresh ? { fresh } : {}) });
    if (!isCurrent(p, generation)) return false;
    if (!result.ok) {
      fail(p, result.error);
      return false;
    }
    takeGrant(p, result.value, now());
    return true;
  }

  /** A new sound for `p` on `grant`, at its position, playing if the listener wants playback. */
  function rebuild(p: Playthrough, grant: StreamGrant): void {
    const sound = build(p, grant);
    if (store.getState().playing) sound.play();
  }

  /** Plays `p`, first replacing the grant (and the sound) if it is missing or about to expire. */
  async function play(p: Playthrough): Promise<void> {
    const generation = ++p.generation;
    if (p.sound === null || !usable(p)) {
      samplePosition(p);
      if (!(await refreshGrant(p, generation)) || p.grant === null) return;
      build(p, p.grant);
    }
    p.sound?.play();
  }

  /**
   * The audio failed after loading (typically a 403 on an expired URL): new grant, same place.
   * `httpStatus`: the failed request's status, where the backend saw it.
   */
  async function recover(p: Playthrough, httpStatus?: number): Promise<void> {
    const generation = ++p.generation;
    const retries = spendRetry(p.retries, now());
    if (retries === null) {
      fail(p, exhaustedError(httpStatus));
      return;
    }
    p.retries = retries;
    sounding(false);
    p.sound?.unload();
    p.sound = null;
    if (!(await refreshGrant(p, generation, true)) || p.grant === null) return;
    rebuild(p, p.grant);
  }

  function pause(p: Playthrough): void {
    p.generation++;
    sounding(false);
    samplePosition(p);
    p.sound?.pause();
  }

  /** Moves to `seconds`: at once on a usable grant; otherwise the next start rebuilds there. */
  function seek(p: Playthrough, seconds: number): void {
    p.position = Math.max(0, seconds);
    publish(p);
    if (p.sound !== null && usable(p)) {
      if (!p.started) p.pendingSeek = p.position;
      p.sound.seek(p.position);
      return;
    }
    // Never seek on a grant about to expire: drop the sound so the next play fetches a fresh one.
    p.sound?.unload();
    p.sound = null;
    if (store.getState().playing) void play(p);
  }

  /** Recovers a sound that should be playing but has not moved for stallMs (howler shows no error then). */
  function watchStall(p: Playthrough): void {
    const time = now();
    const expected = store.getState().playing && p.started && p.sound !== null && isOnline();
    const verdict = stallVerdict(p, expected, time, stallMs);
    if (verdict === 'moving') {
      p.progressPosition = p.position;
      p.progressAt = time;
    } else if (verdict === 'stalled') {
      p.progressAt = time;
      void recover(p);
    }
  }

  function sample(): void {
    const p = current;
    if (p === null) return;
    const before = p.position;
    if (p.sound?.playing()) samplePosition(p);
    // Moving audio, not the play() call or howler's 'play' event, is what ends "loading".
    if (p.started && p.position !== before && store.getState().playing) sounding(true);
    watchStall(p);
  }

  function replace(p: Playthrough, grant: StreamGrant): void {
    samplePosition(p);
    rebuild(p, grant);
  }

  return { current: () => current, begin, teardown, play, pause, seek, build, replace, usable, sample };
}
