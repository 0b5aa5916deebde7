// A gapless change of track on the audio clock: the next element, started a moment before the current one
// ends, is held silent in the graph until the current one's end, when one gain closes as the other opens;
// its path's delay holds its opening back to that end, so that nothing of it is lost. The position the UI
// shows for it then leads what is heard by that delay (at most the lead, 0.3 s) for the whole track.
import { connectedChannel, fadePairOf, setPathDelay, type FadePair } from '../audio/channel';

/**
 * The switch is a ramp this short centred on the end: the incoming sound enters mid-waveform (its first
 * moments went by silent), which a step would make a click of; 5 ms is below what the ear takes as a fade.
 */
export const SWITCH_SECONDS = 0.005;
/** HAVE_FUTURE_DATA: the element has data for its position and a little beyond. */
const HAVE_FUTURE_DATA = 3;
/** How often a started incoming element is looked at until it moves (its delay is then set from where it is). */
const WATCH_MS = 10;

/** Each incoming element whose handover is not heard yet: its heard start on the audio clock, and its watch. */
const planned = new WeakMap<HTMLMediaElement, { at: number; watch: ReturnType<typeof setTimeout> | null }>();

/** Keeps what `param` is doing up to `now` and drops what was planned after it. */
function holdAt(param: AudioParam, now: number): void {
  if (typeof param.cancelAndHoldAtTime === 'function') param.cancelAndHoldAtTime(now);
  else param.cancelScheduledValues(now);
}

/**
 * Plans the switch `inSeconds` from now on `pair`'s clock: the incoming gain is silent from now and opens
 * as the outgoing one closes, both over SWITCH_SECONDS centred on that moment.
 */
export function scheduleHandover(pair: FadePair, inSeconds: number): void {
  const now = pair.context.currentTime;
  const half = SWITCH_SECONDS / 2;
  const at = now + Math.max(half, inSeconds);
  const { outgoing, incoming } = pair;
  holdAt(outgoing, now);
  outgoing.setValueAtTime(outgoing.value, now);
  outgoing.setValueAtTime(outgoing.value, at - half);
  outgoing.linearRampToValueAtTime(0, at + half);
  holdAt(incoming, now);
  incoming.setValueAtTime(0, now);
  incoming.setValueAtTime(0, at - half);
  incoming.linearRampToValueAtTime(1, at + half);
}

/** Seconds of wall time until `element` plays out (NaN while its length is unknown). */
export function secondsLeft(element: HTMLMediaElement): number {
  return (element.duration - element.currentTime) / (element.playbackRate || 1);
}

/**
 * Looks at `incoming` (started from `from` s of its media) every WATCH_MS until it moves: read at `p` s at
 * audio time `t`, it started at t − (p − from)/rate, and its delay is what lines that start up with the
 * heard end `at`. Done while it is still silent (before `at`), after which the delay stays as it is.
 */
function watchStart(pair: FadePair, incoming: HTMLMediaElement, from: number, at: number): void {
  const look = (): void => {
    const plan = planned.get(incoming);
    if (plan === undefined || incoming.paused) return;
    const t = pair.context.currentTime;
    if (t >= at - SWITCH_SECONDS / 2) {
      plan.watch = null;
      return;
    }
    const moved = incoming.currentTime - from;
    if (moved > 0) {
      pair.delayIncoming(at - (t - moved / (incoming.playbackRate || 1)));
      plan.watch = null;
    } else plan.watch = setTimeout(look, WATCH_MS);
  };
  planned.set(incoming, { at, watch: setTimeout(look, WATCH_MS) });
}

/**
 * Hands the sound over from `outgoing` (playing) to `incoming` (loaded, paused) at `outgoing`'s heard end
 * (its element's end plus its own path's delay): false, planning nothing, when that cannot be done on the
 * audio clock (either plays around the graph, `incoming` cannot start at once, or the end is unknown or
 * past). The caller plays `incoming` at once when true: its path's delay is set so that its position now
 * comes out at that end, and set again from where it really is once it moves.
 */
export function handOverElements(outgoing: HTMLMediaElement, incoming: HTMLMediaElement): boolean {
  const left = secondsLeft(outgoing);
  if (outgoing.paused || !(left > 0) || incoming.readyState < HAVE_FUTURE_DATA || incoming.seeking) {
    return false;
  }
  const pair = fadePairOf(outgoing, incoming);
  if (pair === null) return false;
  const heard = left + pair.outgoingDelay;
  scheduleHandover(pair, heard);
  withdrawHandover(incoming);
  pair.delayIncoming(heard);
  watchStart(pair, incoming, incoming.currentTime, pair.context.currentTime + heard);
  return true;
}

/**
 * A handover into `incoming` is undone (it is paused before its opening was heard): its path's delay goes
 * back to 0 while it is silent, which also drops the opening it held. Once heard, the delay stays.
 */
export function withdrawHandover(incoming: HTMLMediaElement): void {
  const plan = planned.get(incoming);
  if (plan === undefined) return;
  planned.delete(incoming);
  if (plan.watch !== null) clearTimeout(plan.watch);
  const channel = connectedChannel(incoming);
  if (channel !== undefined && channel.source.context.currentTime < plan.at) setPathDelay(channel, 0);
}
