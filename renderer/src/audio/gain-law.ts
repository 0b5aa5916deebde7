// How loud to play a track: the gain that brings its measured loudness to the chosen target, never a boost
// above +6 dB, set once by a quick ramp when a first play's first seconds have been measured (or from the
// first second by a remembered loudness), then moved slowly so it never pumps.

/** The targets Settings offers (LUFS); null is normalization off. */
export const LOUDNESS_TARGETS = [-14, -18, -23] as const;
export type LoudnessTarget = (typeof LOUDNESS_TARGETS)[number];
export const DEFAULT_TARGET: LoudnessTarget = -14;
export const MAX_BOOST_DB = 6;
/**
 * A track never measured keeps 0 dB until this much of its sound has been heard, then its gain is set by one
 * quick ramp: early enough that the output's short-term loudness (3 s) holds only the set gain 5 s in, with
 * room to spare for a busy page that hears of the measurement late.
 */
export const FIRST_SET_SECONDS = 1;
/** That first setting's ramp: a few hundred milliseconds, so the step is heard as a move, never as a click. */
export const FIRST_SET_RAMP_SECONDS = 0.2;
/** This play's measurement wins over a remembered loudness once this much of it has been heard. */
export const TRUST_AFTER_SECONDS = 3;
/**
 * Until this much has been heard, a measurement is judged by its mean (every 100 ms of sound alike), not by
 * its gated integrated loudness: over a few seconds the gating's overlapping 400 ms blocks count the middle
 * of the stretch up to four times and its ends once, so a pulse or a phrase there would skew the gain.
 */
export const GATED_AFTER_SECONDS = 10;
/** The fastest the gain moves while a measurement settles: slow enough never to be heard as pumping. */
export const SLEW_DB_PER_SECOND = 1;

/** The gain (dB) that brings `loudness` to `target`; 0 for silence or when normalization is off. */
export function gainForLoudness(loudness: number, target: LoudnessTarget | null): number {
  if (target === null || !Number.isFinite(loudness)) return 0;
  return Math.min(target - loudness, MAX_BOOST_DB);
}

/** This play's measurement: its gated integrated loudness and its mean (LUFS), over `seconds` of sound. */
export interface Measured {
  integrated: number;
  mean: number;
  seconds: number;
}

/** What is known of a track's loudness: remembered from an earlier play, and measured in this one. */
export interface LoudnessKnowledge {
  remembered: number | null;
  measured: Measured | null;
}

/** The loudness a measurement says: its mean while short, its gated integrated loudness once long enough. */
export function measuredLoudness({ integrated, mean, seconds }: Measured): number {
  return seconds < GATED_AFTER_SECONDS ? mean : integrated;
}

/**
 * The gain a track should have now (`measured.seconds`: of sound heard). A remembered loudness gives the
 * right gain from the first second; a track never measured keeps 0 dB for its first FIRST_SET_SECONDS. A long
 * enough measurement of this play wins over the remembered one (the upload may have changed).
 */
export function wantedGainDb(known: LoudnessKnowledge, target: LoudnessTarget | null): number {
  const { measured, remembered } = known;
  const trustAfter = remembered === null ? FIRST_SET_SECONDS : TRUST_AFTER_SECONDS;
  const loudness = measured === null ? Number.NaN : measuredLoudness(measured);
  if (measured !== null && measured.seconds >= trustAfter && Number.isFinite(loudness)) {
    return gainForLoudness(loudness, target);
  }
  return remembered === null ? 0 : gainForLoudness(remembered, target);
}

/** One step from `current` toward `wanted` (dB) after `elapsedSeconds`, at most SLEW_DB_PER_SECOND. */
export function approachGainDb(current: number, wanted: number, elapsedSeconds: number): number {
  const step = SLEW_DB_PER_SECOND * Math.max(0, elapsedSeconds);
  return current + Math.max(-step, Math.min(step, wanted - current));
}

export const dbToGain = (db: number): number => 10 ** (db / 20);
