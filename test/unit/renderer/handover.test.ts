// @vitest-environment jsdom
// The gapless change of track on the audio clock: the incoming element's level is held at 0 from now and the
// two levels cross in 5 ms centred on the outgoing element's end (its media time left, at its rate, on the
// graph's clock); nothing is planned for an element outside the graph, a paused one, an unknown or past end,
// or an incoming element that cannot start at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handOverElements, SWITCH_SECONDS } from '../../../renderer/src/player/handover';
import { graphFixture, loaded, mediaElement } from './audio-graph-fixture';
import type { Automation, FakeAudioContext, FakeGain } from './fake-audio-context';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Gives `audio` the playback state a test needs (jsdom's elements have none of their own). */
function state(audio: HTMLMediaElement, values: Partial<Record<string, number | boolean>>): void {
  for (const [key, value] of Object.entries(values)) {
    Object.defineProperty(audio, key, { configurable: true, value });
  }
}

interface Pair {
  context: FakeAudioContext;
  outgoing: HTMLAudioElement;
  incoming: HTMLAudioElement;
  /** Each element's fade gain (the gain after its normalization gain). */
  fadeOf: (audio: HTMLMediaElement) => FakeGain;
}

/** Two elements in one graph: `outgoing` playing at 3.0 s of 5.0 s, `incoming` loaded and paused. */
function pair(cors = true): Pair {
  const fixture = graphFixture();
  const outgoing = mediaElement(undefined, cors);
  const incoming = mediaElement(undefined, cors);
  for (const audio of [outgoing, incoming]) {
    fixture.graph.adopt(audio);
    loaded(audio);
  }
  state(outgoing, { paused: false, duration: 5, currentTime: 3, playbackRate: 1 });
  state(incoming, { paused: true, duration: 7, currentTime: 0, readyState: 4, seeking: false });
  const fadeOf = (audio: HTMLMediaElement): FakeGain => {
    const source = fixture.sourceOf(audio);
    const normalization = [...(source?.outputs ?? [])][0];
    const fade = [...(normalization?.outputs ?? [])][0];
    if (fade === undefined) throw new Error('element not in the graph');
    return fade as FakeGain;
  };
  return { context: cors ? fixture.context() : (null as never), outgoing, incoming, fadeOf };
}

/** The automation planned after `since` (what the handover added). */
const planned = (gain: FakeGain, since: number): Automation[] => gain.gain.automation.slice(since);

describe('handing the sound over at the outgoing element’s end', () => {
  it('holds the incoming level at 0 from now and crosses the levels in 5 ms centred on the end', () => {
    const { context, outgoing, incoming, fadeOf } = pair();
    context.currentTime = 10;
    const [before, after] = [
      fadeOf(outgoing).gain.automation.length,
      fadeOf(incoming).gain.automation.length,
    ];
    expect(handOverElements(outgoing, incoming)).toBe(true);
    const half = SWITCH_SECONDS / 2;
    // 2 s of media left at 1×: the end is at 12 s on the graph's clock.
    expect(planned(fadeOf(incoming), after)).toEqual([
      { kind: 'cancel', at: 10 },
      { kind: 'set', value: 0, at: 10 },
      { kind: 'set', value: 0, at: 12 - half },
      { kind: 'ramp', value: 1, at: 12 + half },
    ]);
    expect(planned(fadeOf(outgoing), before)).toEqual([
      { kind: 'cancel', at: 10 },
      { kind: 'set', value: 1, at: 10 },
      { kind: 'set', value: 1, at: 12 - half },
      { kind: 'ramp', value: 0, at: 12 + half },
    ]);
  });

  it('counts the time left at the outgoing element’s rate (2 s of media at 2× end in 1 s)', () => {
    const { context, outgoing, incoming, fadeOf } = pair();
    context.currentTime = 4;
    state(outgoing, { playbackRate: 2 });
    expect(handOverElements(outgoing, incoming)).toBe(true);
    expect(fadeOf(incoming).gain.automation.at(-1)).toEqual({
      kind: 'ramp',
      value: 1,
      at: 5 + SWITCH_SECONDS / 2,
    });
  });

  it('plans nothing when the outgoing element is paused, its end unknown or past', () => {
    for (const change of [{ paused: true }, { duration: Number.NaN }, { currentTime: 5 }]) {
      const { outgoing, incoming, fadeOf } = pair();
      state(outgoing, change);
      const before = fadeOf(incoming).gain.automation.length;
      expect(handOverElements(outgoing, incoming), JSON.stringify(change)).toBe(false);
      expect(fadeOf(incoming).gain.automation).toHaveLength(before);
    }
  });

  it('plans nothing when the incoming element cannot start at once (no data yet, or seeking)', () => {
    for (const change of [{ readyState: 2 }, { seeking: true }]) {
      const { outgoing, incoming } = pair();
      state(incoming, change);
      expect(handOverElements(outgoing, incoming), JSON.stringify(change)).toBe(false);
    }
  });

  it('plans nothing for elements the graph does not process (media it may not read)', () => {
    const { outgoing, incoming } = pair(false);
    expect(handOverElements(outgoing, incoming)).toBe(false);
  });

  it('plans nothing once the outgoing element’s sound is gone from the graph', () => {
    const fixture = graphFixture();
    const [outgoing, incoming] = [mediaElement(), mediaElement()];
    for (const audio of [outgoing, incoming]) {
      fixture.graph.adopt(audio);
      loaded(audio);
    }
    state(outgoing, { paused: false, duration: 5, currentTime: 3, playbackRate: 1 });
    state(incoming, { paused: true, readyState: 4, seeking: false });
    fixture.graph.release(outgoing);
    expect(handOverElements(outgoing, incoming)).toBe(false);
  });
});
