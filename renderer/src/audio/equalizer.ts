// The 10-band equalizer in the graph's slot between the mix and the master volume: a preamp and ten biquad
// filters (a low shelf at 31 Hz, peaks an octave apart, a high shelf at 16 kHz), its presets, and the switch
// that puts it in the path or takes it out (bypassed by a direct link, not left in flat).
import type { EqualizerSettings } from '../../../shared/ipc';
import { EQ_BAND_COUNT, EQ_LIMIT_DB } from '../../../shared/limits';

/** The bands' centre frequencies (Hz). */
export const EQ_FREQUENCIES = [31, 62, 125, 250, 500, 1000, 2000, 4000, 8000, 16000] as const;

export type EqualizerPreset = 'flat' | 'bass' | 'voice';

/** Each preset's band gains (dB). Bass lifts what is under 250 Hz; Voice the 1–4 kHz of speech, less rumble. */
export const EQ_PRESETS: Readonly<Record<EqualizerPreset, readonly number[]>> = {
  flat: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  bass: [6, 6, 5, 3, 1, 0, 0, 0, 0, 0],
  voice: [-6, -4, -2, 0, 2, 3, 4, 3, 1, 0],
};

export const EQ_PRESET_NAMES: readonly EqualizerPreset[] = ['flat', 'bass', 'voice'];

/** The equalizer as a fresh install (or an older sender) has it: off and flat. */
export const DEFAULT_EQUALIZER: EqualizerSettings = {
  enabled: false,
  preamp: 0,
  bands: [...EQ_PRESETS.flat],
};

/** The preset `bands` are, or 'custom' when the listener has moved a band off every preset. */
export function presetOf(bands: readonly number[]): EqualizerPreset | 'custom' {
  const match = EQ_PRESET_NAMES.find((name) => EQ_PRESETS[name].every((gain, i) => gain === bands[i]));
  return match ?? 'custom';
}

/** A gain within the equalizer's limit (±12 dB); anything not a number is 0. */
export function clampGain(db: number): number {
  return Number.isFinite(db) ? Math.min(EQ_LIMIT_DB, Math.max(-EQ_LIMIT_DB, db)) : 0;
}

/** "31 Hz" … "16 kHz". */
export function bandLabel(frequency: number): string {
  return frequency >= 1000 ? `${frequency / 1000} kHz` : `${frequency} Hz`;
}

/** An octave between neighbours: Q √2 makes each peak about an octave wide, so flat bands sum evenly. */
const PEAK_Q = Math.SQRT2;
/** Changes of gain follow this time constant: fast to hear, slow enough not to click. */
const GAIN_SMOOTH_SECONDS = 0.03;
/** Taking the equalizer out waits for its gains to reach 0 dB first, so the path changes without a step. */
const BYPASS_AFTER_MS = 150;

export interface Equalizer {
  readonly preamp: GainNode;
  readonly filters: readonly BiquadFilterNode[];
  /** Follows `settings`: gains ramped; put in the path or taken out (after ramping to flat) as `enabled` says. */
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
    filter.type = i === 0 ? 'lowshelf' : i === EQ_BAND_COUNT - 1 ? 'highshelf' : 'peaking';
    filter.frequency.value = frequency;
    filter.Q.value = PEAK_Q;
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

  return {
    preamp,
    filters,
    apply(settings) {
      version += 1;
      if (settings.enabled) {
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
