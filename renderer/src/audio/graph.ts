// The one Web Audio graph every sound plays through, made on first use: each element's source → its delay
// (channel.ts) → its normalization gain → its fade gain (crossfade's) → the mix → equalizer → master volume → limiter → output.
// A tap before the gains (the track's loudness) and the limiter (the level meter) are read by the meters. Each
// sound's normalization gain is its own track's: a change of track leaves the outgoing sound at its gain. A
// sound fading out (a crossfade's outgoing track, a skip) has left the tap. An
// element whose media the page may not read is left out and plays as it is (its source would give silence).
import { LRUCache } from 'lru-cache';
import type { EqualizerSettings } from '../../../shared/ipc';
import { channelsOf, createChannel, setPathDelay, type Channel } from './channel';
import { createEqualizer, DEFAULT_EQUALIZER, type Equalizer } from './equalizer';
import { createVolumeFades, fadeGain, type FadeCurve } from './fades';
import {
  createLimiter,
  readable,
  startMeters,
  type Limiter,
  type MeterClock,
  type Meters,
  type MeterTap,
} from './graph-parts';
import type { MeterReading } from './meter-core';
import { moveSink, type SinkResult } from './sink';

/** Whether processing applies: 'unreadable' when a sound's media could not be read, 'unsupported' without Web Audio. */
export type ProcessingStatus = 'on' | 'unreadable' | 'unsupported';
export { readable, type MeterTap } from './graph-parts';
export type { FadeCurve } from './fades';

export interface AudioGraphOptions {
  /** Makes the context, once, when the first sound has loaded; null where there is no Web Audio. */
  createContext: () => AudioContext | null;
  /** Reads the meters' taps every so often; without it nothing is measured (the sound is still processed). */
  meterClock?: MeterClock | undefined;
  /** A reading of the track's measurement (before any gain) or of the output (after the limiter). */
  onReading?: (tap: MeterTap, reading: MeterReading) => void;
  onStatus?: (status: ProcessingStatus) => void;
  /** The page's origin: its own media is readable without CORS. */
  pageOrigin?: string;
}

export interface AudioGraph {
  /**
   * Takes `element` into the graph once its media has loaded and proves readable; at most once, ever. With
   * `trackId`, the element plays that track (null: none said) and takes that track's gain; undefined leaves
   * what an earlier adoption said.
   */
  adopt(element: HTMLMediaElement, trackId?: number | null): void;
  /** `element`'s sound is gone: its nodes leave the mix (they come back if it is adopted again). */
  release(element: HTMLMediaElement): void;
  /** The master volume (0–1), ramped. */
  setVolume(volume: number): void;
  /**
   * The normalization gain of `trackId`'s sounds (dB), reached by a linear ramp over `rampSeconds`; sounds
   * adopted without a track take it too, unless fading out.
   */
  setTrackGain(trackId: number | null, db: number, rampSeconds: number): void;
  /** Starts a new measurement of the track (readings carry `generation` from then on). */
  resetMeasure(generation: number): void;
  /** The equalizer after the mix: in the path (ramped) or bypassed, as `settings` say. */
  setEqualizer(settings: EqualizerSettings): void;
  /** Moves the sound to the output `deviceId` ('' = the system default) without restarting it. */
  setOutputDevice(deviceId: string): Promise<SinkResult>;
  /**
   * Ramps `element`'s fade gain from `from` (null: where it is) to `to` (0–1) over `seconds` along `curve`;
   * an element the graph does not process has its own volume ramped instead.
   */
  fade(element: HTMLMediaElement, from: number | null, to: number, seconds: number, curve?: FadeCurve): void;
}

/** What a sound factory tells the graph of its elements. */
export type MediaRouting = Pick<AudioGraph, 'adopt' | 'release'>;

/** The time constant of a change that must only not click (volume, mute). */
const SMOOTH_SECONDS = 0.02;
/** How long past its path's delay a released element's last sound is given to play out. */
const TAIL_MARGIN_MS = 50;
/** The shortest ramp of the normalization gain: a jump in a few ms would click. */
const MIN_RAMP_SECONDS = 0.02;
/** The tracks whose last gain is kept for a sound of theirs made later (a replay, a recovery, a prepared next). */
const GAINS_KEPT = 16;
interface Core {
  context: AudioContext;
  tap: GainNode;
  mix: GainNode;
  master: GainNode;
  limiter: Limiter;
  meters: Meters;
  equalizer: Equalizer;
}

