// The next track, prepared near the end of the current one: its grant fetched and its sound loading,
// not playing, so that the engine hands over to it without a gap when its turn comes; a loaded one is
// even started a moment before the current one ends, so its audio runs by then. One that cannot load
// (its URL refused or dead, its grant aged on a slow link) is prepared again on a fresh grant.
import type { StreamGrant } from '../../../shared/ipc';
import type { AppStore } from '../store';
import { stepInOrder } from '../store/order';
import {
  downloadDied,
  newPlaythrough,
  prepareLead,
  recordAsk,
  takeGrant,
  type GrantSource,
  type Playthrough,
} from './playthrough';
import { wallMsOf } from './rate';

export interface NextTrackOptions {
  store: AppStore;
  getStream: GrantSource;
  now: () => number;
  /** Builds a playthrough's sound on its grant, loading and not playing (the engine's own builder). */
  build: (p: Playthrough, grant: StreamGrant) => void;
  /** Preparation starts this long before the current track ends (or sooner; see prepareLead). */
  prepareAheadMs: number;
  /** Whether `p` is still the playthrough being played. */
  isCurrent: (p: Playthrough) => boolean;
  /** How much earlier still (ms) to prepare: a crossfade starts the next track that long before the end. */
  extraLeadMs?: () => number;
}

/** A loaded next sound starts this long before the current one ends: about what audio takes to start. */
const PRESTART_MS = 30;
/** How far from that moment the timer may find the current sound (it plays on while the timer waits). */
const PRESTART_SLACK_MS = 40;
/**
 * The start is timed once the end is this close: a sample of the position comes every 250 ms, but on a
 * busy machine one may come a second late, and a timer set early still fires on time.
 */
const PRESTART_WINDOW_MS = 2_000;
/** A prepared download on an expired grant still this long has died: the engine's default for a playing one. */
const DEAD_DOWNLOAD_MS = 1_000;

export interface NextTrack {
  /** Near the end of `current`, while playing, starts preparing the track after it (once per item). */
  consider(current: Playthrough): void;
  /** The prepared playthrough, handed over (null when there is none); preparation can start afresh. */
  take(): Playthrough | null;
  /** Whether `p` is the playthrough being prepared. */
  holds(p: Playthrough): boolean;
  /** The playthrough being prepared, still held (null when there is none). */
  prepared(): Playthrough | null;
  /** Unloads what is prepared. */
  drop(): void;
}

export function createNextTrack(options: NextTrackOptions): NextTrack {
  const { store, getStream, now, build, prepareAheadMs, isCurrent } = options;
  let prepared: Playthrough | null = null;
  let prestart: ReturnType<typeof setTimeout> | null = null;
  /** The item whose next track has been prepared, so it is prepared once. */
  let preparedAfter: string | null = null;
  /** The prepared playthrough made again on a fresh grant: once each, so a broken file is not asked for in a loop. */
  let renewed: Playthrough | null = null;

  function drop(): void {
    prepared?.sound?.unload();
    prepared = null;
  }

  /** Times the start of a loaded next sound to a moment before `current`'s own audio ends. */
  function timeStart(current: Playthrough): void {
    const next = prepared;
    const sound = current.sound;
    const length = sound?.duration?.() ?? Number.NaN;
    // Started already (by the start timed at an earlier sample, or a gapless handover): howler would start
    // a second copy of a sound that plays, heard as an echo; a busy page's late 'end' left time for that.
    if (prestart !== null || next?.sound?.ready?.() !== true || next.sound.playing()) return;
    if (sound?.playing() !== true) return;
    // In wall time: at 2× the end comes twice as soon.
    const left = wallMsOf(store.getState(), current, (length - current.position) * 1000);
    if (!Number.isFinite(left) || left > PRESTART_WINDOW_MS) return;
    prestart = setTimeout(() => {
      prestart = null;
      // A seek meanwhile moves the end away: the next sample times it again.
      const still =
        wallMsOf(store.getState(), current, (length - sound.seek()) * 1000) <=
        PRESTART_MS + PRESTART_SLACK_MS;
      const ending = still && isCurrent(current) && current.sound === sound && sound.playing();
      // After "stop after this track" the next one waits, paused: it must not start early.
      const { playing, stopAfterCurrent } = store.getState();
      const idle = next.sound?.playing() === false;
      if (ending && prepared === next && idle && playing && !stopAfterCurrent) next.sound?.play();
    }, left - PRESTART_MS);
  }

  function consider(current: Playthrough): void {
    timeStart(current);
    renew();
    const state = store.getState();
    const duration = state.items.find((i) => i.id === current.itemId)?.track?.durationMs ?? 0;
    // Until the current grant is in, the lifetime that sets the lead is unknown: wait for it.
    if (!state.playing || preparedAfter === current.itemId || duration === 0 || current.grant === null)
      return;
    const lead =
      prepareLead(current.grant, current.grantReceivedAt, prepareAheadMs, current.startupMs) +
      (options.extraLeadMs?.() ?? 0);
    if (wallMsOf(state, current, duration - current.position * 1000) > lead) return;
    preparedAfter = current.itemId;
    const nextId =
      state.repeat === 'one' ? null : stepInOrder(state, current.itemId, 1, state.repeat === 'all');
    const item = state.items.find((i) => i.id === nextId);
    if (item?.track === undefined || item.track.id === current.trackId) return;
    drop();
    const next = newPlaythrough(item.id, item.track.id, item.startSeconds, now());
    prepared = next;
    load(next, false);
  }

  /** Asks for `next`'s grant (`fresh`: not main's copy of the one that failed) and builds its sound on it. */
  function load(next: Playthrough, fresh: boolean): void {
    void getStream({ trackId: next.trackId, ...(fresh ? { fresh } : {}) }).then((result) => {
      // Meanwhile the listener may have moved on, or the track started without waiting for this.
      if (prepared !== next || !result.ok) return;
      takeGrant(next, result.value, now());
      build(next, result.value);
    });
  }

  /**
   * Prepares the next track again, once, on a fresh grant when its sound cannot load: it failed (the
   * engine unloads a prepared sound then), or its download died on an expired URL before it loaded (the
   * grant's life was short for the link's speed). Else its turn would start it from nothing, with a gap
   * of seconds on a slow link. A sound that has loaded plays what it has, and is renewed while it plays.
   */
  function renew(): void {
    const next = prepared;
    if (next === null || next.grant === null || renewed === next) return;
    const download = next.sound?.download?.();
    const dead =
      next.sound === null ||
      (!next.loaded && download !== undefined && downloadDied(next, download, now(), DEAD_DOWNLOAD_MS));
    if (!dead) return;
    renewed = next;
    recordAsk(next, now());
    load(next, true);
  }

  function take(): Playthrough | null {
    const next = prepared;
    prepared = null;
    preparedAfter = null;
    if (prestart !== null) clearTimeout(prestart);
    prestart = null;
    return next;
  }

  return { consider, take, holds: (p) => prepared === p, prepared: () => prepared, drop };
}
