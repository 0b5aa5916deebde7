// @vitest-environment jsdom
// The sound's graph on a fake AudioContext: made once, on the first loaded sound; each element connected
// through one source node for life, whatever becomes of its sound; gains ramped; the limiter after the
// master volume; an element the page cannot read left out (played as it is, at the volume); meters wired.
import { describe, expect, it } from 'vitest';
import { readable } from '../../../renderer/src/audio/graph';
import { makeupGainDb } from '../../../renderer/src/audio/limit';
import { CDN, graphFixture, loaded, mediaElement as element, PAGE, pathOf } from './audio-graph-fixture';
import { reaches, type FakeGain, type FakeNode } from './fake-audio-context';

let contexts: ReturnType<typeof graphFixture>['contexts'] = [];
let context: ReturnType<typeof graphFixture>['context'];
let sourceOf: ReturnType<typeof graphFixture>['sourceOf'];

/** A graph with its meters; the test's `contexts`, `context()` and `sourceOf` are its own. */
function graphWith(options: Parameters<typeof graphFixture>[0] = {}) {
  const fixture = graphFixture({ meters: true, ...options });
  ({ contexts, context, sourceOf } = fixture);
  return fixture;
}

/** A 1 kHz sine at `dbfs` peak, sample by sample (a stereo one reads `dbfs` LUFS). */
const sine =
  (dbfs: number) =>
  (frame: number): number =>
    10 ** (dbfs / 20) * Math.cos((2 * Math.PI * 1000 * frame) / 48_000);

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

  it('runs source → delay (0) → normalization gain → fade gain → mix → master → limiter → output', () => {
    const { graph } = graphWith();
    const audio = element();
    graph.adopt(audio);
    loaded(audio);
    const [limiter] = context().compressors;
    const source = sourceOf(audio)!;
    const { delay, normalization, fade } = pathOf(source);
    expect(delay.delayTime.value).toBe(0);
    expect(normalization?.kind).toBe('gain');
    expect(fade?.kind).toBe('gain');
    expect(reaches(fade!, limiter!)).toBe(true);
    const destination = context().destination as FakeNode;
    // The limiter's one way out is the gain that takes back its makeup gain, and that leads to the output.
    expect(limiter!.outputs.size).toBe(1);
    const [makeup] = [...limiter!.outputs] as FakeGain[];
    expect(makeup!.outputs.has(destination)).toBe(true);
    expect(20 * Math.log10(makeup!.gain.value)).toBeCloseTo(-makeupGainDb(-1, 20), 6);
    // Its only other way out is the output meter's, which adds nothing to what is heard.
    const others = [...makeup!.outputs].filter((node) => node !== destination);
    expect(others.every((node) => !reaches(node, destination))).toBe(true);
    // A limiter just under full scale: hard and fast.
    expect(limiter!.threshold.value).toBe(-1);
    expect(limiter!.knee.value).toBe(0);
    expect(limiter!.ratio.value).toBe(20);
    expect(limiter!.attack.value).toBeLessThanOrEqual(0.003);
  });

  it('takes back the limiter’s makeup gain: the spec’s loss at full scale to the power 0.6, +0.57 dB here', () => {
    // A full-scale input leaves a −1 dBFS, 20:1 compressor at −0.95 dBFS: 0.95 dB lost, 0.6 × 0.95 made up.
    expect(makeupGainDb(-1, 20)).toBeCloseTo(0.57, 6);
    // Harder or lower, more is lost at full scale, and more made up; at 1:1 nothing is.
    expect(makeupGainDb(-1, 1)).toBeCloseTo(0, 9);
    expect(makeupGainDb(-6, 4)).toBeCloseTo(0.6 * 4.5, 6);
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
    graph.setTrackGain(null, -6, 2);
    const gainOf = (audio: HTMLMediaElement) => pathOf(sourceOf(audio)!).normalization;
    const ramp = gainOf(first)
      .gain.automation.filter((a) => a.kind === 'ramp')
      .at(-1);
    expect(ramp?.at).toBe(7);
    expect(ramp?.value).toBeCloseTo(10 ** (-6 / 20), 6);
    expect(gainOf(first).gain.automation.some((a) => a.kind === 'cancel' && a.at === 5)).toBe(true);

    const second = element();
    graph.adopt(second);
    loaded(second);
    expect(gainOf(second).gain.value).toBeCloseTo(10 ** (-6 / 20), 6);
  });

  it('starts a pooled element lent to another track at that track’s gain, whatever ramp its last sound left', () => {
    const { graph } = graphWith();
    const audio = element();
    graph.adopt(audio, 1);
    loaded(audio);
    const gain = pathOf(sourceOf(audio)!).normalization.gain;
    context().currentTime = 5;
    // An approach: a ramp as long as the wait, here to +3 dB at 7 s.
    graph.setTrackGain(1, 3, 2);
    context().currentTime = 5.5;
    graph.release(audio);
    graph.setTrackGain(2, -6, 0.05);
    graph.adopt(audio, 2);
    expect(gain.valueAt(5.6)).toBeCloseTo(10 ** (-6 / 20), 6);
    expect(gain.valueAt(8)).toBeCloseTo(10 ** (-6 / 20), 6);
  });

  it('never ramps a gain change in less than a few milliseconds', () => {
    const { graph } = graphWith();
    const audio = element();
    graph.adopt(audio);
    loaded(audio);
    graph.setTrackGain(null, 3, 0);
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

  it('measures the track before any gain and the output after the limiter on the page, and passes on their readings', () => {
    const { graph, readings, readMeters, meterTaps } = graphWith();
    const audio = element();
    graph.adopt(audio);
    loaded(audio);
    // Two analysers a tap (an analyser mixes down to mono; loudness sums the channels' powers), after an up-mix.
    const { track, output } = meterTaps();
    expect(track).toHaveLength(2);
    expect(output).toHaveLength(2);
    const source = sourceOf(audio)!;
    // The track's tap hangs off the source itself, beside the gains; the output's reads what is heard.
    expect(track.every((analyser) => reaches(source, analyser))).toBe(true);
    const normalization = [...source.outputs].find((node) => reaches(node, output[0]!));
    expect(normalization).toBeDefined();
    expect(track.some((analyser) => reaches(normalization!, analyser))).toBe(false);

    // The track plays at −20 LUFS into the graph; the output is −30 LUFS after the gains.
    track.forEach((analyser) => (analyser.signal = sine(-20)));
    output.forEach((analyser) => (analyser.signal = sine(-30)));
    const play = (seconds: number): void => {
      for (let i = 0; i < seconds * 10; i++) {
        context().currentTime += 0.1;
        readMeters();
      }
    };
    play(1);
    const last = (tap: string) => readings.filter(([t]) => t === tap).at(-1)?.[1];
    expect(last('track')?.momentary).toBeCloseTo(-20, 1);
    expect(last('output')?.momentary).toBeCloseTo(-30, 1);
    expect(last('track')?.generation).toBe(0);

    // A new track's measurement starts over, with none of the last track's sound rendered before it (not yet
    // read then); the output's runs on.
    context().currentTime += 0.05;
    const newTrackFrom = Math.round(context().currentTime * 48_000);
    const [louder, quieter] = [sine(-20), sine(-35)];
    track.forEach((analyser) => (analyser.signal = (f) => (f < newTrackFrom ? louder(f) : quieter(f))));
    graph.resetMeasure(4);
    // The next read after a reset is dropped (the last track may still have been on the tap): 0.4 s measured.
    play(0.5);
    expect(last('track')).toMatchObject({ generation: 4, seconds: 0.4 });
    expect(last('track')?.mean).toBeCloseTo(-35, 1);
    expect(last('output')).toMatchObject({ generation: 0, seconds: 1.5 });
    // A page that reads late gets what was rendered meanwhile (up to the analysers' window), in one reading.
    const before = readings.length;
    context().currentTime += 0.3;
    readMeters();
    expect(readings.length - before).toBe(2);
    expect(last('track')?.seconds).toBe(0.7);
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
