// Each element's path into the sound graph (its source → a delay → its normalization gain → its fade gain),
// and how a change of track timed on the audio clock reaches two elements' paths (player/handover.ts). The
// delay is 0 but for an element started by a gapless handover, whose opening it holds back to the end of
// the track before it; that element keeps its delay for its whole play, and loses it when its sound goes.

/** The longest delay a path takes: a handover's lead is at most 300 ms (player/gapless.ts). */
export const MAX_PATH_DELAY_SECONDS = 1;

export interface Channel {
  source: MediaElementAudioSourceNode;
  delay: DelayNode;
  normalization: GainNode;
  fade: GainNode;
  /** The delay set last (s): read back from the node, it lags a render quantum behind. */
  delaySeconds: number;
  connected: boolean;
  /** Fading out: the track's measurement is no longer its (nor, adopted without a track, the track's gain). */
  leaving: boolean;
  /** The track its element plays (null: not said), as of its last connection. */
  track: number | null;
  /** Whether its source feeds the track's tap. */
  measured: boolean;
}

/** `element`'s path, unconnected to the mix (an element can feed one MediaElementSource in its life). */
export function createChannel(context: AudioContext, element: HTMLMediaElement): Channel {
  const channel: Channel = {
    source: context.createMediaElementSource(element),
    delay: context.createDelay(MAX_PATH_DELAY_SECONDS),
    normalization: context.createGain(),
    fade: context.createGain(),
    delaySeconds: 0,
    connected: false,
    leaving: false,
    track: null,
    measured: false,
  };
  channel.delay.delayTime.value = 0;
  channel.source.connect(channel.delay);
  channel.delay.connect(channel.normalization);
  channel.normalization.connect(channel.fade);
  return channel;
}

/**
 * Sets `channel`'s delay from now, clamped to [0, MAX_PATH_DELAY_SECONDS]. Only while its sound is silent:
 * a change of delay resamples what passes, which would be heard.
 */
export function setPathDelay(channel: Channel, seconds: number): void {
  const param = channel.delay.delayTime;
  const now = channel.source.context.currentTime;
  channel.delaySeconds = Math.min(MAX_PATH_DELAY_SECONDS, Math.max(0, seconds));
  param.cancelScheduledValues(now);
  param.setValueAtTime(channel.delaySeconds, now);
}

/** Each adopted element's graph (its channels), so that a sound can reach the next one's path on the same clock. */
export const channelsOf = new WeakMap<HTMLMediaElement, WeakMap<HTMLMediaElement, Channel>>();

/** `element`'s channel while it plays through a graph; else undefined. */
export function connectedChannel(element: HTMLMediaElement): Channel | undefined {
  const channel = channelsOf.get(element)?.get(element);
  return channel?.connected === true ? channel : undefined;
}

/** Two sounds' paths on their graph's clock, for a change of track timed on that clock (player/handover.ts). */
export interface FadePair {
  context: BaseAudioContext;
  outgoing: AudioParam;
  incoming: AudioParam;
  /** The outgoing path's delay (s): its element's end is heard this much later. */
  outgoingDelay: number;
  /** Sets the incoming path's delay (s) from now (see setPathDelay). */
  delayIncoming: (seconds: number) => void;
}

/** The paths of `outgoing` and `incoming` when both play through one graph now; else null. */
export function fadePairOf(outgoing: HTMLMediaElement, incoming: HTMLMediaElement): FadePair | null {
  // One graph's channels: an element of another graph is not found among them.
  const channels = channelsOf.get(outgoing);
  const [from, to] = [channels?.get(outgoing), channels?.get(incoming)];
  if (from?.connected !== true || to?.connected !== true) return null;
  return {
    context: from.source.context,
    outgoing: from.fade.gain,
    incoming: to.fade.gain,
    outgoingDelay: from.delaySeconds,
    delayIncoming: (seconds) => setPathDelay(to, seconds),
  };
}
