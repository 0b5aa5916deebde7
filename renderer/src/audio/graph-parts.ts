// The sound graph's pieces that hold none of its state: whether the page may read an element's media, the
// peak limiter, and the meter node on both taps (the track's before any gain, the output after the limiter).
import { METER_PROCESSOR, METER_TAPS, tapReading, type MeterReading, type MeterTap } from './meter-core';

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

/**
 * A peak limiter: a hard, fast compressor just under full scale. It acts on samples, not on oversampled
 * true peaks, so an inter-sample overshoot of a fraction of a dB can still pass.
 */
export function createLimiter(context: AudioContext): DynamicsCompressorNode {
  const limiter = context.createDynamicsCompressor();
  limiter.threshold.value = -1;
  limiter.knee.value = 0;
  limiter.ratio.value = 20;
  limiter.attack.value = 0.001;
  limiter.release.value = 0.1;
  return limiter;
}

export const createWorkletMeter = (
  context: AudioContext,
  options: AudioWorkletNodeOptions,
): AudioWorkletNode => new AudioWorkletNode(context, METER_PROCESSOR, options);

export interface MetersOptions {
  /** The worklet's module; without it nothing is measured. */
  url: string | undefined;
  createMeterNode: (context: AudioContext, options: AudioWorkletNodeOptions) => AudioWorkletNode;
  onReading: ((tap: MeterTap, reading: MeterReading) => void) | undefined;
  /** The measurement the track's tap starts in. */
  generation: () => number;
}

/** The meter node, once the worklet has loaded: its port takes the track's resets. */
export interface Meters {
  node?: AudioWorkletNode;
}

/** Loads the worklet and hangs one meter node off both taps (input i ← METER_TAPS[i]), kept in `meters`. */
export function startMeters(
  context: AudioContext,
  taps: Record<MeterTap, AudioNode>,
  meters: Meters,
  options: MetersOptions,
): void {
  const { url, createMeterNode, onReading } = options;
  if (url === undefined) return;
  // The meter ends in a muted gain so the context renders it whatever its taps are connected to.
  const sink = context.createGain();
  sink.gain.value = 0;
  sink.connect(context.destination);
  context.audioWorklet.addModule(url).then(
    () => {
      const node = createMeterNode(context, {
        numberOfInputs: METER_TAPS.length,
        numberOfOutputs: 1,
        // A silent mono output: nothing downstream listens, it is only what makes the node pulled.
        outputChannelCount: [1],
        channelCount: 2,
        channelCountMode: 'explicit',
        processorOptions: { reportSeconds: REPORT_SECONDS },
      });
      node.port.onmessage = (event: MessageEvent) => {
        const tapped = tapReading(event.data);
        if (tapped !== null) onReading?.(...tapped);
      };
      node.port.postMessage({ type: 'reset', generation: options.generation() });
      METER_TAPS.forEach((tap, input) => taps[tap].connect(node, 0, input));
      node.connect(sink);
      meters.node = node;
    },
    (error: unknown) => console.warn('audio: the level meter cannot start', error),
  );
}
