// A gapless change of track on the audio clock: the next element, started a moment before the current one
// ends, is held silent in the graph until the current one's end, when one gain closes as the other opens.
import { fadePairOf, type FadePair } from '../audio/graph';

/**
 * The switch is a ramp this short centred on the end: the incoming sound enters mid-waveform (its first
 * moments went by silent), which a step would make a click of; 5 ms is below what the ear takes as a fade.
 */
export const SWITCH_SECONDS = 0.005;
/** HAVE_FUTURE_DATA: the element has data for its position and a little beyond. */
const HAVE_FUTURE_DATA = 3;

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
 * Hands the sound over from `outgoing` (playing) to `incoming` (loaded, paused) at `outgoing`'s end: false,
 * planning nothing, when that cannot be done on the audio clock (either plays around the graph, `incoming`
 * cannot start at once, or the end is unknown or past). The caller plays `incoming` at once when true.
 */
export function handOverElements(outgoing: HTMLMediaElement, incoming: HTMLMediaElement): boolean {
  const left = secondsLeft(outgoing);
  if (outgoing.paused || !(left > 0) || incoming.readyState < HAVE_FUTURE_DATA || incoming.seeking) {
    return false;
  }
  const pair = fadePairOf(outgoing, incoming);
  if (pair === null) return false;
  scheduleHandover(pair, left);
  return true;
}