export function createAudioGraph(options: AudioGraphOptions): AudioGraph {
  const { createContext, onReading, onStatus } = options;
  const pageOrigin = options.pageOrigin ?? globalThis.location?.origin ?? '';

  let core: Core | null | undefined;
  const channels = new WeakMap<HTMLMediaElement, Channel>();
  // Each adoption's listeners, taken off at its release: a pooled element lent again is listened to afresh.
  const adoptions = new WeakMap<HTMLMediaElement, AbortController>();
  // The elements whose sound is alive: a late event of a released one (its media still loading) is ignored.
  const held = new WeakSet<HTMLMediaElement>();
  const unprocessed = new Set<HTMLMediaElement>();
  // The channels in the mix now (the WeakMap cannot be walked; released ones leave this set).
  const live = new Set<Channel>();
  let volume = 1;
  let trackGain = 1;
  // Each element's track, as its sound said when adopted, and the gain last asked for each recent track.
  const trackOf = new WeakMap<HTMLMediaElement, number | null>();
  const gains = new LRUCache<number, number>({ max: GAINS_KEPT });
  let equalizerSettings = DEFAULT_EQUALIZER;
  let sinkId = '';
  // The fades of elements played around the graph (their volume is the master's times their level).
  const volumeFades = createVolumeFades(() => volume);
  let generation = 0;

  /** The graph's shared part, made on first need; null where Web Audio is missing. */
  function ensureCore(): Core | null {
    if (core !== undefined) return core;
    const context = createContext();
    if (context === null) {
      core = null;
      return core;
    }
    const tap = context.createGain();
    const mix = context.createGain();
    const master = context.createGain();
    master.gain.value = volume;
    const limiter = createLimiter(context);
    // The equalizer owns the link from the mix to the master (direct while it is off).
    const equalizer = createEqualizer(context, mix, master);
    equalizer.apply(equalizerSettings);
    master.connect(limiter.input);
    limiter.output.connect(context.destination);
    core = { context, tap, mix, master, limiter, meters: {}, equalizer };
    if (sinkId !== '') void moveSink([context], sinkId);
    startMeters(context, { track: tap, output: limiter.output }, core.meters, {
      clock: options.meterClock,
      onReading,
      generation: () => generation,
    });
    return core;
  }

  const status = (value: ProcessingStatus): void => onStatus?.(value);

  function leaveUnprocessed(element: HTMLMediaElement, why: ProcessingStatus): void {
    unprocessed.add(element);
    if (sinkId !== '') void moveSink([element], sinkId);
    element.volume = volume * volumeFades.level(element);
    status(why);
  }

  function connect(element: HTMLMediaElement, channel: Channel, context: AudioContext): void {
    if (channel.connected) return;
    // Back before the last sound's delayed end was heard: the new sound starts undelayed.
    if (channel.delaySeconds > 0) setPathDelay(channel, 0);
    channel.track = trackOf.get(element) ?? null;
    // A track's sound starts at its track's gain; a track not yet given one, at 0 dB until it is.
    const gain = channel.track === null ? trackGain : (gains.get(channel.track) ?? 1);
    // An element back in the mix takes the fade level it has now (full, for a new sound: see sound-fader.ts).
    // Both from now on: a pooled element lent again may still have its last sound's ramps ahead on them (an
    // approach takes seconds), which would carry the new sound to the last one's gain.
    for (const [param, value] of [
      [channel.normalization.gain, gain],
      [channel.fade.gain, volumeFades.level(element)],
    ] as const) {
      param.cancelScheduledValues(context.currentTime);
      param.setValueAtTime(value, context.currentTime);
    }
    channel.fade.connect(core!.mix);
    channel.connected = true;
    channel.leaving = false;
    measure(channel);
    live.add(channel);
    element.volume = 1;
  }

  /** Puts `channel` on the track's tap while it is in the mix and not fading out, and takes it off otherwise. */
  function measure(channel: Channel): void {
    const wanted = channel.connected && !channel.leaving;
    if (wanted === channel.measured) return;
    if (wanted) channel.source.connect(core!.tap);
    else channel.source.disconnect(core!.tap);
    channel.measured = wanted;
  }

  /** Routes `element` once its media has loaded: through the graph when readable, else around it. */
  function route(element: HTMLMediaElement): void {
    if (!held.has(element) || element.readyState < 1) return;
    const existing = channels.get(element);
    if (existing !== undefined) {
      connect(element, existing, existing.source.context as AudioContext);
      status('on');
      return;
    }
    if (!readable(element, pageOrigin)) {
      leaveUnprocessed(element, 'unreadable');
      return;
    }
    const graph = ensureCore();
    if (graph === null) {
      leaveUnprocessed(element, 'unsupported');
      return;
    }
    unprocessed.delete(element);
    const { context } = graph;
    // An element can feed one MediaElementSource in its life: its channel is made once and kept with it.
    const channel = createChannel(context, element);
    channels.set(element, channel);
    connect(element, channel, context);
    status('on');
  }

  return {
    adopt(element, trackId) {
      held.add(element);
      if (trackId !== undefined) trackOf.set(element, trackId);
      channelsOf.set(element, channels);
      if (adoptions.has(element)) {
        route(element);
        return;
      }
      const adoption = new AbortController();
      adoptions.set(element, adoption);
      const { signal } = adoption;
      element.addEventListener('loadedmetadata', () => route(element), { signal });
      // A context made without a user gesture starts suspended; playing is the moment to start it.
      element.addEventListener(
        'play',
        () => {
          if (core?.context.state === 'suspended') void core.context.resume();
        },
        { signal },
      );
      route(element);
    },
    release(element) {
      held.delete(element);
      adoptions.get(element)?.abort();
      adoptions.delete(element);
      unprocessed.delete(element);
      const channel = channels.get(element);
      if (channel === undefined || !channel.connected) return;
      channel.connected = false;
      measure(channel);
      live.delete(channel);
      // What its path's delay holds is still to be heard (its track's last moments): it leaves the mix, and
      // its delay goes (silent then), once that has played, unless the element came back in meanwhile.
      const leave = (): void => {
        if (channel.connected) return;
        channel.fade.disconnect();
        setPathDelay(channel, 0);
      };
      if (channel.delaySeconds > 0) setTimeout(leave, channel.delaySeconds * 1000 + TAIL_MARGIN_MS);
      else leave();
    },
    setVolume(next) {
      volume = Math.min(1, Math.max(0, next));
      for (const element of unprocessed) element.volume = volume * volumeFades.level(element);
      if (core) core.master.gain.setTargetAtTime(volume, core.context.currentTime, SMOOTH_SECONDS);
    },
    setTrackGain(trackId, db, rampSeconds) {
      trackGain = 10 ** (db / 20);
      if (trackId !== null) gains.set(trackId, trackGain);
      if (!core) return;
      const now = core.context.currentTime;
      const end = now + Math.max(MIN_RAMP_SECONDS, rampSeconds);
      for (const { normalization, leaving, track } of live) {
        if (track === null ? leaving : track !== trackId) continue;
        const param = normalization.gain;
        // From where it is now, so a ramp that interrupts another goes on without a step.
        param.cancelScheduledValues(now);
        param.setValueAtTime(param.value, now);
        param.linearRampToValueAtTime(trackGain, end);
      }
    },
    resetMeasure(next) {
      generation = next;
      core?.meters.reset?.(generation);
    },
    setEqualizer(settings) {
      equalizerSettings = settings;
      core?.equalizer.apply(settings);
    },
    setOutputDevice(deviceId) {
      sinkId = deviceId;
      return moveSink([...(core ? [core.context] : []), ...unprocessed], deviceId);
    },
    fade(element, from, to, seconds, curve = 'equal-power') {
      const channel = channels.get(element);
      if (channel?.connected === true) {
        channel.leaving = to === 0;
        measure(channel);
        fadeGain(channel.fade.gain, channel.source.context.currentTime, from, to, seconds, curve);
      } else volumeFades.fade(element, from, to, seconds, curve);
    },
  };
}
