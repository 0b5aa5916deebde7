// A meter's work, apart from the graph that feeds it so tests can drive it with plain arrays: BS.1770 loudness
// and sample peak of what it is fed, reported a few times a second, and its resets.
import { createLoudnessMeter } from './loudness';

/**
 * The taps measured: the track (before any gain, what normalization reads) and the output (after the limiter,
 * the level meter).
 */
export const METER_TAPS = ['track', 'output'] as const;
export type MeterTap = (typeof METER_TAPS)[number];

/** What the page tells a meter: start a new measurement (a new track), numbered so stale readings can be told. */
export interface MeterReset {
  type: 'reset';
  generation: number;
}

/**
 * What a meter reports, every `reportSeconds` of audio fed (once for a longer stretch fed at once). Levels in
 * LUFS and dBFS; −Infinity for silence.
 */
export interface MeterReading {
  type: 'reading';
  /** The reset this measurement started at (0 before any). */
  generation: number;
  momentary: number;
  shortTerm: number;
  integrated: number;
  /** The absolute-gated mean of 100 ms sub-blocks (loudness.ts): what a measurement of a few seconds says. */
  mean: number;
  /** Seconds of audio measured since the reset's first sound. */
  seconds: number;
  /** The highest sample since the last reading. */
  peakDb: number;
  /** The highest sample since the reset (a lower bound of the true peak). */
  maxPeakDb: number;
}

export interface MeterOptions {
  sampleRate: number;
  /** Channels measured (the tap up-mixes what it reads to this many). */
  channels: number;
  reportSeconds: number;
}

export interface MeterCore {
  /** Feeds samples (planar channels, equal lengths; none when nothing is new); a reading when one is due. */
  process(channels: readonly Float32Array[]): MeterReading | null;
  /** Handles a message from the page; anything but a reset is ignored. */
  receive(message: unknown): void;
}

const toDb = (amplitude: number): number => (amplitude > 0 ? 20 * Math.log10(amplitude) : -Infinity);

/** A sample above this (−70 dBFS) is sound: a measurement starts at the first one after its reset. */
const SOUND_AMPLITUDE = 10 ** (-70 / 20);

/** The index of the first frame of `channels` that holds sound (their length when none does). */
function firstSound(channels: readonly Float32Array[]): number {
  let first = channels[0]?.length ?? 0;
  for (const channel of channels) {
    for (let i = 0; i < first; i++) {
      if (Math.abs(channel[i]!) > SOUND_AMPLITUDE) {
        first = i;
        break;
      }
    }
  }
  return first;
}

export function createMeterCore({ sampleRate, channels, reportSeconds }: MeterOptions): MeterCore {
  const meter = createLoudnessMeter(sampleRate, channels);
  const reportFrames = Math.max(1, Math.round(sampleRate * reportSeconds));
  let generation = 0;
  let frames = 0;
  let peak = 0;
  let maxPeak = 0;
  // Until the first sound after a reset, nothing is measured: a track's measurement then spans exactly its sound
  // (no 400 ms block half silence, half track), so two tracks are judged over the same stretch of themselves.
  let waiting = true;

  return {
    process(input) {
      const length = input[0]?.length ?? 0;
      if (length === 0) return null;
      const start = waiting ? firstSound(input) : 0;
      if (start === length) {
        // Still silence: its readings keep their pace.
        frames += length;
      } else {
        // From the first sound on, readings fall as its 100 ms sub-blocks close.
        if (waiting) frames = 0;
        waiting = false;
        const sound = start === 0 ? input : input.map((channel) => channel.subarray(start));
        meter.push(sound);
        for (const channel of sound) {
          for (let i = 0; i < channel.length; i++) {
            const value = Math.abs(channel[i]!);
            if (value > peak) peak = value;
          }
        }
        if (peak > maxPeak) maxPeak = peak;
        frames += length - start;
      }
      if (frames < reportFrames) return null;
      // What is over carries to the next reading, so they keep to the interval whatever the quantum; a long
      // stretch fed at once (a page that read late) gives one reading, not a backlog of them.
      frames %= reportFrames;
      const reading = meter.read();
      const peakDb = toDb(peak);
      peak = 0;
      return { type: 'reading', generation, ...reading, peakDb, maxPeakDb: toDb(maxPeak) };
    },
    receive(message) {
      const reset = message as Partial<MeterReset> | null;
      if (reset?.type !== 'reset' || typeof reset.generation !== 'number') return;
      generation = reset.generation;
      meter.reset();
      frames = 0;
      peak = 0;
      maxPeak = 0;
      waiting = true;
    },
  };
}
