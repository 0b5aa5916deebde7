// The AudioWorklet processor behind the loudness measurement and the level meter: one node whose inputs are
// the taps (meter-core's METER_TAPS), each measured by its own meter-core, their readings posted to the page
// (the track's wrapped in a TrackPost, the output's bare).
import { createMeterCore, METER_PROCESSOR, METER_TAPS, type MeterCore, type TrackPost } from './meter-core';

// The worklet scope's globals (lib.dom describes the page's, not the audio thread's).
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(
  name: string,
  processor: new (options: { processorOptions?: { reportSeconds?: number } }) => AudioWorkletProcessor,
): void;

class MeterProcessor extends AudioWorkletProcessor {
  private readonly cores: MeterCore[];

  constructor(options: { processorOptions?: { reportSeconds?: number } }) {
    super();
    const reportSeconds = options.processorOptions?.reportSeconds ?? 0.1;
    this.cores = METER_TAPS.map(() => createMeterCore({ sampleRate, channels: 2, reportSeconds }));
    // Only the track's measurement starts over with a track; the output meter runs on.
    this.port.onmessage = (event: MessageEvent) => this.cores[0]?.receive(event.data);
  }

  process(inputs: Float32Array[][]): boolean {
    // The output stays silent: it only exists so the context pulls the node (it ends in a muted gain).
    for (let i = 0; i < METER_TAPS.length; i++) {
      const reading = this.cores[i]?.process(inputs[i] ?? []) ?? null;
      if (reading === null) continue;
      const track = METER_TAPS[i] === 'track';
      this.port.postMessage(track ? ({ type: 'track', reading } satisfies TrackPost) : reading);
    }
    // Kept alive while the page holds the node, whether or not anything plays.
    return true;
  }
}

registerProcessor(METER_PROCESSOR, MeterProcessor);
