// The sound graph's pieces that hold none of its state: whether the page may read an element's media, the
// peak limiter, and the two meters (the track's tap before any gain, the output after the limiter).
import { isMeterReading, METER_PROCESSOR, type MeterReading } from './meter-core';

export type MeterTap = 'track' | 'output';

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
  /** The measurement the track's meter starts in. */
  generation: () => number;
}

/** Loads the worklet and hangs a meter off each tap, kept in `meters` once it exists. */
export function startMeters(
  context: AudioContext,
  taps: Record<MeterTap, AudioNode>,
  meters: Partial<Record<MeterTap, AudioWorkletNode>>,
  options: MetersOptions,
): void {
  const { url, createMeterNode, onReading } = options;
  if (url === undefined) return;
  // Meters end in a muted gain so the context renders them whatever they are connected to.
  const sink = context.createGain();
  sink.gain.value = 0;
  sink.connect(context.destination);
  context.audioWorklet.addModule(url).then(
    () => {
      for (const tap of ['track', 'output'] as const) {
        const node = createMeterNode(context, {
          numberOfInputs: 1,
          numberOfOutputs: 1,
          outputChannelCount: [2],
          channelCount: 2,
          channelCountMode: 'explicit',
          processorOptions: { reportSeconds: REPORT_SECONDS },
        });
        node.port.onmessage = (event: MessageEvent) => {
          if (isMeterReading(event.data)) onReading?.(tap, event.data);
        };
        if (tap === 'track') node.port.postMessage({ type: 'reset', generation: options.generation() });
        taps[tap].connect(node);
        node.connect(sink);
        meters[tap] = node;
      }
    },
    (error: unknown) => console.warn('audio: the level meter cannot start', error),
  );
}
