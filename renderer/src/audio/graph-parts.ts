// The sound graph's pieces that hold none of its state: whether the page may read an element's media, the
// peak limiter, and the meters on both taps (the track's before any gain, the output after the limiter).
import { LIMIT_ATTACK_SECONDS, LIMIT_DBFS, LIMIT_RATIO, LIMIT_RELEASE_SECONDS, makeupGainDb } from './limit';
import { createMeterCore, METER_TAPS, type MeterReading, type MeterTap } from './meter-core';
import { createTapReader, TAP_CHANNELS } from './meter-tap';

export type { MeterTap } from './meter-core';

/** How often the meters report (seconds of audio). */
const REPORT_SECONDS = 0.1;

/** Whether `element`'s media may be read by the page (else a MediaElementSource gives silence). */
export function readable(element: HTMLMediaElement, pageOrigin: string): boolean {
  // An element loading in CORS mode only gets its media when the server allowed it.
  if (element.crossOrigin !== null) return true;
  const src = element.currentSrc || element.src;
  if (src.startsWith('blob:') || src.startsWith('data:')) return true;
  try {
    return new URL(src).origin === pageOrigin;
  } catch {
    return false;
  }
}

/** The limiter: its compressor (the input) and the gain after it that takes its makeup gain back (the output). */
export interface Limiter {
  input: DynamicsCompressorNode;
  output: GainNode;
}

/**
 * A peak limiter: a hard, fast compressor just under full scale, then its makeup gain (+0.57 dB) taken back,
 * so that what stays under the threshold comes out at the level it went in. It acts on samples, not on
 * oversampled true peaks, so an inter-sample overshoot of a fraction of a dB can still pass.
 */
export function createLimiter(context: BaseAudioContext): Limiter {
  const compressor = context.createDynamicsCompressor();
  compressor.threshold.value = LIMIT_DBFS;
  compressor.knee.value = 0;
  compressor.ratio.value = LIMIT_RATIO;
  compressor.attack.value = LIMIT_ATTACK_SECONDS;
  compressor.release.value = LIMIT_RELEASE_SECONDS;
  const output = context.createGain();
  output.gain.value = 10 ** (-makeupGainDb(LIMIT_DBFS, LIMIT_RATIO) / 20);
  compressor.connect(output);
  return { input: compressor, output };
}

/** Runs `read` every `ms` milliseconds for as long as the page lives (the page's setInterval in the app). */
export type MeterClock = (read: () => void, ms: number) => void;

export interface MetersOptions {
  /** What reads the taps; without it nothing is measured. */
  clock: MeterClock | undefined;
  onReading: ((tap: MeterTap, reading: MeterReading) => void) | undefined;
  /** The measurement the track's tap starts in. */
  generation: () => number;
}

/** The meters, once started: `reset` starts the track's measurement over (the output's runs on). */
export interface Meters {
  reset?: (generation: number) => void;
}

/**
 * Measures both taps on the page: every REPORT_SECONDS, each tap's fresh samples go through its meter-core,
 * whose readings are passed on. (Read on the page, not in an AudioWorklet: see meter-tap.ts.)
 */
export function startMeters(
  context: AudioContext,
  taps: Record<MeterTap, AudioNode>,
  meters: Meters,
  options: MetersOptions,
): void {
  const { clock, onReading } = options;
  if (clock === undefined) return;
  const reportSeconds = REPORT_SECONDS;
  const measured = METER_TAPS.map((tap) => ({
    tap,
    reader: createTapReader(context, taps[tap]),
    core: createMeterCore({ sampleRate: context.sampleRate, channels: TAP_CHANNELS, reportSeconds }),
  }));
  const track = measured.find((m) => m.tap === 'track');
  // A reset waits for the next read, and what that read finds is dropped: it was rendered while the last
  // track could still be on the tap (it leaves as its fade starts, just after the change of track).
  let reset: number | null = options.generation();
  meters.reset = (generation) => {
    reset = generation;
  };
  clock(() => {
    if (reset !== null && track !== undefined) {
      track.reader.read();
      track.core.receive({ type: 'reset', generation: reset });
    }
    reset = null;
    for (const { tap, reader, core } of measured) {
      const reading = core.process(reader.read());
      if (reading !== null) onReading?.(tap, reading);
    }
  }, REPORT_SECONDS * 1000);
}
