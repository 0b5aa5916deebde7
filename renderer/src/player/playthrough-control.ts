// The current playthrough's controls: its sound built on a grant and wired to the engine, play, pause
// and seek on it, and the watch on its audio: a failure, a stall or a download that died (noticed from the
// element's own signals and the grant's expiry) starts a recovery (recovery.ts).
import type { AppError } from '../../../shared/errors';
import type { StreamGrant } from '../../../shared/ipc';
import type { AppStore } from '../store';
import { grantUsable, startsAsIs, takeGrant, type GrantSource, type Playthrough } from './playthrough';
import type { PositionSource } from './position';
import { rateOf } from './rate';
import { createRecovery } from './recovery';
import { formatOf, httpStatusOf, outOfData, type Sound, type SoundFactory } from './sound';

export interface PlaythroughControlOptions {
  store: AppStore;
  getStream: GrantSource;
  createSound: SoundFactory;
  createHlsSound: SoundFactory;
  now: () => number;
  safetyMarginMs: number;
  stallMs: number;
  /** A download on an expired grant that has not grown for this long has died: recover at once. */
  deadDownloadMs: number;
  /** How often a takeover looks at the old and the new sound. */
  handoverPollMs: number;
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
  /** Forgets the current playthrough, leaving its sound as it is (fading out); returns it. */
  detach(): Playthrough | null;
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
  const { isOnline, position, isPrepared, ended, deadDownloadMs } = options;

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
    detach()?.sound?.unload();
  }

  function detach(): Playthrough | null {
    const p = current;
    sounding(false);
    if (p !== null) recovery.dropStandby(p);
    current = null;
    publish(null);
    return p;
  }

  function begin(p: Playthrough, playing: boolean): void {
    current = p;
    publish(p);
    // A prepared sound started a moment before its turn (next-track.ts) plays already.
    if (p.sound?.playing() === true) {
      p.started = true;
      p.progressPosition = p.position;
      p.progressAt = now();
    }
    if (playing) void play(p);
  }

  /** A sound for `p` on `grant`, wired to the engine; it acts once it is `p`'s own (see adopt). */
  function make(p: Playthrough, grant: StreamGrant): Sound {
    const factory = grant.protocol === 'hls' ? createHlsSound : createSound;
    const sound = factory({
      src: grant.url,
      format: [formatOf(grant.mimeType)],
      html5: true,
      trackId: p.trackId,
    });
    sound.rate?.(rateOf(store.getState(), p));
    const madeAt = now();
    const mine = (): boolean => current === p && p.sound === sound;
    const playingOnline = (): boolean => mine() && p.started && store.getState().playing && isOnline();
    sound.on('load', () => {
      if (p.sound !== sound) return;
      p.loaded = true;
      p.startupMs = now() - madeAt;
    });
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
        void recovery.recover(p, httpStatusOf(error));
      } else if (isPrepared(p) && p.sound === sound) {
        // A prepared sound that cannot load: the track starts the ordinary way when its turn comes.
        sound.unload();
        p.sound = null;
      }
    };
    sound.on('loaderror', failed);
    sound.on('playerror', failed);
    // Out of data mid-track on a URL that has (nearly) expired, its requests refused (the browser may retry
    // quietly for long): replace it now; not with seconds fetched ahead (a page too busy to decode in time).
    sound.on('waiting', () => {
      if (playingOnline() && !usable(p) && outOfData(sound)) void recovery.recover(p);
    });
    // The download brings nothing, on a URL past its expiry: it is being refused. Replace it now.
    sound.on('stalled', () => {
      if (playingOnline() && p.grant !== null && now() >= p.grant.expiresAt) void recovery.recover(p);
    });
    sound.on('end', () => {
      if (!mine()) return;
      teardown();
      ended(p);
    });
    return sound;
  }

  /** Makes `sound` `p`'s own, unloading the one before; its download's memory starts from here. */
  function adopt(p: Playthrough, sound: Sound): void {
    if (p.standby?.sound !== sound) recovery.dropStandby(p);
    if (p.sound !== sound) p.sound?.unload();
    p.sound = sound;
    p.started = false;
    p.pendingSeek = null;
    p.loaded = sound.ready?.() === true;
    p.downloadEnd = 0;
    p.downloadAt = now();
  }

  function build(p: Playthrough, grant: StreamGrant): Sound {
    const sound = make(p, grant);
    adopt(p, sound);
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

  /**
   * Plays `p`, first replacing the grant (and the sound) if it is missing or about to expire; a prepared
   * sound that has loaded starts as it is, and one started ahead of its turn plays on (see startsAsIs).
   */
  async function play(p: Playthrough): Promise<void> {
    const generation = ++p.generation;
    if (!startsAsIs(p, now(), usable(p))) {
      samplePosition(p);
      if (!(await refreshGrant(p, generation)) || p.grant === null) return;
      build(p, p.grant);
    }
    // howler would start a second copy of a sound that plays already.
    if (p.sound?.playing() !== true) p.sound?.play();
  }

  const recovery = createRecovery({
    getStream,
    now,
    playing: () => store.getState().playing,
    isOnline,
    isCurrent,
    usable,
    make,
    adopt,
    samplePosition,
    sounding,
    fail,
    stallMs,
    deadDownloadMs,
    rate: (p) => rateOf(store.getState(), p),
    handoverPollMs: options.handoverPollMs,
  });

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
    recovery.dropStandby(p);
    p.sound?.unload();
    p.sound = null;
    if (store.getState().playing) void play(p);
  }

  function sample(): void {
    const p = current;
    if (p === null) return;
    const before = p.position;
    if (p.sound?.playing()) samplePosition(p);
    // Moving audio, not the play() call or howler's 'play' event, is what ends "loading"; and a sound
    // moving again after a recovery proves it worked, so a track is given up only on failures in a row.
    if (p.started && p.position !== before && store.getState().playing) {
      sounding(true);
      if (p.recovering !== p.generation) p.failedRecoveries = 0;
    }
    recovery.watch(p);
  }

  function replace(p: Playthrough, grant: StreamGrant): void {
    samplePosition(p);
    rebuild(p, grant);
  }

  return {
    current: () => current,
    begin,
    teardown,
    detach,
    play,
    pause,
    seek,
    build,
    replace,
    usable,
    sample,
  };
}
