// @vitest-environment jsdom
// The graph's equalizer and output device on a fake AudioContext: the equalizer out of the path while off or
// flat (a direct link from the mix to the master), in it when on (preamp, the bands off 0 dB in order at their
// frequencies, gains ramped), flat bands and then the whole taken out after gliding to 0 dB; the output device
// moved by the context's setSinkId and, for a sound played around the graph, the element's own, with what
// happens where they are missing or refuse.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EQ_FREQUENCIES, EQ_PRESETS } from '../../../renderer/src/audio/equalizer';
import type { EqualizerSettings } from '../../../shared/ipc';
import { graphFixture, loaded, mediaElement, pathOf, recordSinks } from './audio-graph-fixture';
import {
  FakeAudioContext,
  reaches,
  type FakeGain,
  type FakeNode,
  type FakeParam,
} from './fake-audio-context';

/** A context that can play on a chosen device (Chromium 110+), recording where it was told to. */
class SinkableContext extends FakeAudioContext {
  readonly sinks: string[] = [];
  refuse = false;
  setSinkId(id: string): Promise<void> {
    if (this.refuse) return Promise.reject(new DOMException('no such device', 'NotFoundError'));
    this.sinks.push(id);
    return Promise.resolve();
  }
}

let contexts: FakeAudioContext[];

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

function graphOn(make?: () => FakeAudioContext) {
  const fixture = graphFixture(make === undefined ? {} : { make });
  contexts = fixture.contexts;
  return fixture.graph;
}

const element = (cors = true): HTMLAudioElement => mediaElement(undefined, cors);

/** The graph's nodes around the equalizer's slot, once a sound has loaded. */
function slot(audio: HTMLMediaElement) {
  const context = contexts[0]!;
  const source = context.sources.find((s) => s.element === audio)!;
  const { fade } = pathOf(source);
  const [mix] = [...fade!.outputs] as FakeGain[];
  const limiter = context.compressors[0]!;
  const master = context.gains.find((g) => g.outputs.has(limiter))!;
  // The equalizer's preamp is the gain made after the graph's tap, mix, master and the limiter's makeup gain
  // (it may link to nothing).
  const preamp = context.gains[4]!;
  return { context, source, mix: mix!, master, limiter, preamp, filters: context.biquads };
}

const settings = (changes: Partial<EqualizerSettings> = {}): EqualizerSettings => ({
  enabled: true,
  preamp: 0,
  bands: [...EQ_PRESETS.bass],
  ...changes,
});

/** Gains that set every band off 0 dB (each filter in the chain). */
const EVERY_BAND = [6, 6, 5, 3, 1, -1, -2, 1, 2, 3] as const;

/** The filters linked from `preamp` on, in order, up to the node that is not a filter. */
function chainAfter(preamp: FakeNode, filters: readonly FakeNode[]): number[] {
  const found: number[] = [];
  let node: FakeNode = preamp;
  for (;;) {
    const outputs: FakeNode[] = [...node.outputs];
    const next = outputs[0];
    if (outputs.length !== 1 || next === undefined || !filters.includes(next)) break;
    found.push(filters.indexOf(next));
    node = next;
  }
  return found;
}

/** A graph playing a sound, the equalizer then set to `first`; the graph and its nodes around the slot. */
function playingWith(first: EqualizerSettings) {
  const graph = graphOn();
  const audio = element();
  graph.adopt(audio);
  loaded(audio);
  graph.setEqualizer(first);
  return { graph, ...slot(audio) };
}

/** The value a parameter was last told to approach. */
const lastTarget = (param: FakeParam): number | undefined => {
  const targets = param.automation.flatMap((a) => (a.kind === 'target' ? [a.value] : []));
  return targets.at(-1);
};

