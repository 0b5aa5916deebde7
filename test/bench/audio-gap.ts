// The gap between tracks with crossfade 0, read at the output of the audio graph: a tap after the limiter
// finds each stretch of silence between the queue's first sound and its last, in the audio clock.
import type { Browser } from 'playwright-core';
import type { StreamPreference } from '../../shared/ipc';
import {
  mediaEvents,
  openApp,
  permalinks,
  addAndWait,
  setSettings,
  withApp,
  type MediaEvent,
} from '../e2e/harness';
import type { Figure } from './figures';

/** Below what a listener notices (as the playback suite's element-timed gap). */
const GAP_BOUND_MS = 50;
/** Bulk Uploads 1–6: 5–10 s tones each, 5 changes of track. */
const TRACKS = 6;
const LATENCY_MS = 40;
/**
 * A silence starting this close to an element's 'ended' is the change of track's (the two clocks agree to a
 * few tens of ms: output latency, event dispatch); others are underruns within a track, stalls of a loaded
 * machine that the playback suite's soak counts.
 */
const CHANGE_WINDOW_MS = 1_000;

/** What the tap records, in the audio context's seconds. */
interface OutputLog {
  /** Silences after the first sound, each ended by a sound (the last one, after the queue, is not here). */
  /** `at`: the silence's start on the page's clock (performance.now()), as the elements' events are. */
  silences: { start: number; end: number; at: number }[];
  firstSound: number | null;
  lastSound: number | null;
}

/** The parts of the page's Web Audio the tap uses; declared here because the Node type check has no DOM. */
interface TapBuffer {
  sampleRate: number;
  length: number;
  numberOfChannels: number;
  getChannelData(channel: number): Float32Array;
}
interface TapNode {
  context: TapContext;
  onaudioprocess?: (event: { inputBuffer: TapBuffer; playbackTime: number }) => void;
  gain?: { value: number };
}
interface TapContext {
  destination: object;
  getOutputTimestamp(): { contextTime?: number; performanceTime?: number };
  createScriptProcessor(size: number, inputs: number, outputs: number): TapNode;
  createGain(): TapNode;
}
interface TapGlobals {
  AudioNode: { prototype: { connect(this: TapNode, ...args: unknown[]): unknown } };
  __outputTap: OutputLog;
}

/**
 * Runs in the page before the app: when the graph's last node (the limiter's) is connected to the output, hangs a script
 * processor off it that checks every 128 frames (2.9 ms at 44.1 kHz) for sound above −60 dBFS (the simulator's
 * tones never fall below −41 dBFS, before any gain) and notes the silences between sounds.
 */
function tapOutput(): void {
  const WINDOW = 128;
  const THRESHOLD = 0.001;
  const page = globalThis as unknown as TapGlobals;
  const log: OutputLog = { silences: [], firstSound: null, lastSound: null };
  Object.defineProperty(page, '__outputTap', { value: log });
  const connect = page.AudioNode.prototype.connect;
  let tapped = false;
  page.AudioNode.prototype.connect = function (this: TapNode, ...args: unknown[]) {
    const result = connect.apply(this, args);
    if (tapped || args[0] !== this.context.destination) {
      return result;
    }
    tapped = true;
    const context = this.context;
    const processor = context.createScriptProcessor(2048, 2, 1);
    // A script processor runs only while connected onward: into a muted gain, so it adds nothing.
    const mute = context.createGain();
    mute.gain!.value = 0;
    connect.call(this, processor);
    connect.call(processor, mute);
    connect.call(mute, context.destination);
    let silentSince: number | null = null;
    processor.onaudioprocess = ({ inputBuffer: input, playbackTime }) => {
      const channels = Array.from({ length: input.numberOfChannels }, (_, c) => input.getChannelData(c));
      for (let from = 0; from < input.length; from += WINDOW) {
        let peak = 0;
        for (const data of channels) {
          const to = Math.min(from + WINDOW, input.length);
          for (let i = from; i < to; i++) peak = Math.max(peak, Math.abs(data[i]!));
        }
        const at = playbackTime + from / input.sampleRate;
        if (peak > THRESHOLD) {
          if (silentSince !== null && log.lastSound !== null) {
            // The audio clock against the page's, for telling silences at a change of track from others.
            const stamp = context.getOutputTimestamp();
            const offset = (stamp.performanceTime ?? 0) - (stamp.contextTime ?? 0) * 1000;
            log.silences.push({ start: silentSince, end: at, at: offset + silentSince * 1000 });
          }
          silentSince = null;
          log.firstSound ??= at;
          log.lastSound = at + WINDOW / input.sampleRate;
        } else silentSince ??= at;
      }
    };
    return result;
  };
}

