// The level meter's work and its message protocol, apart from the AudioWorklet that hosts it so tests can
// drive it with plain arrays: BS.1770 loudness and sample peak of what it is fed, reported a few times a second.
import { createLoudnessMeter } from './loudness';

/** The name the worklet registers its processor under, and the page creates its nodes with. */
export const METER_PROCESSOR = 'cloudcue-meter';

/** What the page tells a meter: start a new measurement (a new track), numbered so stale readings can be told. */
export interface MeterReset {
  type: 'reset';
  generation: number;
}

/** What a meter reports, every `reportSeconds` of audio. Levels in LUFS and dBFS; −Infinity for silence. */
export interface MeterReading {
  type: 'reading';
  /** The reset this measurement started at (0 before any). */
  generation: number;
  momentary: number;
  shortTerm: number;
  integrated: number;
  /** Seconds of audio measured since the reset. */
  seconds: number;
  /** The highest sample since the last reading. */
  peakDb: number;
  /** The highest sample since the reset (a lower bound of the true peak). */
  maxPeakDb: number;
}

export interface MeterOptions {
  sampleRate: number;
  /** Channels measured (the node mixes its input to this many). */
  channels: number;
  reportSeconds: number;
}

export interface MeterCore {
  /** Feeds one render quantum (planar channels; none when nothing is connected); a reading when one is due. */
  process(channels: readonly Float32Array[]): MeterReading | null;
  /** Handles a message from the page; anything but a reset is ignored. */
  receive(message: unknown): void;
}

const toDb = (amplitude: number): number => (amplitude > 0 ? 20 * Math.log10(amplitude) : -Infinity);

/** Whether `message` is a meter's reading (the page checks what the audio thread posts). */
export function isMeterReading(message: unknown): message is MeterReading {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Partial<MeterReading>;
  return m.type === 'reading' && typeof m.generation === 'number' && typeof m.shortTerm === 'number';
}

export function createMeterCore({ sampleRate, channels, reportSeconds }: MeterOptions): MeterCore {
  const meter = createLoudnessMeter(sampleRate, channels);
  const reportFrames = Math.max(1, Math.round(sampleRate * reportSeconds));
  let generation = 0;
  let frames = 0;
  let peak = 0;
  let maxPeak = 0;

  return {
    process(input) {
      const length = input[0]?.length ?? 0;
      if (length === 0) return null;
      meter.push(input);
      for (const channel of input) {
        for (let i = 0; i < channel.length; i++) {
          const value = Math.abs(channel[i]!);
          if (value > peak) peak = value;
        }
      }
      if (peak > maxPeak) maxPeak = peak;
      frames += length;
      if (frames < reportFrames) return null;
      // The remainder carries over, so readings keep to the interval whatever the quantum.
      frames -= reportFrames;
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
    },
  };
}
