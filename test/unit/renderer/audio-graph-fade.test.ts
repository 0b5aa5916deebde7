// @vitest-environment jsdom
// The graph's fades: equal-power levels (the two sides of a crossfade keep their summed power), a curve on
// the fade gain of an element the graph processes (from where it is, when no start is given), and the
// element's own volume stepped along the same curve when its media is not readable.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fadeLevel } from '../../../renderer/src/audio/fades';
import { createSoundFading } from '../../../renderer/src/audio/sound-fader';
import type { Sound } from '../../../renderer/src/player/sound';
import { CDN, graphFixture, loaded, mediaElement, pathOf } from './audio-graph-fixture';
import { reaches, type FakeAudioContext, type FakeGain } from './fake-audio-context';

let contexts: FakeAudioContext[] = [];

afterEach(() => {
  vi.useRealTimers();
});

function graph() {
  const fixture = graphFixture();
  contexts = fixture.contexts;
  return fixture.graph;
}

/** An element in CORS mode when `cors`, adopted by `made` (playing `trackId`), whose metadata has loaded. */
function loadedElement(made: ReturnType<typeof graph>, cors: boolean, trackId?: number): HTMLAudioElement {
  const audio = mediaElement(CDN, cors);
  made.adopt(audio, trackId);
  loaded(audio);
  return audio;
}

/** The value `gain`'s last ramp goes to (undefined: never ramped). */
function lastRamp(gain: FakeGain): number | undefined {
  const ramp = gain.gain.automation.filter((a) => a.kind === 'ramp').at(-1);
  return ramp?.kind === 'ramp' ? ramp.value : undefined;
}

interface Curve {
  values: number[];
  at: number;
  seconds: number;
}

/** The fade gain of the element routed last (the gain made last), recording the curves it is given. */
function fadeGainOf(context: FakeAudioContext): { gain: FakeGain; curves: Curve[] } {
  const gain = context.gains.at(-1);
  if (gain === undefined) throw new Error('no gain made');
  const curves: Curve[] = [];
  Object.assign(gain.gain, {
    setValueCurveAtTime: (values: Float32Array, at: number, seconds: number) =>
      curves.push({ values: [...values], at, seconds }),
  });
  return { gain, curves };
}

describe('equal-power fade levels', () => {
  it('keep the summed power of a fade-out and a fade-in at 1 all the way, each side monotonic', () => {
    let lastOut = 1;
    let lastIn = 0;
    for (let x = 0; x <= 1.0001; x += 0.05) {
      const out = fadeLevel(1, 0, x);
      const into = fadeLevel(0, 1, x);
      expect(out ** 2 + into ** 2).toBeCloseTo(1, 6);
      expect(out).toBeLessThanOrEqual(lastOut);
      expect(into).toBeGreaterThanOrEqual(lastIn);
      lastOut = out;
      lastIn = into;
    }
    expect(fadeLevel(1, 0, 0.5)).toBeCloseTo(Math.SQRT1_2, 6);
    expect(fadeLevel(0, 1, 2)).toBe(1);
    expect(fadeLevel(0.4, 1, 0.5, 'linear')).toBeCloseTo(0.7, 6);
  });
});

describe('the graph’s fade', () => {
  it('puts an equal-power curve on a processed element’s fade gain, from the level given or where it is', () => {
    const made = graph();
    const audio = loadedElement(made, true);
    const context = contexts[0] as FakeAudioContext;
    const { gain, curves } = fadeGainOf(context);
    context.currentTime = 10;
    made.fade(audio, 0, 1, 4);
    expect(gain.gain.automation).toContainEqual({ kind: 'set', value: 0, at: 10 });
    const [rise] = curves;
    expect(rise?.at).toBeCloseTo(10, 1);
    expect(rise?.seconds).toBe(4);
    expect(rise?.values[0]).toBe(0);
    expect(rise?.values.at(-1)).toBeCloseTo(1, 6);
    const middle = rise?.values[Math.round(((rise?.values.length ?? 1) - 1) / 2)] ?? 0;
    expect(middle).toBeGreaterThan(0.69);
    expect(middle).toBeLessThan(0.72);

    gain.gain.value = 0.6;
    made.fade(audio, null, 0, 0.15);
    const fall = curves[1];
    expect(fall?.values[0]).toBeCloseTo(0.6, 6);
    expect(fall?.values.at(-1)).toBeCloseTo(0, 6);
    expect(fall?.seconds).toBe(0.15);
  });

  it('steps the volume of an element it cannot read along the same curve, times the master volume', () => {
    vi.useFakeTimers();
    const made = graph();
    const audio = loadedElement(made, false);
    made.setVolume(0.8);
    expect(audio.volume).toBeCloseTo(0.8, 6);
    made.fade(audio, 1, 0, 2);
    vi.advanceTimersByTime(1_000);
    expect(audio.volume).toBeCloseTo(0.8 * Math.SQRT1_2, 1);
    // The master volume changed mid-fade keeps the fade's level.
    made.setVolume(0.5);
    expect(audio.volume).toBeCloseTo(0.5 * Math.SQRT1_2, 1);
    vi.advanceTimersByTime(1_100);
    expect(audio.volume).toBe(0);
  });
});

