// Recovery of the playing playthrough when its audio fails, stalls or its URL dies mid-download: a fresh
// grant within the playthrough's budget, and a new sound at the same place. A download that outlives its
// grant gets a standby sound loading beside it; while the old sound still plays from its buffer, the new
// one waits where that buffer runs out and takes over there.
import type { AppError } from '../../../shared/errors';
import type { StreamGrant } from '../../../shared/ipc';
import {
  askWait,
  downloadDied,
  exhaustedError,
  MAX_FAILED_RECOVERIES,
  recordAsk,
  stallVerdict,
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
  /** Whether the network is up: silence while offline is no failure. */
  isOnline: () => boolean;
  /** Whether `p` is still the current playthrough, and `generation` its latest command. */
  isCurrent: (p: Playthrough, generation: number) => boolean;
  /** Whether `p`'s grant may still start requests (outside its safety margin). */
  usable: (p: Playthrough) => boolean;
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
  stallMs: number;
  deadDownloadMs: number;
  /** The speed `p` plays at: its position can never run ahead of the wall clock at that speed. */
  rate: (p: Playthrough) => number;
  /** How often a takeover looks at the two sounds, so it hands over within a few milliseconds. */
  handoverPollMs: number;
}

export interface Recovery {
  recover(p: Playthrough, httpStatus?: number): Promise<void>;
  /** One sample's checks of the playing sound: the stall watchdog, its download's life, its standby. */
  watch(p: Playthrough): void;
  /** Unloads `p`'s standby, if it has one. */
  dropStandby(p: Playthrough): void;
}

/**
 * Where a replacement waits, before the end of what the old sound has fetched: Chromium's element stops
 * 1–1.7 s short of it (what it needs to read ahead), and a replacement waiting past that point had to
 * seek back to where the old one stopped, a second seek heard as a gap of up to half a second.
 */
const TARGET_BEFORE_END_S = 2;
/** A replacement starts this long before the old sound reaches its position: the time it takes to start. */
const HANDOVER_LEAD_S = 0.03;
/** A replacement the old sound has played past moves at least this far ahead of it again. */
const HANDOVER_AHEAD_S = 1;
/** A replacement further than this from the old sound's position when that runs dry moves there first. */
const HANDOVER_SLACK_S = 0.1;
/** Where (s) a sound was seen, and when (ms). */
type Seen = { at: number; time: number };

