// The audio graph's tests' one setup: a graph on fake AudioContexts (recorded as they are made, with their
// status and readings, and the meters' taps read by hand), media elements as howler and hls.js load them, and
// their loading.
import { vi } from 'vitest';
import { createAudioGraph, type AudioGraphOptions } from '../../../renderer/src/audio/graph';
import type { MeterReading } from '../../../renderer/src/audio/meter-core';
import {
  FakeAudioContext,
  reaches,
  type FakeAnalyser,
  type FakeDelay,
  type FakeGain,
  type FakeNode,
} from './fake-audio-context';

export const PAGE = 'http://app.test';
export const CDN = 'https://cf-media.sndcdn.com/abc.128.mp3';

export interface GraphFixtureOptions extends Partial<AudioGraphOptions> {
  /** Makes each context (a plain fake unless told otherwise). */
  make?: () => FakeAudioContext;
  /** Whether the graph measures (its meters' taps then read by `readMeters`). */
  meters?: boolean;
}

/** A graph on fake contexts; call it in each test (jsdom's elements' `load` is quieted on the way). */
export function graphFixture({
  make = () => new FakeAudioContext(),
  meters: metered = false,
  ...options
}: GraphFixtureOptions = {}) {
  vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => undefined);
  const contexts: FakeAudioContext[] = [];
  const reads: (() => void)[] = [];
  const statuses: string[] = [];
  const readings: [string, MeterReading][] = [];
  const metering: Partial<AudioGraphOptions> = metered ? { meterClock: (read) => void reads.push(read) } : {};
  const graph = createAudioGraph({
    createContext: () => {
      const context = make();
      contexts.push(context);
      return context as unknown as AudioContext;
    },
    pageOrigin: PAGE,
    ...metering,
    onStatus: (status) => statuses.push(status),
    onReading: (tap, reading) => readings.push([tap, reading]),
    ...options,
  });
  /** The context the graph made (the first). */
  const context = (): FakeAudioContext => {
    const made = contexts[0];
    if (made === undefined) throw new Error('no context made');
    return made;
  };
  const sourceOf = (audio: HTMLMediaElement) => context().sources.find((s) => s.element === audio);
  /** The meters read their taps, as the page's clock has them do every 100 ms. */
  const readMeters = (): void => reads.forEach((read) => read());
  /** The analysers reading each tap: the output's are those after the limiter, the track's the others. */
  const meterTaps = (): { track: FakeAnalyser[]; output: FakeAnalyser[] } => {
    const limiter = context().compressors[0];
    const output = context().analysers.filter((a) => limiter !== undefined && reaches(limiter, a));
    return { track: context().analysers.filter((a) => !output.includes(a)), output };
  };
  return { graph, contexts, statuses, readings, context, sourceOf, readMeters, meterTaps };
}

/** An element's path from its source: its delay, its normalization gain, its fade gain (renderer's channel.ts). */
export function pathOf(source: FakeNode): { delay: FakeDelay; normalization: FakeGain; fade: FakeGain } {
  const delay = [...source.outputs].find((node) => node.kind === 'delay') as FakeDelay | undefined;
  const [normalization] = [...(delay?.outputs ?? [])];
  const [fade] = [...(normalization?.outputs ?? [])];
  if (delay === undefined || fade === undefined) throw new Error('no path from this source');
  return { delay, normalization: normalization as FakeGain, fade: fade as FakeGain };
}

/** An element of a sound loading `src` (in CORS mode unless told otherwise). */
export function mediaElement(src = CDN, cors = true): HTMLAudioElement {
  const audio = new Audio();
  if (cors) audio.crossOrigin = 'anonymous';
  audio.src = src;
  return audio;
}

/** `audio`'s media has loaded (as far as its metadata). */
export function loaded(audio: HTMLMediaElement): void {
  Object.defineProperty(audio, 'readyState', { configurable: true, value: 1 });
  audio.dispatchEvent(new Event('loadedmetadata'));
}

/** Gives `audio` a setSinkId (Chromium 110+) that records the devices it is told to play on. */
export function recordSinks(audio: HTMLMediaElement): string[] {
  const sinks: string[] = [];
  audio.setSinkId = (id: string) => {
    sinks.push(id);
    return Promise.resolve();
  };
  return sinks;
}
