// How loud to play a track: the gain that brings its measured loudness to the chosen target, never a boost
// above +6 dB, held still until enough has been measured to trust, and moved slowly so it never pumps.

/** The targets Settings offers (LUFS); null is normalization off. */
export const LOUDNESS_TARGETS = [-14, -18, -23] as const;
export type LoudnessTarget = (typeof LOUDNESS_TARGETS)[number];
export const DEFAULT_TARGET: LoudnessTarget = -14;
export const MAX_BOOST_DB = 6;
/** A track's own measurement is trusted once this much of it has played. */
export const TRUST_AFTER_SECONDS = 3;
/** The fastest the gain moves while a measurement settles: slow enough never to be heard as pumping. */
export const SLEW_DB_PER_SECOND = 1;

/** The gain (dB) that brings `loudness` to `target`; 0 for silence or when normalization is off. */
export function gainForLoudness(loudness: number, target: LoudnessTarget | null): number {
  if (target === null || !Number.isFinite(loudness)) return 0;
  return Math.min(target - loudness, MAX_BOOST_DB);
}

/** What is known of a track's loudness: remembered from an earlier play, and measured in this one. */
export interface LoudnessKnowledge {
  remembered: number | null;
  measured: { integrated: number; seconds: number } | null;
}

/**
 * The gain a track should have now. A remembered loudness gives the right gain from the first second; a
 * track never measured keeps 0 dB until its own measurement is trusted. A long enough measurement of this
 * play wins over the remembered one (the upload may have changed).
 */
export function wantedGainDb(known: LoudnessKnowledge, target: LoudnessTarget | null): number {
  const { measured, remembered } = known;
  if (measured !== null && measured.seconds >= TRUST_AFTER_SECONDS && Number.isFinite(measured.integrated)) {
    return gainForLoudness(measured.integrated, target);
  }
  return remembered === null ? 0 : gainForLoudness(remembered, target);
}

/** One step from `current` toward `wanted` (dB) after `elapsedSeconds`, at most SLEW_DB_PER_SECOND. */
export function approachGainDb(current: number, wanted: number, elapsedSeconds: number): number {
  const step = SLEW_DB_PER_SECOND * Math.max(0, elapsedSeconds);
  return current + Math.max(-step, Math.min(step, wanted - current));
}

export const dbToGain = (db: number): number => 10 ** (db / 20);