export function createRecovery(options: RecoveryOptions): Recovery {
  const { getStream, now, playing, isOnline, isCurrent, usable, make, adopt } = options;
  const { samplePosition, sounding, fail, stallMs, deadDownloadMs } = options;

  /**
   * Whether a standby can still fetch what it lacks: its own URL has not expired, its transfer still runs
   * (grew within deadDownloadMs: a running transfer outlives its URL, and on a slow link a standby asked
   * for at its grant's margin is still fetching when that expires), or it has it all. A dropped
   * connection takes the standby's transfer with the old one's, and it stops growing.
   */
  function alive(standby: NonNullable<Playthrough['standby']>): boolean {
    const complete = standby.sound?.download?.().complete === true;
    const running = standby.grewAt !== undefined && now() - standby.grewAt < deadDownloadMs;
    return complete || running || (standby.grant !== null && now() < standby.grant.expiresAt);
  }

  /** Notes whether `p`'s standby's transfer still brings audio (see alive). */
  function watchStandby(p: Playthrough): void {
    const standby = p.standby;
    const end = standby?.sound?.download?.().bufferedEnd;
    if (standby === null || end === undefined || end === standby.fetchedTo) return;
    standby.fetchedTo = end;
    standby.grewAt = now();
  }

  function dropStandby(p: Playthrough): void {
    p.standby?.sound?.unload();
    p.standby = null;
  }

  /** A fresh grant for `p`, counted in its budget (the caller has waited for its turn). */
  function ask(p: Playthrough): ReturnType<GrantSource> {
    recordAsk(p, now());
    return getStream({ trackId: p.trackId, fresh: true });
  }

  /** Starts a standby beside `p`'s sound, whose download has outlived its grant's margin. */
  async function prepareStandby(p: Playthrough): Promise<void> {
    const old = p.sound;
    if (old === null || p.standby !== null || askWait(p, now()) > 0) return;
    const standby: NonNullable<Playthrough['standby']> = { for: old, sound: null, grant: null };
    p.standby = standby;
    const result = await ask(p);
    if (p.standby !== standby) return;
    // Not fatal: the old sound plays on, and a recovery asks again if its download dies.
    if (!result.ok || p.sound !== old) {
      p.standby = null;
      return;
    }
    standby.grant = result.value;
    standby.sound = make(p, result.value);
  }

  /** A new sound at `p`'s position, playing if wanted: the old one is gone or cannot play on. */
  function rebuild(p: Playthrough, grant: StreamGrant): void {
    settle(p, grant, make(p, grant));
  }

  /** Makes `sound`, on `grant`, `p`'s own at `p`'s position, playing if wanted. */
  function settle(p: Playthrough, grant: StreamGrant, sound: Sound): void {
    adopt(p, sound);
    takeGrant(p, grant, now());
    if (p.position > 0) sound.seek(p.position);
    if (playing()) sound.play();
  }

  /**
   * `old` plays on from its buffer while `next`, on `grant`, waits where that buffer runs out; it starts
   * as the old one reaches it, or at once where the old one ran dry if that came first. `from`: where the
   * old one was seen playing, and when.
   */
  function takeOver(p: Playthrough, old: Sound, grant: StreamGrant, next: Sound, from: Seen): void {
    const { generation } = p; // the recovery's own, current when it calls
    const end = old.download?.().bufferedEnd ?? p.position;
    next.seek(Math.max(p.position, end - TARGET_BEFORE_END_S));
    let moved = false;
    let dryAt: number | null = null;
    /**
     * Where the old sound was seen playing as the recovery began and at the last look that found it within
     * its speed (its position cannot pass what that covers since either, however far apart busy looks
     * come), and where it stood before its position leapt.
     */
    let seen = from;
    let leaptFrom: number | null = null;
    const timer = setInterval(() => {
      if (!isCurrent(p, generation) || p.sound !== old) {
        clearInterval(timer);
        if (p.sound !== next) next.unload();
        return;
      }
      samplePosition(p);
      // Running dry, Chromium's element may report a position 0.4–0.7 s on from where its sound stopped (the
      // end of what it decoded): further than its speed can have taken it since the last look. Since the
      // recovery began alone is not enough: on a busy machine the element plays behind the wall clock (0.44 s
      // in 14 s at load 5), slack that hid such a leap. The sound stands where it was last seen within both.
      const time = now();
      const within = (look: Seen): number =>
        look.at + ((time - look.time) / 1000) * options.rate(p) + HANDOVER_SLACK_S;
      if (leaptFrom === null && p.position > Math.min(within(from), within(seen))) leaptFrom = seen.at;
      if (leaptFrom === null) seen = { at: p.position, time };
      const oldAt = leaptFrom ?? p.position;
      const dry = leaptFrom !== null || !old.playing() || old.ready?.() === false;
      dryAt = dry ? (dryAt ?? now()) : null;
      if (dryAt !== null && now() - dryAt >= stallMs) {
        // The replacement never got ready: give it up, and let the stall watchdog start afresh.
        clearInterval(timer);
        next.unload();
        p.recovering = null;
        return;
      }
      const at = next.seek();
      if (dry && !moved && Math.abs(at - oldAt) > HANDOVER_SLACK_S) {
        next.seek(oldAt);
        moved = true;
        return;
      }
      if (!dry && at < oldAt - HANDOVER_SLACK_S) {
        // The old sound ran dry only for a moment and plays on past where the replacement went to meet it:
        // the replacement waits ahead again, or it would take over back there and replay what was heard.
        next.seek(Math.max(oldAt + HANDOVER_AHEAD_S, end - TARGET_BEFORE_END_S));
        moved = false;
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
    // Where it is now, and when: a takeover judges its moves from here. A position sampled a poll ago (on
    // a busy page, with a grant asked for since, 0.2 s and more) made its play since look like a leap.
    if (keep) samplePosition(p);
    const from: Seen = { at: p.position, time: now() };
    const standby = p.standby;
    if (standby?.for === old && standby.sound !== null && standby.grant !== null && alive(standby)) {
      p.standby = null;
      if (keep) takeOver(p, old, standby.grant, standby.sound, from);
      else {
        // The old sound cannot play on: the standby, loading beside it all along, takes over at once, where a
        // new sound would first load from nothing (seconds, on the slow link that made the standby needed).
        sounding(false);
        p.recovering = null;
        settle(p, standby.grant, standby.sound);
      }
      return;
    }
    dropStandby(p);
    if (!keep) {
      // Its position is the last one sampled: a failed sound may report nonsense.
      sounding(false);
      old?.unload();
      p.sound = null;
    }
    const delay = askWait(p, now());
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (!isCurrent(p, generation)) return;
    const result = await ask(p);
    if (!isCurrent(p, generation)) return;
    if (!result.ok) {
      fail(p, result.error);
      return;
    }
    if (keep && p.sound === old && old.playing()) {
      takeOver(p, old, result.value, make(p, result.value), from);
      return;
    }
    p.recovering = null;
    rebuild(p, result.value);
  }

  /** Recovers a sound that should be playing but has not moved for stallMs (howler shows no error then). */
  function watchStall(p: Playthrough): void {
    const time = now();
    const expected = playing() && p.started && p.sound !== null && isOnline();
    const verdict = stallVerdict(p, expected, time, stallMs);
    if (verdict === 'moving') {
      p.progressPosition = p.position;
      p.progressAt = time;
    } else if (verdict === 'stalled') {
      p.progressAt = time;
      void recover(p);
    }
  }

  /**
   * A download that outlives its grant's margin gets a standby; one that has died on its expired URL is
   * recovered at once, while the sound still plays what it fetched; a complete one needs no standby.
   */
  function watchDownload(p: Playthrough): void {
    const download = p.sound?.download?.();
    if (download === undefined || !p.started || !playing() || !isOnline()) return;
    watchStandby(p);
    if (download.complete) {
      if (p.standby?.for === p.sound) dropStandby(p);
      return;
    }
    if (p.recovering === p.generation) return;
    if (downloadDied(p, download, now(), deadDownloadMs)) void recover(p);
    else if (!usable(p)) void prepareStandby(p);
  }

  return {
    recover,
    watch(p) {
      watchStall(p);
      watchDownload(p);
    },
    dropStandby,
  };
}
