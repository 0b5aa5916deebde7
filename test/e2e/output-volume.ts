// The volume the listener gets from the playing element: its own volume, times the sound graph's master
// gain when it plays through the graph (HLS streams do; an MP3 download the page may not read plays around
// it, at the player's volume on the element). Read from what the page's Web Audio calls show, not the app's state.
import type { Page } from 'playwright-core';
import type { RecorderGlobals } from './harness';

/** The parts of Web Audio the recorder wraps and reads; declared here because the Node type check has no DOM. */
interface PageGain {
  gain: { value: number };
}
interface GraphRecord {
  /** Elements given a MediaElementSource: they play through the graph. */
  sourced: WeakSet<object>;
  /** The gain that feeds the peak limiter: the graph's master volume. */
  master: PageGain | null;
}
interface GraphGlobals {
  AudioNode: { prototype: { connect: (this: object, ...args: unknown[]) => unknown } };
  AudioContext: { prototype: { createMediaElementSource: (this: object, element: object) => unknown } };
  GainNode: abstract new () => PageGain;
  DynamicsCompressorNode: abstract new () => object;
  __cloudcueGraph: GraphRecord;
}

/**
 * Runs in the page before the app (an init script): notes each element given a source node, and the gain
 * connected to a compressor (the graph's one: its master feeds the limiter).
 */
export function recordSoundGraph(): void {
  const page = globalThis as unknown as GraphGlobals;
  const graph: GraphRecord = { sourced: new WeakSet(), master: null };
  const connect = page.AudioNode.prototype.connect;
  page.AudioNode.prototype.connect = function (this: object, ...args: unknown[]) {
    if (this instanceof page.GainNode && args[0] instanceof page.DynamicsCompressorNode) graph.master = this;
    return connect.apply(this, args);
  };
  const createSource = page.AudioContext.prototype.createMediaElementSource;
  page.AudioContext.prototype.createMediaElementSource = function (this: object, element: object) {
    graph.sourced.add(element);
    return createSource.call(this, element);
  };
  Object.defineProperty(page, '__cloudcueGraph', { value: graph });
}

/**
 * The output volume of the one stream that plays (null when none, or more than one, does): its element's
 * volume (0 when muted), times the master gain if it plays through the graph.
 */
export async function outputVolume(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const globals = globalThis as unknown as GraphGlobals & RecorderGlobals;
    const playing = globals.__cloudcueAudio.filter(
      (a) => !a.paused && (a.src.startsWith('http') || a.src.startsWith('blob:')),
    );
    const audio = playing.length === 1 ? playing[0] : undefined;
    if (audio === undefined) return null;
    const own = audio.muted ? 0 : audio.volume;
    const graph = globals.__cloudcueGraph;
    if (!graph.sourced.has(audio)) return own;
    if (graph.master === null)
      throw new Error('an element plays through the graph, but no master gain was seen');
    return own * graph.master.gain.value;
  });
}
