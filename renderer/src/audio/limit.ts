// The peak limiter's settings as plain data (no Web Audio types, so the end-to-end tests measure Chromium's
// compressor with the same values), and the makeup gain a compressor so set adds to all it passes.

/** The threshold (dBFS) and ratio: a hard compressor just under full scale. */
export const LIMIT_DBFS = -1;
export const LIMIT_RATIO = 20;
/** Its attack and release (seconds): a peak is caught within a millisecond and let go within 100 ms. */
export const LIMIT_ATTACK_SECONDS = 0.001;
export const LIMIT_RELEASE_SECONDS = 0.1;

/**
 * The level a DynamicsCompressorNode with no knee adds to all it passes (dB), above its threshold and under
 * it alike: the Web Audio spec's makeup gain, the loss its curve gives a full-scale input, to the power 0.6.
 * A full-scale input comes out at the threshold plus its excess over it divided by the ratio.
 */
export function makeupGainDb(thresholdDb: number, ratio: number): number {
  const fullScaleDb = thresholdDb + (0 - thresholdDb) / ratio;
  return -0.6 * fullScaleDb;
}
