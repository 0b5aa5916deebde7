// The AudioWorklet processor behind the loudness measurement and the level meter: it runs meter-core on the
// audio thread, passes its input through unchanged, and posts readings to the page.
import { createMeterCore, METER_PROCESSOR, type MeterCore } from './meter-core';

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
  private readonly core: MeterCore;

  constructor(options: { processorOptions?: { reportSeconds?: number } }) {
    super();
    const reportSeconds = options.processorOptions?.reportSeconds ?? 0.1;
    this.core = createMeterCore({ sampleRate, channels: 2, reportSeconds });
    this.port.onmessage = (event: MessageEvent) => this.core.receive(event.data);
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const input = inputs[0] ?? [];
    const output = outputs[0] ?? [];
    for (let c = 0; c < output.length; c++) {
      const from = input[c];
      if (from !== undefined) output[c]?.set(from);
    }
    const reading = this.core.process(input);
    if (reading !== null) this.port.postMessage(reading);
    // Kept alive while the page holds the node, whether or not anything plays.
    return true;
  }
}

registerProcessor(METER_PROCESSOR, MeterProcessor);
