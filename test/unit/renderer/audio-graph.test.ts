// @vitest-environment jsdom
// The sound's graph on a fake AudioContext: made once, on the first loaded sound; each element connected
// through one source node for life, whatever becomes of its sound; gains ramped; the limiter after the
// master volume; an element the page cannot read left out (played as it is, at the volume); meters wired.
import { describe, expect, it } from 'vitest';
import { readable } from '../../../renderer/src/audio/graph';
import type { MeterReading } from '../../../renderer/src/audio/meter-core';
import { CDN, graphFixture, loaded, mediaElement as element, PAGE } from './audio-graph-fixture';
import { feedsInput, reaches, type FakeNode } from './fake-audio-context';

let contexts: ReturnType<typeof graphFixture>['contexts'] = [];
let meters: ReturnType<typeof graphFixture>['meters'] = [];
let context: ReturnType<typeof graphFixture>['context'];
let sourceOf: ReturnType<typeof graphFixture>['sourceOf'];

/** A graph with its meters; the test's `contexts`, `meters`, `context()` and `sourceOf` are its own. */
function graphWith(options: Parameters<typeof graphFixture>[0] = {}) {
  const fixture = graphFixture({ meters: true, ...options });
  ({ contexts, meters, context, sourceOf } = fixture);
  return fixture;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the audio graph', () => {
  it('is made once, when the first sound has loaded, and never before', () => {
    const { graph } = graphWith();
    const first = element();
    graph.adopt(first);
    expect(contexts).toHaveLength(0);
    loaded(first);
    const second = element();
    graph.adopt(second);
    loaded(second);
    expect(contexts).toHaveLength(1);
    expect(context().sources).toHaveLength(2);
  });

  it('connects an element through one source node for life: reloads, releases and re-adoption reuse it', () => {
    const { graph } = graphWith();
    const audio = element();
    graph.adopt(audio);
    loaded(audio);
    const source = sourceOf(audio)!;
    expect(reaches(source, context().destination as FakeNode)).toBe(true);

    loaded(audio); // a new load of the same element (a recovery's fresh URL in howler's pool)
    graph.release(audio);
    expect(reaches(source, context().destination as FakeNode)).toBe(false);
    graph.adopt(audio);
    expect(context().sources).toHaveLength(1);
    expect(reaches(source, context().destination as FakeNode)).toBe(true);
  });

  it('ignores the late events of a released element: no source made for it, nothing reconnected, no throw', () => {
    const { graph, statuses } = graphWith();
    const dead = element();
    graph.adopt(dead);
    graph.release(dead); // its sound was unloaded before its media loaded
    expect(() => loaded(dead)).not.toThrow();
    expect(contexts).toHaveLength(0);

    const gone = element();
    graph.adopt(gone);
    loaded(gone);
    const source = sourceOf(gone)!;
    graph.release(gone);
    expect(() => {
      loaded(gone); // a reload the released sound's element still finishes
      gone.dispatchEvent(new Event('play'));
    }).not.toThrow();
    expect(reaches(source, context().destination as FakeNode)).toBe(false);
    expect(context().sources.map((s) => s.element)).toEqual([gone]);
    expect(statuses).toEqual(['on']);

    // Adopted again (a new sound on it), it is back in the mix through its source.
    graph.adopt(gone);
    expect(reaches(source, context().destination as FakeNode)).toBe(true);
  });

  it('runs source → normalization gain → fade gain → mix → master → limiter → output', () => {
    const { graph } = graphWith();
    const audio = element();
    graph.adopt(audio);
    loaded(audio);
    const [limiter] = context().compressors;
    const source = sourceOf(audio)!;
    const [normalization] = [...source.outputs];
    const [fade] = [...(normalization?.outputs ?? [])];
    expect(normalization?.kind).toBe('gain');
    expect(fade?.kind).toBe('gain');
    expect(reaches(fade!, limiter!)).toBe(true);
    expect([...limiter!.outputs]).toEqual([context().destination]);
    // A limiter just under full scale: hard and fast.
    expect(limiter!.threshold.value).toBe(-1);
    expect(limiter!.ratio.value).toBe(20);
    expect(limiter!.attack.value).toBeLessThanOrEqual(0.003);
  });

  it('plays the elements at full volume into the graph and ramps the master volume', () => {
    const { graph } = graphWith();
    graph.setVolume(0.5);
    const audio = element();
    audio.volume = 0.3;
    graph.adopt(audio);
    loaded(audio);
    expect(audio.volume).toBe(1);
    const master = context().gains.find((g) => g.gain.value === 0.5);
    expect(master).toBeDefined();
    context().currentTime = 12;
    graph.setVolume(0);
    expect(master!.gain.automation.at(-1)).toMatchObject({ kind: 'target', value: 0, at: 12 });
    expect(master!.gain.value).toBe(0.5); // not a step: a short approach
  });

  it('ramps the normalization gain from where it is, and starts new sounds at it', () => {
    const { graph } = graphWith();
    const first = element();
    graph.adopt(first);
    loaded(first);
    context().currentTime = 5;
    graph.setTrackGain(-6, 2);
    const gainOf = (audio: HTMLMediaElement) =>
      [...sourceOf(audio)!.outputs][0] as unknown as {
        gain: { automation: { kind: string; value: number; at: number }[] };
      };
    const ramp = gainOf(first)
      .gain.automation.filter((a) => a.kind === 'ramp')
      .at(-1);
    expect(ramp?.at).toBe(7);
    expect(ramp?.value).toBeCloseTo(10 ** (-6 / 20), 6);
    expect(gainOf(first).gain.automation.some((a) => a.kind === 'cancel' && a.at === 5)).toBe(true);

    const second = element();
    graph.adopt(second);
    loaded(second);
    expect(gainOf(second).gain.automation.at(-1)?.value).toBeCloseTo(10 ** (-6 / 20), 6);
  });

  it('never ramps a gain change in less than a few milliseconds', () => {
    const { graph } = graphWith();
    const audio = element();
    graph.adopt(audio);
    loaded(audio);
    graph.setTrackGain(3, 0);
    const ramp = context()
      .gains.flatMap((g) => g.gain.automation)
      .filter((a) => a.kind === 'ramp')
      .at(-1);
    expect(ramp?.at).toBeGreaterThanOrEqual(0.01);
  });

  it('leaves an element it cannot read out of the graph: it plays as it is, at the volume', () => {
    const { graph, statuses } = graphWith();
    graph.setVolume(0.4);
    const unreadable = element(CDN, false); // loaded without CORS: a source node would give silence
    graph.adopt(unreadable);
    loaded(unreadable);
    expect(contexts.flatMap((c) => c.sources)).toHaveLength(0);
    expect(unreadable.volume).toBe(0.4);
    expect(statuses.at(-1)).toBe('unreadable');
    graph.setVolume(0.7);
    expect(unreadable.volume).toBe(0.7);

    const hls = element('blob:http://app.test/1234', false);
    graph.adopt(hls);
    loaded(hls);
    expect(statuses.at(-1)).toBe('on');
    expect(sourceOf(hls)).toBeDefined();
  });

  it('without Web Audio, plays every sound as it is and says so', () => {
    const { graph, statuses } = graphWith({ createContext: () => null });
    graph.setVolume(0.25);
    const audio = element();
    graph.adopt(audio);
    loaded(audio);
    expect(audio.volume).toBe(0.25);
    expect(statuses).toEqual(['unsupported']);
  });

  it('starts a suspended context when a sound plays', () => {
    const { graph } = graphWith();
    const audio = element();
    graph.adopt(audio);
    loaded(audio);
    context().state = 'suspended';
    audio.dispatchEvent(new Event('play'));
    expect(context().resumed).toBe(1);
  });

  it('measures the track before any gain and the output after the limiter on one node, and passes on their readings', async () => {
    const { graph, readings } = graphWith();
    const audio = element();
    graph.adopt(audio);
    loaded(audio);
    await settle();
    expect(context().modules).toEqual(['/assets/meter-worklet.js']);
    // One worklet node for both taps: its input 0 is the track's, its input 1 the output's.
    expect(meters).toHaveLength(1);
    const meter = meters[0]!;
    const source = sourceOf(audio)!;
    // The track's tap hangs off the source itself, beside the gains.
    expect(feedsInput(source, meter, 0)).toBe(true);
    const [normalization] = [...source.outputs];
    expect(feedsInput(normalization!, meter, 0)).toBe(false);
    // The output's input reads what leaves the limiter: what is heard.
    const limiter = context().compressors[0]!;
    expect(limiter.inputsFed.get(meter)).toEqual(new Set([1]));
    expect(feedsInput(limiter, meter, 0)).toBe(false);
    expect(reaches(meter, context().destination as FakeNode)).toBe(true); // pulled by the context

    // The first measurement is numbered from the start; resets go to the one node.
    expect(meter.sent).toEqual([{ type: 'reset', generation: 0 }]);
    graph.resetMeasure(4);
    expect(meter.sent.at(-1)).toEqual({ type: 'reset', generation: 4 });
    const reading = { type: 'reading', generation: 4, shortTerm: -20 } as MeterReading;
    const heard = { type: 'reading', generation: 0, shortTerm: -14 } as MeterReading;
    // The track's readings come wrapped, the output's bare (what a meter on the limiter has always posted).
    meter.post({ type: 'track', reading });
    meter.post(heard);
    meter.post({ type: 'something else' });
    meter.post({ type: 'track', reading: { type: 'something else' } });
    expect(readings).toEqual([
      ['track', reading],
      ['output', heard],
    ]);
  });
});

describe('readable', () => {
  it.each([
    ['a CORS-mode load', element(CDN, true), true],
    ['a plain cross-origin load', element(CDN, false), false],
    ['Media Source (hls.js)', element('blob:http://app.test/x', false), true],
    ['the page’s own media', element(`${PAGE}/local.mp3`, false), true],
  ])('%s: %s', (_what, audio, expected) => {
    expect(readable(audio, PAGE)).toBe(expected);
  });
});
