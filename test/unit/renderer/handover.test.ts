// @vitest-environment jsdom
// The gapless change of track on the audio clock: the incoming element's level is held at 0 from now and the
// two levels cross in 5 ms centred on the outgoing element's end (its media time left, at its rate, on the
// graph's clock); nothing is planned for an element outside the graph, a paused one, an unknown or past end,
// or an incoming element that cannot start at once. The incoming path's delay holds its opening back to that
// end (nothing of it is lost), is set again from where the element really is once it moves, and goes when
// the handover is undone or the element released.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handOverElements, SWITCH_SECONDS, withdrawHandover } from '../../../renderer/src/player/handover';
import { graphFixture, loaded, mediaElement, pathOf } from './audio-graph-fixture';
import type { Automation, FakeAudioContext, FakeDelay, FakeGain } from './fake-audio-context';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** What plays the incoming element, where a test does not look at it. */
const noPlay = (): void => undefined;

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
  /** Each element's path delay (between its source and its gains). */
  delayOf: (audio: HTMLMediaElement) => FakeDelay;
  release: (audio: HTMLMediaElement) => void;
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
  const path = (audio: HTMLMediaElement) => {
    const source = fixture.sourceOf(audio);
    if (source === undefined) throw new Error('element not in the graph');
    return pathOf(source);
  };
  return {
    context: cors ? fixture.context() : (null as never),
    outgoing,
    incoming,
    fadeOf: (audio) => path(audio).fade,
    delayOf: (audio) => path(audio).delay,
    release: (audio) => fixture.graph.release(audio),
  };
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
    expect(handOverElements(outgoing, incoming, noPlay)).toBe(true);
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
    expect(handOverElements(outgoing, incoming, noPlay)).toBe(true);
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
      expect(handOverElements(outgoing, incoming, noPlay), JSON.stringify(change)).toBe(false);
      expect(fadeOf(incoming).gain.automation).toHaveLength(before);
    }
  });

  it('plans nothing when the incoming element cannot start at once (no data yet, or seeking)', () => {
    for (const change of [{ readyState: 2 }, { seeking: true }]) {
      const { outgoing, incoming } = pair();
      state(incoming, change);
      expect(handOverElements(outgoing, incoming, noPlay), JSON.stringify(change)).toBe(false);
    }
  });

  it('plans nothing for elements the graph does not process (media it may not read)', () => {
    const { outgoing, incoming } = pair(false);
    expect(handOverElements(outgoing, incoming, noPlay)).toBe(false);
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
    expect(handOverElements(outgoing, incoming, noPlay)).toBe(false);
  });
});

describe('the incoming path’s delay', () => {
  /** `pair()` with the outgoing element 0.2 s from its end and handed over at 10 s (its end heard at 10.2 s). */
  function handed(): Pair {
    const made = pair();
    state(made.outgoing, { currentTime: 4.8 });
    made.context.currentTime = 10;
    // Played at once (the outgoing path is not delayed).
    const play = (): void => state(made.incoming, { paused: false });
    expect(handOverElements(made.outgoing, made.incoming, play)).toBe(true);
    return made;
  }

  it('holds the incoming opening back to the outgoing end: its delay is the time from its start to that end', () => {
    const { outgoing, incoming, delayOf } = handed();
    // Started now (10 s), its position 0 comes out at the end (10.2 s): none of it is played silent.
    expect(delayOf(incoming).delayTime.value).toBeCloseTo(0.2, 9);
    expect(delayOf(outgoing).delayTime.value).toBe(0);
  });

  it('sets the delay again from where the incoming element really is once it moves, while still silent', () => {
    vi.useFakeTimers();
    const { context, incoming, delayOf } = handed();
    // Played at once, not moved yet when first looked at: the delay stays the planned one.
    vi.advanceTimersByTime(10);
    expect(delayOf(incoming).delayTime.value).toBeCloseTo(0.2, 9);
    // At 10.1 s it is 0.05 s in at 1×: it started at 10.05 s, 0.15 s before the end.
    state(incoming, { currentTime: 0.05, playbackRate: 1 });
    context.currentTime = 10.1;
    vi.advanceTimersByTime(10);
    expect(delayOf(incoming).delayTime.value).toBeCloseTo(0.15, 9);
    // Then it stays as it is for the element's whole play.
    const set = delayOf(incoming).delayTime.automation.length;
    state(incoming, { currentTime: 0.3 });
    context.currentTime = 10.35;
    vi.advanceTimersByTime(100);
    expect(delayOf(incoming).delayTime.automation).toHaveLength(set);
  });

  it('counts a delayed outgoing path: the levels cross at its heard end, the next one played that much later', () => {
    vi.useFakeTimers();
    const { context, outgoing, incoming, delayOf, fadeOf } = handed();
    // The incoming track (delayed 0.2 s) plays on as the current one; the first element is the next one.
    state(incoming, { paused: false, duration: 7, currentTime: 6.8, playbackRate: 1 });
    state(outgoing, { paused: true, currentTime: 0, readyState: 4, seeking: false });
    context.currentTime = 20;
    const play = vi.fn();
    expect(handOverElements(incoming, outgoing, play)).toBe(true);
    // Its element ends at 20.2 s, heard 0.2 s later: the levels cross at 20.4 s.
    const at = fadeOf(outgoing).gain.automation.at(-1)?.at ?? Number.NaN;
    expect(at).toBeCloseTo(20.4 + SWITCH_SECONDS / 2, 9);
    // Played 0.2 s later, delayed by the 0.2 s from then to that end: delays do not add up.
    expect(delayOf(outgoing).delayTime.value).toBeCloseTo(0.2, 9);
    vi.advanceTimersByTime(190);
    expect(play).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(play).toHaveBeenCalledOnce();
  });

  it('goes back to 0 when the handover is undone before it is heard, and stays once heard', () => {
    const before = handed();
    before.context.currentTime = 10.1;
    withdrawHandover(before.incoming);
    expect(before.delayOf(before.incoming).delayTime.value).toBe(0);

    const after = handed();
    after.context.currentTime = 10.3;
    withdrawHandover(after.incoming);
    expect(after.delayOf(after.incoming).delayTime.value).toBeCloseTo(0.2, 9);
  });

  it('goes back to 0 when the element is released from the graph, once its delayed sound has played', () => {
    vi.useFakeTimers();
    const { incoming, delayOf, release } = handed();
    release(incoming);
    // Its last 0.2 s are still in the delay: they are heard first.
    expect(delayOf(incoming).delayTime.value).toBeCloseTo(0.2, 9);
    vi.advanceTimersByTime(300);
    expect(delayOf(incoming).delayTime.value).toBe(0);
  });
});