describe('the equalizer in the graph', () => {
  it('is out of the path while off: the mix goes straight to the master', () => {
    const graph = graphOn();
    const audio = element();
    graph.adopt(audio);
    loaded(audio);
    const { mix, master, filters, preamp, source, limiter } = slot(audio);
    expect(filters).toHaveLength(10);
    expect(mix.outputs).toEqual(new Set([master]));
    expect(filters.some((filter) => reaches(source, filter))).toBe(false);
    expect(reaches(preamp, master)).toBe(false);
    expect(reaches(source, limiter)).toBe(true);
  });

  it('when on, runs mix → preamp → ten filters in order → master, at 31 Hz to 16 kHz, shelves at the ends', () => {
    const graph = graphOn();
    const audio = element();
    graph.adopt(audio);
    loaded(audio);
    graph.setEqualizer(settings({ preamp: -3, bands: [...EVERY_BAND] }));
    const { mix, master, preamp, filters, limiter } = slot(audio);
    expect(mix.outputs).toEqual(new Set([preamp]));
    let node: FakeNode = preamp;
    for (const filter of filters) {
      expect(node.outputs).toEqual(new Set([filter]));
      node = filter;
    }
    expect(node.outputs).toEqual(new Set([master]));
    expect(master.outputs).toEqual(new Set([limiter]));
    expect(filters.map((f) => f.frequency.value)).toEqual([...EQ_FREQUENCIES]);
    expect(filters.map((f) => f.type)).toEqual(['lowshelf', ...Array(8).fill('peaking'), 'highshelf']);
    // Ramped, not stepped: each gain approaches its value from where it was.
    expect(filters.map((f) => lastTarget(f.gain))).toEqual([...EVERY_BAND]);
    expect(filters.every((f) => f.gain.value === 0)).toBe(true);
    expect(lastTarget(preamp.gain)).toBeCloseTo(10 ** (-3 / 20), 6);
  });

  it('takes settings given before the first sound, and keeps gains within ±12 dB', () => {
    const graph = graphOn();
    graph.setEqualizer(settings({ bands: [30, -30, 0, 0, 0, 0, 0, 0, 0, 4], preamp: 13 }));
    const audio = element();
    graph.adopt(audio);
    loaded(audio);
    const { mix, preamp, filters } = slot(audio);
    expect(mix.outputs.has(preamp)).toBe(true);
    expect(filters.map((f) => lastTarget(f.gain))).toEqual([12, -12, 0, 0, 0, 0, 0, 0, 0, 4]);
    expect(lastTarget(preamp.gain)).toBeCloseTo(10 ** (12 / 20), 6);
  });

  it('when turned off, glides to flat and only then leaves the path; turned on again meanwhile, it stays', () => {
    const { graph, mix, master, preamp, filters } = playingWith(settings());
    graph.setEqualizer(settings({ enabled: false }));
    expect(filters.map((f) => lastTarget(f.gain))).toEqual(Array(10).fill(0));
    expect(mix.outputs.has(preamp)).toBe(true);
    vi.advanceTimersByTime(200);
    expect(mix.outputs).toEqual(new Set([master]));
    expect(filters.at(-1)!.outputs.has(master)).toBe(false);

    graph.setEqualizer(settings());
    graph.setEqualizer(settings({ enabled: false }));
    graph.setEqualizer(settings({ bands: [...EQ_PRESETS.voice] }));
    vi.advanceTimersByTime(200);
    expect(mix.outputs).toEqual(new Set([preamp]));
    expect(filters.map((f) => lastTarget(f.gain))).toEqual([...EQ_PRESETS.voice]);
  });

  it('leaves a band at 0 dB out of the chain, once its gain has glided there', () => {
    const { graph, mix, master, preamp, filters } = playingWith(settings());
    // Bass lifts the five lowest bands; the rest are flat and out.
    expect(mix.outputs).toEqual(new Set([preamp]));
    expect(chainAfter(preamp, filters)).toEqual([0, 1, 2, 3, 4]);
    expect(filters[4]!.outputs).toEqual(new Set([master]));

    // Voice: its bands come in at once (at 0 dB), 250 Hz (going to 0 dB) stays until it is there.
    graph.setEqualizer(settings({ bands: [...EQ_PRESETS.voice] }));
    expect(chainAfter(preamp, filters)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    vi.advanceTimersByTime(200);
    expect(chainAfter(preamp, filters)).toEqual([0, 1, 2, 4, 5, 6, 7, 8]);
    expect(filters[8]!.outputs).toEqual(new Set([master]));
    expect(filters.filter((f) => f.outputs.size > 0)).toHaveLength(8);
  });

  it('stays out of the path while on but flat, and leaves it (gliding first) when set flat', () => {
    const { graph, mix, master, preamp, filters } = playingWith(settings({ bands: [...EQ_PRESETS.flat] }));
    // Flat filters would cost the audio thread and change nothing.
    expect(mix.outputs).toEqual(new Set([master]));

    graph.setEqualizer(settings({ bands: [...EQ_PRESETS.flat], preamp: -2 }));
    expect(mix.outputs).toEqual(new Set([preamp]));
    graph.setEqualizer(settings({ bands: [...EQ_PRESETS.flat] }));
    expect(lastTarget(preamp.gain)).toBe(1);
    expect(mix.outputs.has(preamp)).toBe(true);
    vi.advanceTimersByTime(200);
    expect(mix.outputs).toEqual(new Set([master]));
    expect(filters.at(-1)!.outputs.has(master)).toBe(false);
  });
});

describe('the output device', () => {
  it('moves the graph by the context’s setSinkId, to a device chosen before the context exists too', async () => {
    const graph = graphOn(() => new SinkableContext());
    expect(await graph.setOutputDevice('usb-dac')).toBe('moved');
    const audio = element();
    graph.adopt(audio);
    loaded(audio);
    const context = contexts[0] as SinkableContext;
    await vi.waitFor(() => expect(context.sinks).toEqual(['usb-dac']));
    expect(await graph.setOutputDevice('')).toBe('moved');
    expect(context.sinks).toEqual(['usb-dac', '']);
    // The sound is not restarted: its source stays connected through the move.
    expect(reaches(context.sources[0]!, context.destination)).toBe(true);
  });

  it('moves a sound played around the graph by its element’s own setSinkId', async () => {
    const graph = graphOn(() => new SinkableContext());
    const around = element(false);
    const sinks = recordSinks(around);
    graph.adopt(around);
    loaded(around);
    expect(await graph.setOutputDevice('headphones')).toBe('moved');
    expect(sinks).toEqual(['headphones']);
    const later = element(false);
    const laterSinks = recordSinks(later);
    graph.adopt(later);
    loaded(later);
    expect(laterSinks).toEqual(['headphones']);
  });

  it('says so where the context cannot choose a device, and when the device refuses', async () => {
    const plain = graphOn();
    const audio = element();
    plain.adopt(audio);
    loaded(audio);
    expect(await plain.setOutputDevice('usb-dac')).toBe('unsupported');

    const refusing = graphOn(() => Object.assign(new SinkableContext(), { refuse: true }));
    const other = element();
    refusing.adopt(other);
    loaded(other);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await refusing.setOutputDevice('gone')).toBe('failed');
  });
});
