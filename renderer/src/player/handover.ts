// A gapless change of track on the audio clock: the next element, started a moment before the current one
// ends, is held silent in the graph until the current one's end, when one gain closes as the other opens;
// its path's delay holds its opening back to that end, so that nothing of it is lost. The position the UI
// shows for it then leads what is heard by that delay (at most the lead, 0.3 s) for the whole track.
import { connectedChannel, fadePairOf, setPathDelay, type FadePair } from '../audio/channel';

/**
 * The switch is a ramp this short centred on the end: the outgoing sound may stop, and the incoming one
 * (its start known to a few ms) enter, mid-waveform, which a step would make a click of; 5 ms is below what
 * the ear takes as a fade.
 */
export const SWITCH_SECONDS = 0.005;
/** HAVE_FUTURE_DATA: the element has data for its position and a little beyond. */
const HAVE_FUTURE_DATA = 3;
/** How often a started incoming element is looked at until it moves (its delay is then set from where it is). */
const WATCH_MS = 10;

/** A handover into an element: its heard start on the audio clock, and the timer that plays or watches it. */
interface Plan {
  at: number;
  timer: ReturnType<typeof setTimeout> | null;
}
/** Each incoming element's latest handover (its delay is only changed before `at`). */
const planned = new WeakMap<HTMLMediaElement, Plan>();

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
 * Plays `incoming` (at `from` s of its media) `wait` s from now, then looks at it every WATCH_MS until it
 * moves: read at `p` s at audio time `t`, it started at t − (p − from)/rate (not before it was played), and
 * its delay is what lines that start up with the heard end `at`. Done while it is still silent (before
 * `at`), after which the delay stays as it is.
 */
function startAndWatch(
  pair: FadePair,
  incoming: HTMLMediaElement,
  play: () => void,
  { wait, at }: { wait: number; at: number },
): void {
  const from = incoming.currentTime;
  const plan: Plan = { at, timer: null };
  const look = (played: number): void => {
    const t = pair.context.currentTime;
    const moved = incoming.currentTime - from;
    plan.timer = null;
    if (planned.get(incoming) !== plan || incoming.paused || t >= at - SWITCH_SECONDS / 2) return;
    if (moved > 0) pair.delayIncoming(at - Math.max(played, t - moved / (incoming.playbackRate || 1)));
    else plan.timer = setTimeout(() => look(played), WATCH_MS);
  };
  const start = (): void => {
    play();
    const played = pair.context.currentTime;
    plan.timer = setTimeout(() => look(played), WATCH_MS);
  };
  planned.set(incoming, plan);
  if (wait > 0) plan.timer = setTimeout(start, wait * 1000);
  else start();
}

/**
 * Hands the sound over from `outgoing` (playing) to `incoming` (loaded, paused) at `outgoing`'s heard end
 * (its element's end plus its own path's delay): false, planning nothing, when that cannot be done on the
 * audio clock (either plays around the graph, `incoming` cannot start at once, or the end is unknown or
 * past). When true, `play` is called to start `incoming` as much later as `outgoing` is delayed (so that
 * delays do not add up from track to track), with its path delayed by the time left to the heard end.
 */
export function handOverElements(
  outgoing: HTMLMediaElement,
  incoming: HTMLMediaElement,
  play: () => void,
): boolean {
  const left = secondsLeft(outgoing);
  if (outgoing.paused || !(left > 0) || incoming.readyState < HAVE_FUTURE_DATA || incoming.seeking) {
    return false;
  }
  const pair = fadePairOf(outgoing, incoming);
  if (pair === null) return false;
  const heard = left + pair.outgoingDelay;
  scheduleHandover(pair, heard);
  withdrawHandover(incoming);
  pair.delayIncoming(left);
  startAndWatch(pair, incoming, play, { wait: pair.outgoingDelay, at: pair.context.currentTime + heard });
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
  if (plan.timer !== null) clearTimeout(plan.timer);
  const channel = connectedChannel(incoming);
  if (channel !== undefined && channel.source.context.currentTime < plan.at) setPathDelay(channel, 0);
}