/** From each stream's 'ended' to the next stream's first 'playing' (negative: it started before), in ms. */
export function elementGaps(events: readonly MediaEvent[]): number[] {
  const order: string[] = [];
  for (const e of events) if (e.type === 'playing' && !order.includes(e.src)) order.push(e.src);
  return order.slice(1).flatMap((src, i) => {
    const ended = events.find((e) => e.type === 'ended' && e.src === order[i]);
    const playing = events.find((e) => e.type === 'playing' && e.src === src);
    return ended === undefined || playing === undefined ? [] : [playing.at - ended.at];
  });
}

const ms = (seconds: number): string => String(Math.round(seconds * 1000));

/** Plays the bulk tracks through with crossfade 0 and returns the longest silence between sounds. */
export async function audioTrackGap(browser: Browser, preference: StreamPreference): Promise<Figure> {
  const figure = {
    name: `audio-track-gap-${preference}`,
    unit: 'ms',
    bound: GAP_BOUND_MS,
    kind: 'max',
  } as const;
  let log: OutputLog | undefined;
  let events: MediaEvent[] = [];
  const options = { latencyMs: LATENCY_MS, extraTracks: TRACKS, initScripts: [tapOutput] };
  await withApp(openApp(browser, options), async ({ page, simulator }) => {
    const titles = Array.from({ length: TRACKS }, (_, i) => `Bulk Upload ${i + 1}`);
    await setSettings(page, { crossfadeSeconds: 0, streamPreference: preference });
    await addAndWait(page, await permalinks(simulator, titles));
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    // The queue has played through when the transport shows Play again.
    await page
      .getByRole('button', { name: 'Play', exact: true })
      .waitFor({ timeout: TRACKS * 10_000 + 30_000 });
    log = await page.evaluate(() => (globalThis as unknown as TapGlobals).__outputTap);
    events = await mediaEvents(page);
  });
  const streams = new Set(events.filter((e) => e.type === 'playing').map((e) => e.src)).size;
  const ends = events.filter((e) => e.type === 'ended');
  const silences = log?.silences ?? [];
  const atChange = silences.filter((s) => ends.some((e) => Math.abs(s.at - e.at) <= CHANGE_WINDOW_MS));
  const within = silences.filter((s) => !atChange.includes(s));
  const worst = Math.max(0, ...atChange.map((s) => s.end - s.start));
  const list = (some: OutputLog['silences']): string =>
    some.map((s) => `${ms(s.end - s.start)} at +${ms(s.start - log!.firstSound!)}`).join(', ') || 'none';
  const heard = log?.firstSound != null && log.lastSound != null ? log.lastSound - log.firstSound : 0;
  const complete = streams === TRACKS && heard > 0;
  return {
    ...figure,
    value: complete ? Math.round(worst * 1000) : Number.POSITIVE_INFINITY,
    note:
      `${TRACKS} tracks (${preference === 'mp3' ? 'progressive MP3' : 'AAC HLS'}) played through the graph, read at ` +
      `its output: ${ms(heard)} ms from the first sound to the last; silences of 3 ms (128 frames) or more ` +
      `at the ${ends.length - 1} changes of track: ${list(atChange)}; within tracks (underruns): ${list(within)}; ` +
      `by the elements' events, from one's 'ended' to the next one's 'playing' (negative: before): ` +
      `${elementGaps(events)
        .map((g) => Math.round(g))
        .join(', ')}` +
      (complete ? '' : `; FAILED: ${streams} of ${TRACKS} streams played`),
  };
}
