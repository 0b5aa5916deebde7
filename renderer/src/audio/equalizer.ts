// The 10-band equalizer in the graph's slot between the mix and the master volume: a preamp and ten biquad
// filters (a low shelf at 31 Hz, peaks an octave apart, a high shelf at 16 kHz), its presets, and the switch
// that puts it in the path or takes it out (bypassed by a direct link while off or flat, and each band at
// 0 dB left out of the chain: a flat filter costs the audio thread as much as any and changes nothing).
import type { EqualizerSettings } from '../../../shared/ipc';
import { bandType, clampGain, EQ_FREQUENCIES, EQ_PRESETS, EQ_Q } from './eq-bands';

export {
  bandLabel,
  bandType,
  clampGain,
  DEFAULT_EQUALIZER,
  EQ_FREQUENCIES,
  EQ_PRESET_NAMES,
  EQ_PRESETS,
  EQ_Q,
  presetOf,
  type EqualizerPreset,
} from './eq-bands';

/** Changes of gain follow this time constant: fast to hear, slow enough not to click. */
const GAIN_SMOOTH_SECONDS = 0.03;
/** Taking the equalizer out waits for its gains to reach 0 dB first, so the path changes without a step. */
const BYPASS_AFTER_MS = 150;

export interface Equalizer {
  readonly preamp: GainNode;
  readonly filters: readonly BiquadFilterNode[];
  /** Follows `settings`: gains ramped; in the path while enabled and not flat, else taken out after ramping to flat. */
  apply(settings: EqualizerSettings): void;
  /** Whether it is in the path now. */
  inPath(): boolean;
}

/**
 * Makes the equalizer's nodes and takes over the link from `from` (the mix) to `to` (the master): a direct
 * link while it is off, through the preamp and the filters while it is on.
 */
export function createEqualizer(
  context: BaseAudioContext,
  from: AudioNode,
  to: AudioNode,
  later: (run: () => void, ms: number) => void = (run, ms) => void setTimeout(run, ms),
): Equalizer {
  const preamp = context.createGain();
  const filters = EQ_FREQUENCIES.map((frequency, i) => {
    const filter = context.createBiquadFilter();
    filter.type = bandType(i);
    filter.frequency.value = frequency;
    filter.Q.value = EQ_Q;
    filter.gain.value = 0;
    return filter;
  });
  // The preamp and the filters in the path now, in order: a band at 0 dB is an identity filter that costs the
  // audio thread as much as any, so it is left out (and comes in at 0 dB, passing the sound unchanged).
  let chain: AudioNode[] = [preamp];
  let inPath = false;
  // Bumped by every apply, so a bypass scheduled before a newer apply does not happen.
  let version = 0;
  from.connect(to);

  function rampTo(preampDb: number, bands: readonly number[]): void {
    const now = context.currentTime;
    preamp.gain.setTargetAtTime(10 ** (clampGain(preampDb) / 20), now, GAIN_SMOOTH_SECONDS);
    filters.forEach((filter, i) =>
      filter.gain.setTargetAtTime(clampGain(bands[i] ?? 0), now, GAIN_SMOOTH_SECONDS),
    );
  }

  /** Links `next` (preamp first, filters in order, ending in `to` while in the path): new links first, then old ones go. */
  function relink(next: AudioNode[]): void {
    const pairs = (nodes: AudioNode[]): [AudioNode, AudioNode][] => {
      const all = inPath ? [...nodes, to] : nodes;
      return all.slice(1).map((node, i) => [all[i]!, node]);
    };
    const has = (list: [AudioNode, AudioNode][], [a, b]: [AudioNode, AudioNode]): boolean =>
      list.some(([c, d]) => c === a && d === b);
    const before = pairs(chain);
    const after = pairs(next);
    for (const pair of after) if (!has(before, pair)) pair[0].connect(pair[1]);
    for (const pair of before) if (!has(after, pair)) pair[0].disconnect(pair[1]);
    chain = next;
  }

  /** The preamp and the filters that are in the chain now or whose band `bands` sets off 0 dB. */
  const chainFor = (bands: readonly number[], keep: boolean): AudioNode[] => [
    preamp,
    ...filters.filter((filter, i) => clampGain(bands[i] ?? 0) !== 0 || (keep && chain.includes(filter))),
  ];

  function setPath(on: boolean): void {
    if (on === inPath) return;
    const last = chain.at(-1)!;
    if (on) {
      from.connect(preamp);
      last.connect(to);
      from.disconnect(to);
    } else {
      from.connect(to);
      from.disconnect(preamp);
      last.disconnect(to);
    }
    inPath = on;
  }

  /** Whether `settings` change the sound at all (every gain, once clamped, 0 dB is no change). */
  const shapes = (settings: EqualizerSettings): boolean =>
    settings.enabled &&
    (clampGain(settings.preamp) !== 0 ||
      EQ_FREQUENCIES.some((_, i) => clampGain(settings.bands[i] ?? 0) !== 0));

  /** After the gains have glided, drops what is now at 0 dB: the bands, or the whole equalizer. */
  function settleLater(bands: readonly number[], leave: boolean): void {
    const mine = version;
    later(() => {
      if (mine !== version) return;
      if (leave) setPath(false);
      relink(chainFor(bands, false));
    }, BYPASS_AFTER_MS);
  }

  return {
    preamp,
    filters,
    apply(settings) {
      version += 1;
      if (shapes(settings)) {
        // Bands come in at 0 dB (as does the whole, out of the path), so the sound is unchanged, then glides;
        // bands going to 0 dB stay until they are there.
        relink(chainFor(settings.bands, true));
        setPath(true);
        rampTo(settings.preamp, settings.bands);
        settleLater(settings.bands, false);
        return;
      }
      if (!inPath) return;
      rampTo(0, EQ_PRESETS.flat);
      settleLater(EQ_PRESETS.flat, true);
    },
    inPath: () => inPath,
  };
}
