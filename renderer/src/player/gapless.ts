// The gapless change of track: with no crossfade between them, the prepared next track is started a moment
// before the current one ends, timed from the current one's position, and the sound hands over on the audio
// clock (Sound.handOver), so that neither the next element's start-up nor a busy page's late 'ended' event
// is heard as a gap. A pause, a seek or "stop after this track" in that moment undoes it. No React.
import { stepInOrder } from '../store/order';
import { TIMING_WINDOW_MS, type CrossfadeOptions } from './crossfade';
import type { Playthrough } from './playthrough';
import { wallMsOf } from './rate';

/**
 * The next sound is started at least this long before the current one ends: an element started beside a
 * playing one moves within 1–30 ms in Chromium, but past 60 ms on a loaded two-core machine (a 78 ms gap
 * at the output with a 60 ms lead at load 14). What it plays before the current one's end is not heard
 * (its level opens at that end): the lead is the most of its opening that can be lost.
 */
export const HANDOVER_LEAD_MS = 120;
/**
 * On a busy page the timer that starts it fires late, by about what the position samples have been late
 * lately: the lead grows by that much, up to this.
 */
export const HANDOVER_LEAD_MAX_MS = 300;
/** How many of the latest samples' lateness the lead follows. */
const LATENESS_SAMPLES = 8;
/** How soon a handover refused is tried again. */
const RETRY_MS = 15;
/** How far past its moment the timer may find the current sound: more, and a seek moved its end away. */
const LATE_SLACK_MS = 100;

/** The crossfade's own (a handover is only made where there is a fader: it puts a sound's level back). */
export interface GaplessOptions extends Pick<
  CrossfadeOptions,
  'store' | 'fader' | 'prepared' | 'isCurrent' | 'now'
> {
  /** Whether a crossfade takes the change of track after `current` (it starts the next one itself). */
  fades: (current: Playthrough) => boolean;
  /** How often the engine samples the position (consider's calls): lateness is counted against it. */
  pollMs: number;
}

export interface Gapless {
  /** On each sample of `current`: times the handover near its end. */
  consider(current: Playthrough): void;
  /** A pause, a seek or "stop after this track": a handover not yet heard is undone, the next sound back where it was. */
  cancel(): void;
  /** The current track is left: a handover still to come is forgotten, its next sound heard at once. */
  leave(): void;
}

export function createGapless(options: GaplessOptions): Gapless {
  const { store, fader, prepared, isCurrent, fades, now, pollMs } = options;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** The handover planned on the audio clock, until the change of track it makes has happened. */
  let pending: { current: Playthrough; next: Playthrough } | null = null;
  /** When the latest samples came, and how late each was. */
  let sampledAt: number | null = null;
  const lateness: number[] = [];

  /** The lead for the page as busy as it has been: the least one plus the worst recent lateness. */
  function leadMs(): number {
    return Math.min(HANDOVER_LEAD_MAX_MS, HANDOVER_LEAD_MS + Math.max(0, ...lateness));
  }

  /** Notes how late this sample came (a first one, or one after a pause, counts nothing). */
  function noteSample(): void {
    const at = now();
    if (sampledAt !== null && at - sampledAt < 4 * pollMs) lateness.push(at - sampledAt - pollMs);
    if (lateness.length > LATENESS_SAMPLES) lateness.shift();
    sampledAt = at;
  }

  /** The prepared next playthrough when the change from `current` is to be handed over; else null. */
  function handoverTo(current: Playthrough): Playthrough | null {
    const state = store.getState();
    const next = prepared();
    if (fader === undefined || next === null || next.sound === null || !next.loaded) return null;
    if (!state.playing || state.stopAfterCurrent || state.repeat === 'one') return null;
    if (next.sound.playing() || current.sound?.playing() !== true || current.sound.handOver === undefined)
      return null;
    if (stepInOrder(state, current.itemId, 1, state.repeat === 'all') !== next.itemId) return null;
    return isCurrent(current) && !fades(current) ? next : null;
  }

  /** Wall ms until `current`'s sound plays out (NaN while its media length is unknown). */
  function leftMs(current: Playthrough): number {
    const sound = current.sound;
    const length = sound?.duration?.() ?? Number.NaN;
    return sound === null ? Number.NaN : wallMsOf(store.getState(), current, (length - sound.seek()) * 1000);
  }

  function fire(current: Playthrough): void {
    timer = null;
    const next = handoverTo(current);
    const left = leftMs(current);
    if (next === null || !Number.isFinite(left)) return;
    // Early (the sample it was timed from was old), or a seek back moved the end: timed again from here.
    if (left > leadMs() + LATE_SLACK_MS) {
      arm(current, left);
      return;
    }
    if (current.sound?.handOver?.(next.sound!) === true) pending = { current, next };
    // Refused while there is time (the next element had no data to start on at once): tried again shortly.
    else if (left > RETRY_MS) timer = setTimeout(() => fire(current), RETRY_MS);
  }

  /** Sets the timer for the moment the lead before `current`'s end (`left` ms away) comes, if near. */
  function arm(current: Playthrough, left: number): void {
    if (left <= TIMING_WINDOW_MS) timer = setTimeout(() => fire(current), Math.max(0, left - leadMs()));
  }

  function consider(current: Playthrough): void {
    noteSample();
    if (pending !== null && !isCurrent(pending.current)) pending = null;
    if (timer !== null || pending !== null || handoverTo(current) === null) return;
    arm(current, leftMs(current));
  }

  /** Forgets the timer and the planned handover; returns the latter. */
  function forget(): { current: Playthrough; next: Playthrough } | null {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const handed = pending;
    pending = null;
    return handed;
  }

  function cancel(): void {
    const handed = forget();
    const sound = handed?.next.sound;
    // Once the current sound has played out, the change has been heard: nothing to undo.
    if (handed === null || sound == null || handed.current.sound?.playing() !== true) return;
    // Its pause also takes off the delay that held its opening back to the current sound's end (handover.ts).
    sound.pause();
    sound.seek(handed.next.position);
    fader?.fade(sound, null, 1, 0);
    fader?.fade(handed.current.sound, null, 1, 0);
  }

  function leave(): void {
    const handed = forget();
    // Left before its end (a skip): the next sound, playing already, is heard at once if it is what comes.
    if (handed?.next.sound && handed.current.sound?.playing() === true) {
      fader?.fade(handed.next.sound, null, 1, 0);
    }
  }

  return { consider, cancel, leave };
}