describe('a sound fading out', () => {
  it('keeps its own track’s gain when the next track’s is set, before its fade as after it', () => {
    const { graph: made, sourceOf } = graphFixture({ meters: true });
    const gainOf = (audio: HTMLMediaElement) => pathOf(sourceOf(audio)!).normalization;
    const outgoing = loadedElement(made, true, 1);
    made.setTrackGain(1, 4, 0.05);
    // The store moves to the next track first: its gain (0 dB, then its remembered one) comes before any fade.
    made.setTrackGain(2, 0, 0.05);
    const incoming = loadedElement(made, true, 2);
    made.setTrackGain(2, -6, 0.05);
    made.fade(incoming, 0, 1, 0.15);
    made.fade(outgoing, null, 0, 0.15);
    expect(lastRamp(gainOf(outgoing))).toBeCloseTo(10 ** (4 / 20), 6);
    expect(lastRamp(gainOf(incoming))).toBeCloseTo(10 ** (-6 / 20), 6);
    // A later sound of a track (played again, a recovery) starts at the gain its track has.
    const again = loadedElement(made, true, 1);
    expect(gainOf(again).gain.value).toBeCloseTo(10 ** (4 / 20), 6);
    const fresh = loadedElement(made, true, 3);
    expect(gainOf(fresh).gain.value).toBe(1);
  });

  it('keeps its own gain and leaves the measurement to the sound that replaces it, until faded back in', () => {
    const { graph: made, meterTaps, sourceOf } = graphFixture({ meters: true });
    // Sounds made without a track: the gain set is the one whose sound is not fading out.
    const outgoing = loadedElement(made, true);
    // The track's tap (the output's hears the outgoing sound too).
    const measured = (audio: HTMLMediaElement) => reaches(sourceOf(audio)!, meterTaps().track[0]!);
    const gainOf = (audio: HTMLMediaElement) => pathOf(sourceOf(audio)!).normalization;
    made.setTrackGain(null, 4, 0.05);
    const incoming = loadedElement(made, true);
    // A crossfade: the incoming sound rises, the outgoing one falls; then the new track's gain is set.
    made.fade(incoming, 0, 1, 4);
    made.fade(outgoing, null, 0, 4);
    made.setTrackGain(null, -6, 0.05);
    expect(lastRamp(gainOf(outgoing))).toBeCloseTo(10 ** (4 / 20), 6);
    expect(lastRamp(gainOf(incoming))).toBeCloseTo(10 ** (-6 / 20), 6);
    expect(measured(outgoing)).toBe(false);
    expect(measured(incoming)).toBe(true);

    // Faded back in (a pause ends the fade), it is the current track's again.
    made.fade(outgoing, null, 1, 0);
    expect(measured(outgoing)).toBe(true);
    made.release(outgoing);
    expect(measured(outgoing)).toBe(false);
  });
});

describe('the sounds’ fades', () => {
  it('land on the element each sound handed the graph, and a sound given a faded element starts it at full level', () => {
    vi.useFakeTimers();
    const made = graph();
    const fading = createSoundFading(made);
    const audio = new Audio();
    audio.src = CDN;
    const make = fading.track(() => {
      fading.routing.adopt(audio);
      return {} as Sound;
    });
    const first = make({ src: CDN, format: ['mp3'], html5: true });
    loaded(audio);
    fading.fader.fade(first, 1, 0, 0.1);
    vi.advanceTimersByTime(200);
    expect(audio.volume).toBe(0);
    // A sound the graph never met is left alone.
    fading.fader.fade({} as Sound, 1, 0, 0);
    // howler hands the same element to the next sound: it plays at full level again.
    fading.routing.release(audio);
    make({ src: CDN, format: ['mp3'], html5: true });
    expect(audio.volume).toBe(1);
  });

  it('tell the graph each sound’s track with its element, for that track’s gain', () => {
    const { graph: made, sourceOf } = graphFixture();
    const fading = createSoundFading(made);
    const make = fading.track(() => {
      const audio = mediaElement(CDN, true);
      fading.routing.adopt(audio);
      loaded(audio);
      return { audio } as unknown as Sound;
    });
    const audioOf = (sound: Sound) => (sound as unknown as { audio: HTMLMediaElement }).audio;
    const nine = make({ src: CDN, format: ['mp3'], html5: true, trackId: 9 });
    const none = make({ src: CDN, format: ['mp3'], html5: true });
    made.setTrackGain(8, -10, 0.05);
    const gainOf = (sound: Sound) => pathOf(sourceOf(audioOf(sound))!).normalization;
    // Track 8's gain is not track 9's; a sound made without a track follows whichever is set.
    expect(lastRamp(gainOf(nine))).toBeUndefined();
    expect(lastRamp(gainOf(none))).toBeCloseTo(10 ** (-10 / 20), 6);
    made.setTrackGain(9, -3, 0.05);
    expect(lastRamp(gainOf(nine))).toBeCloseTo(10 ** (-3 / 20), 6);
  });
});
