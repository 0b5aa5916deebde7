// The equalizer's bands and presets as plain data (no Web Audio types, so the end-to-end tests compute their
// expected response from the same values): frequencies, filter kinds, Q, presets, and their names and labels.
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

/** Band `index`'s filter: shelves at the ends (they lift or cut all beyond), peaks between. */
export function bandType(index: number): 'lowshelf' | 'peaking' | 'highshelf' {
  return index === 0 ? 'lowshelf' : index === EQ_BAND_COUNT - 1 ? 'highshelf' : 'peaking';
}

/** "31 Hz" … "16 kHz". */
export function bandLabel(frequency: number): string {
  return frequency >= 1000 ? `${frequency / 1000} kHz` : `${frequency} Hz`;
}

/** An octave between neighbours: Q √2 makes each peak about an octave wide, so flat bands sum evenly. */
export const EQ_Q = Math.SQRT2;
