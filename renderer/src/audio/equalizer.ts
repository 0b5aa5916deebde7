// The 10-band equalizer in the graph's slot between the mix and the master volume: a preamp and ten biquad
// filters (a low shelf at 31 Hz, peaks an octave apart, a high shelf at 16 kHz), its presets, and the switch
// that puts it in the path or takes it out (bypassed by a direct link while off or flat: flat filters cost
// the audio thread as much as any and change nothing).
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
  let chain: AudioNode = preamp;
  for (const filter of filters) chain = chain.connect(filter);
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

  function setPath(on: boolean): void {
    if (on === inPath) return;
    if (on) {
      from.connect(preamp);
      filters.at(-1)!.connect(to);
      from.disconnect(to);
    } else {
      from.connect(to);
      from.disconnect(preamp);
      filters.at(-1)!.disconnect(to);
    }
    inPath = on;
  }

  /** Whether `settings` change the sound at all (every gain, once clamped, 0 dB is no change). */
  const shapes = (settings: EqualizerSettings): boolean =>
    settings.enabled &&
    (clampGain(settings.preamp) !== 0 ||
      EQ_FREQUENCIES.some((_, i) => clampGain(settings.bands[i] ?? 0) !== 0));

  return {
    preamp,
    filters,
    apply(settings) {
      version += 1;
      if (shapes(settings)) {
        // Out of the path its gains are flat, so it comes in passing the sound unchanged, then glides.
        setPath(true);
        rampTo(settings.preamp, settings.bands);
        return;
      }
      if (!inPath) return;
      rampTo(0, EQ_PRESETS.flat);
      const mine = version;
      later(() => {
        if (mine === version) setPath(false);
      }, BYPASS_AFTER_MS);
    },
    inPath: () => inPath,
  };
}
