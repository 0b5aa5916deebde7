// What comes out, read two ways: the window's "Output level" meter as a listener would see it (its value, and
// its value once it holds still), and the test's own recorder at the limiter's output.
import type { Page } from 'playwright-core';

/** The meter's short-term loudness (LUFS). */
export async function meterLevel(page: Page): Promise<number> {
  return Number(await page.getByRole('meter', { name: 'Output level' }).getAttribute('aria-valuenow'));
}

/**
 * The meter's reading once it holds still: four readings half a second apart within 0.4 dB of each other,
 * above silence (and within 1 dB of `near`, when given); throws after `timeoutMs`.
 */
export async function settledLevel(page: Page, timeoutMs: number, near?: number): Promise<number> {
  const recent: number[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    recent.push(await meterLevel(page));
    if (recent.length > 4) recent.shift();
    const spread = Math.max(...recent) - Math.min(...recent);
    const last = recent.at(-1) ?? -Infinity;
    if (
      recent.length === 4 &&
      spread < 0.4 &&
      last > -60 &&
      (near === undefined || Math.abs(last - near) < 1)
    ) {
      return last;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`the output level did not settle: last readings ${recent.join(', ')}`);
}

/** A reading of what leaves the limiter: the power of its last 400 ms (dB, both channels), and when. */
export interface OutputReading {
  at: number;
  momentary: number;
}

/** The parts of the page's Web Audio the recorder uses (the Node type check has no DOM). */
interface PageAudioNode {
  readonly context: PageContext;
  connect(destination: unknown, output?: number, input?: number): unknown;
  channelCount: number;
  channelCountMode: string;
}
interface PageAnalyser extends PageAudioNode {
  fftSize: number;
  getFloatTimeDomainData(window: Float32Array): void;
}
interface PageContext {
  readonly destination: unknown;
  readonly sampleRate: number;
  createGain(): PageAudioNode;
  createChannelSplitter(outputs: number): PageAudioNode;
  createAnalyser(): PageAnalyser;
}
interface OutputLevelGlobals {
  AudioNode: { prototype: PageAudioNode };
  __outputLevel: OutputReading[];
}

/**
 * Runs in the page before the app: when the graph's last node (the limiter's) is connected to the output, hangs the test's
 * own analysers off it and records, every 100 ms, the power of the last 400 ms that left it. Unweighted: it
 * compares tones with each other, for which BS.1770's weighting changes little; and read at the output, not
 * from the app's meters.
 */
export function recordOutputLevel(): void {
  const page = globalThis as unknown as OutputLevelGlobals;
  const readings: OutputReading[] = [];
  Object.defineProperty(page, '__outputLevel', { value: readings });
  const connect = page.AudioNode.prototype.connect;
  page.AudioNode.prototype.connect = function (this: PageAudioNode, destination, ...rest) {
    const linked = connect.call(this, destination, ...rest);
    if (destination !== this.context.destination) return linked;
    const { context } = this;
    const upmix = context.createGain();
    upmix.channelCount = 2;
    upmix.channelCountMode = 'explicit';
    const splitter = context.createChannelSplitter(2);
    connect.call(this, upmix);
    connect.call(upmix, splitter);
    const analysers = [0, 1].map((channel) => {
      const analyser = context.createAnalyser();
      analyser.fftSize = 32_768;
      connect.call(splitter, analyser, channel);
      return analyser;
    });
    const window = new Float32Array(32_768);
    const frames = Math.round(0.4 * context.sampleRate);
    setInterval(() => {
      let sum = 0;
      for (const analyser of analysers) {
        analyser.getFloatTimeDomainData(window);
        for (let i = window.length - frames; i < window.length; i++) sum += (window[i] ?? 0) ** 2;
      }
      readings.push({ at: performance.now(), momentary: 10 * Math.log10(sum / frames) });
    }, 100);
    return linked;
  };
}

/** The readings `recordOutputLevel` has made so far. */
export async function outputReadings(page: Page): Promise<OutputReading[]> {
  return page.evaluate(() => [...(globalThis as unknown as OutputLevelGlobals).__outputLevel]);
}
