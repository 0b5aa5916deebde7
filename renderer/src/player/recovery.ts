// Recovery of the playing playthrough when its audio fails, stalls or its URL dies mid-download: a fresh
// grant within the playthrough's budget, and a new sound at the same place. While the old sound still
// plays from its buffer, the new one is prepared where that buffer runs out and takes over there.
import type { AppError } from '../../../shared/errors';
import type { StreamGrant } from '../../../shared/ipc';
import {
  askDelay,
  exhaustedError,
  MAX_FAILED_RECOVERIES,
  recordAsk,
  takeGrant,
  type GrantSource,
  type Playthrough,
} from './playthrough';
import type { Sound } from './sound';

export interface RecoveryOptions {
  getStream: GrantSource;
  now: () => number;
  /** Whether the listener wants playback. */
  playing: () => boolean;
  /** Whether `p` is still the current playthrough, and `generation` its latest command. */
  isCurrent: (p: Playthrough, generation: number) => boolean;
  /** A sound for `p` on `grant`, wired to the engine but not yet `p`'s own. */
  make: (p: Playthrough, grant: StreamGrant) => Sound;
  /** Makes `sound` `p`'s own, unloading the one before. */
  adopt: (p: Playthrough, sound: Sound) => void;
  /** Reads the position of `p`'s sound into `p` (and publishes it). */
  samplePosition: (p: Playthrough) => void;
  /** Whether the audio is heard moving (the window shows "loading" while not). */
  sounding: (value: boolean) => void;
  /** `p` cannot be played: its item shows `error`. */
  fail: (p: Playthrough, error: AppError) => void;
  /** How often a takeover looks at the two sounds, so it hands over within a few milliseconds. */
  handoverPollMs: number;
}

/** Where a replacement waits, before the end of what the old sound has fetched (the old may stop a little short). */
const TARGET_BEFORE_END_S = 1;
/** A replacement starts this long before the old sound reaches its position: the time it takes to start. */
const HANDOVER_LEAD_S = 0.03;
/** A replacement further than this from the old sound's position when that runs dry moves there first. */
const HANDOVER_SLACK_S = 0.1;

export function createRecovery(options: RecoveryOptions): {
  recover(p: Playthrough, httpStatus?: number): Promise<void>;
} {
  const { getStream, now, playing, isCurrent, make, adopt, samplePosition, sounding, fail } = options;

  /** A new sound at `p`'s position, playing if wanted: the old one is gone or cannot play on. */
  function rebuild(p: Playthrough, grant: StreamGrant): void {
    const sound = make(p, grant);
    adopt(p, sound);
    takeGrant(p, grant, now());
    if (p.position > 0) sound.seek(p.position);
    if (playing()) sound.play();
  }

  /**
   * `old` plays on from its buffer while `next`, on the fresh grant, waits where that buffer runs out;
   * it starts as the old one reaches it, or at once where the old one ran dry if that came first.
   */
  function takeOver(p: Playthrough, old: Sound, grant: StreamGrant, generation: number): void {
    const next = make(p, grant);
    const end = old.download?.().bufferedEnd ?? p.position;
    next.seek(Math.max(p.position, end - TARGET_BEFORE_END_S));
    let moved = false;
    const timer = setInterval(() => {
      if (!isCurrent(p, generation) || p.sound !== old) {
        clearInterval(timer);
        next.unload();
        return;
      }
      samplePosition(p);
      const oldAt = p.position;
      const dry = !old.playing() || old.ready?.() === false;
      const at = next.seek();
      if (dry && !moved && Math.abs(at - oldAt) > HANDOVER_SLACK_S) {
        next.seek(oldAt);
        moved = true;
        return;
      }
      if (next.ready?.() === false || (!dry && oldAt < at - HANDOVER_LEAD_S)) return;
      clearInterval(timer);
      adopt(p, next);
      takeGrant(p, grant, now());
      p.recovering = null;
      next.play();
    }, options.handoverPollMs);
  }

  /**
   * The audio failed or is about to (typically a 403 on an expired URL): a fresh grant, the same place.
   * `httpStatus`: the failed request's status, where the backend saw it.
   */
  async function recover(p: Playthrough, httpStatus?: number): Promise<void> {
    if (p.recovering === p.generation) return;
    if (p.failedRecoveries >= MAX_FAILED_RECOVERIES) {
      fail(p, exhaustedError(httpStatus));
      return;
    }
    p.failedRecoveries += 1;
    const generation = ++p.generation;
    p.recovering = generation;
    const old = p.sound;
    // A sound still playing from its buffer keeps playing: the listener should hear nothing of this.
    const keep = old !== null && playing() && old.playing() && old.ready?.() === true;
    if (!keep) {
      // Its position is the last one sampled: a failed sound may report nonsense.
      sounding(false);
      old?.unload();
      p.sound = null;
    }
    const delay = askDelay(p.asks, now());
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (!isCurrent(p, generation)) return;
    recordAsk(p, now());
    const result = await getStream({ trackId: p.trackId, fresh: true });
    if (!isCurrent(p, generation)) return;
    if (!result.ok) {
      fail(p, result.error);
      return;
    }
    if (keep && p.sound === old && old.playing()) {
      takeOver(p, old, result.value, generation);
      return;
    }
    samplePosition(p);
    p.recovering = null;
    rebuild(p, result.value);
  }

  return { recover };
}
