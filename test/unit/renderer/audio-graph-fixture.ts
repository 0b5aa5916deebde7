// The audio graph's tests' one setup: a graph on fake AudioContexts (recorded as they are made, with their
// meter nodes, status and readings), media elements as howler and hls.js load them, and their loading.
import { vi } from 'vitest';
import { createAudioGraph, type AudioGraphOptions } from '../../../renderer/src/audio/graph';
import type { MeterReading } from '../../../renderer/src/audio/meter-core';
import { FakeAudioContext, FakeWorkletNode } from './fake-audio-context';

export const PAGE = 'http://app.test';
export const CDN = 'https://cf-media.sndcdn.com/abc.128.mp3';

export interface GraphFixtureOptions extends Partial<AudioGraphOptions> {
  /** Makes each context (a plain fake unless told otherwise). */
  make?: () => FakeAudioContext;
  /** Whether the graph gets the meter worklet (and its nodes). */
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
  const meters: FakeWorkletNode[] = [];
  const statuses: string[] = [];
  const readings: [string, MeterReading][] = [];
  const metering: Partial<AudioGraphOptions> = metered
    ? {
        meterModuleUrl: '/assets/meter-worklet.js',
        createMeterNode: (context) => {
          const node = new FakeWorkletNode('meter', context as unknown as FakeAudioContext);
          meters.push(node);
          return node as unknown as AudioWorkletNode;
        },
      }
    : {};
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
  return { graph, contexts, meters, statuses, readings, context, sourceOf };
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
