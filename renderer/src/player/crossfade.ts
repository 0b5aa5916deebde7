// Crossfade: with the setting above 0, the prepared next track starts that many seconds (of wall time) before
// the current one ends, the two sounds' levels crossing on equal-power ramps, and the queue moves on to it as
// the fade starts; a sound the listener leaves (a skip) fades out in 150 ms instead of being cut. No React.
import type { AppState, AppStore } from '../store';
import { stepInOrder } from '../store/order';
import type { Playthrough } from './playthrough';
import { wallMsOf } from './rate';
import type { Sound } from './sound';

/** Fades a sound's level (0–1) with equal power; the window's graph does it on the sound's element. */
export interface SoundFader {
  /** Ramps `sound`'s level from `from` (null: where it is) to `to` over `seconds` of wall time. */
  fade(sound: Sound, from: number | null, to: number, seconds: number): void;
}

/** A sound the listener leaves fades out this fast: quick enough to feel like a cut, slow enough not to click. */
export const SKIP_FADE_SECONDS = 0.15;
/**
 * A start near a track's end (a fade's, or a gapless handover's) is timed once it is this close: samples come
 * every 250 ms (a second late on a busy machine), and a timer set early still fires on time.
 */
export const TIMING_WINDOW_MS = 2_000;
/** A fade found this late starts anyway when at least this much is left; with less the change is gapless. */
const SHORTEST_FADE_MS = 500;
/** How far past its moment the timer may find the current sound (it plays on while the timer waits). */
const LATE_SLACK_MS = 300;
/** A faded-out sound is unloaded this long after its fade has ended (the audio thread may lag a little). */
const UNLOAD_AFTER_MS = 100;

export interface CrossfadeOptions {
  store: AppStore;
  /** Without one (no Web Audio), every change of track is the gapless one. */
  fader: SoundFader | undefined;
  now: () => number;
  /** The next track's playthrough being prepared (null when there is none). */
  prepared: () => Playthrough | null;
  /** Whether `p` is still the playthrough being played. */
  isCurrent: (p: Playthrough) => boolean;
  /** The fade has started: `outgoing` leaves the current place (its sound playing on) and the queue moves on. */
  handOver: (outgoing: Playthrough) => void;
}

export interface Crossfade {
  /** How much earlier (ms) the next track must be prepared, so that it is ready when the fade starts. */
  leadMs(): number;
  /** Whether the change of track after `current` is to be a crossfade, as things stand. */
  fades(current: Playthrough): boolean;
  /** On each sample of `current`: times the fade near its end, and keeps a replaced incoming sound's ramp. */
  consider(current: Playthrough): void;
  /** The listener left `p` (a skip): its sound, and one still fading out, go in 150 ms, or at once at 0 s. */
  leave(p: Playthrough | null): void;
  /** Pause ends a fade at once: the outgoing sound stops, the incoming one (paused) is at its full level. */
  pause(): void;
  /** Unloads what is fading out, and forgets the timers. */
  stop(): void;
}

/** The crossfade the settings ask for, in seconds (absent from older senders: 0). */
export const crossfadeSecondsOf = (state: Pick<AppState, 'settings'>): number =>
  state.settings?.crossfadeSeconds ?? 0;

/**
 * Whether `a` and `b` are consecutive tracks of one set: the queue does not keep the link a resolved track
 * came from, so a set's tracks are known as neighbours in the queue's own order by the same artist.
 */
export function sameSet(state: Pick<AppState, 'items'>, a: string, b: string): boolean {
  const index = state.items.findIndex((item) => item.id === a);
  const first = state.items[index]?.track;
  const second = state.items[index + 1];
  return index >= 0 && second?.id === b && first !== undefined && second.track?.artist === first.artist;
}

/** The media length of `p`'s sound in seconds (the track's length while the media's is unknown). */
function lengthOf(state: AppState, p: Playthrough): number {
  const media = p.sound?.duration?.() ?? Number.NaN;
  if (Number.isFinite(media) && media > 0) return media;
  return (state.items.find((item) => item.id === p.itemId)?.track?.durationMs ?? 0) / 1000;
}

export function createCrossfade(options: CrossfadeOptions): Crossfade {
  const { store, fader, now, prepared, isCurrent, handOver } = options;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** The sounds fading out, each with the timer that unloads it. */
  const outgoing = new Map<Sound, ReturnType<typeof setTimeout>>();
  /** The playthrough fading in: its sound's ramp, kept on a sound that replaces it (a recovery). */
  let incoming: { p: Playthrough; sound: Sound; startedAt: number; ms: number } | null = null;

  const seconds = (): number => (fader === undefined ? 0 : crossfadeSecondsOf(store.getState()));

  /** Whether a crossfade goes from `current` into `next` as things stand. */
  function applies(state: AppState, current: Playthrough, next: Playthrough | null): next is Playthrough {
    if (next === null || seconds() <= 0 || !state.playing || state.stopAfterCurrent) return false;
    // Repeat one plays the track again from its top, as without crossfade; only the prepared next fades in.
    if (state.repeat === 'one') return false;
    if (stepInOrder(state, current.itemId, 1, state.repeat === 'all') !== next.itemId) return false;
    const gapless = state.settings?.keepAlbumsGapless ?? true;
    return !(gapless && sameSet(state, current.itemId, next.itemId));
  }

  /** Wall ms left in `p`'s sound at its reported position. */
  function leftMs(state: AppState, p: Playthrough, sound: Sound): number {
    return wallMsOf(state, p, (lengthOf(state, p) - sound.seek()) * 1000);
  }

  /** Fades `sound` out over `ms` and unloads it then. */
  function fadeOut(sound: Sound, ms: number): void {
    clearTimeout(outgoing.get(sound));
    fader?.fade(sound, null, 0, ms / 1000);
    const unload = setTimeout(() => {
      outgoing.delete(sound);
      sound.unload();
    }, ms + UNLOAD_AFTER_MS);
    outgoing.set(sound, unload);
  }

  /** Unloads every sound fading out, at once. */
  function unloadOutgoing(): void {
    for (const [sound, unload] of outgoing) {
      clearTimeout(unload);
      sound.unload();
    }
    outgoing.clear();
  }

  function start(current: Playthrough, next: Playthrough): void {
    const state = store.getState();
    const sound = current.sound;
    const nextSound = next.sound;
    // A sound that cannot say whether it can play at once (HLS) is ready once it has loaded.
    const ready = nextSound?.ready?.() ?? next.loaded;
    if (!isCurrent(current) || sound?.playing() !== true || nextSound === null || !ready) return;
    if (!applies(state, current, next)) return;
    const ms = leftMs(state, current, sound);
    // A seek back meanwhile moved the end away: the next sample times the fade again.
    if (!(ms >= SHORTEST_FADE_MS) || ms > seconds() * 1000 + LATE_SLACK_MS) return;
    // Played first: howler sets an element's volume as it plays it, which a volume fade must follow.
    nextSound.play();
    fader?.fade(nextSound, 0, 1, ms / 1000);
    fadeOut(sound, ms);
    incoming = { p: next, sound: nextSound, startedAt: now(), ms };
    handOver(current);
  }

  function consider(current: Playthrough): void {
    const replaced = incoming !== null && incoming.p === current && current.sound !== incoming.sound;
    if (incoming !== null && replaced && current.sound !== null) {
      // A recovery gave the incoming track a new sound: it goes on from the level the fade had reached.
      const x = (now() - incoming.startedAt) / incoming.ms;
      const left = Math.max(0, incoming.ms * (1 - x));
      fader?.fade(current.sound, Math.sin((Math.min(1, x) * Math.PI) / 2), 1, left / 1000);
      incoming = left > 0 ? { ...incoming, sound: current.sound } : null;
    }
    if (incoming !== null && now() - incoming.startedAt >= incoming.ms) incoming = null;
    const state = store.getState();
    const next = prepared();
    const sound = current.sound;
    if (timer !== null || sound === null || !applies(state, current, next)) return;
    const until = leftMs(state, current, sound) - seconds() * 1000;
    if (!Number.isFinite(until) || until > TIMING_WINDOW_MS) return;
    timer = setTimeout(
      () => {
        timer = null;
        start(current, next);
      },
      Math.max(0, until),
    );
  }

  function leave(p: Playthrough | null): void {
    const sound = p?.sound ?? null;
    if (sound === null) return;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    incoming = null;
    if (seconds() <= 0 || !sound.playing()) {
      sound.unload();
      unloadOutgoing();
      return;
    }
    // A skip during a crossfade takes both sounds away quickly.
    for (const leaving of [...outgoing.keys(), sound]) fadeOut(leaving, SKIP_FADE_SECONDS * 1000);
  }

  function pause(): void {
    unloadOutgoing();
    if (incoming !== null) fader?.fade(incoming.sound, null, 1, 0);
    incoming = null;
  }

  function stop(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pause();
  }

  return {
    leadMs: () => seconds() * 1000,
    fades: (current) => applies(store.getState(), current, prepared()),
    consider,
    leave,
    pause,
    stop,
  };
}
