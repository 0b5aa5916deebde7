// Loudness as ITU-R BS.1770-4 and EBU R128 define it: K-weighting, 400 ms blocks every 100 ms, and the
// integrated loudness gated at −70 LUFS and 10 LU below the ungated mean. Pure: it runs on the page (fed what
// the graph's analysers rendered since the last read) and in tests (fed whole signals) alike.

/** The loudness of silence, and of a measurement with no block above the absolute gate. */
export const SILENCE_LUFS = Number.NEGATIVE_INFINITY;
/** Blocks at or below this are silence to the integrated loudness (and to what counts as heard). */
export const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = 10;
/** Sub-blocks of 100 ms: a gating block is 4 of them (400 ms, 75 % overlap), short-term 30 (3 s). */
const MOMENTARY_SUBBLOCKS = 4;
/** The window of the momentary loudness. */
export const MOMENTARY_SECONDS = MOMENTARY_SUBBLOCKS / 10;
const SHORT_TERM_SUBBLOCKS = 30;
/**
 * Block energies are summed exactly per histogram bin (0.02 LU wide, −70 to +30 LUFS), so memory stays
 * bounded for a 3-hour mix while the gates stay exact to a bin and the integrated figure exact.
 */
const BIN_LU = 0.02;
const BINS = Math.round((30 - ABSOLUTE_GATE_LUFS) / BIN_LU);

type Biquad = { b0: number; b1: number; b2: number; a1: number; a2: number };

/** BS.1770's two K-weighting stages for any sample rate (its table gives 48 kHz; these match it there). */
export function kWeighting(sampleRate: number): [Biquad, Biquad] {
  // Stage 1, a high shelf of about +4 dB above 1.5 kHz (the head's effect).
  let k = Math.tan((Math.PI * 1681.974450955533) / sampleRate);
  const q1 = 0.7071752369554196;
  const vh = 10 ** (3.999843853973347 / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q1 + k * k;
  const shelf = {
    b0: (vh + (vb * k) / q1 + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q1 + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q1 + k * k) / a0,
  };
  // Stage 2, the RLB high-pass at about 38 Hz.
  k = Math.tan((Math.PI * 38.13547087602444) / sampleRate);
  const q2 = 0.5003270373238773;
  a0 = 1 + k / q2 + k * k;
  const highPass = { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / q2 + k * k) / a0 };
  return [shelf, highPass];
}

/** BS.1770's channel weights: 1 for left, right and centre, 1.41 for the surrounds; 5.1's LFE is left out. */
export function channelWeights(channels: number): number[] {
  if (channels === 5) return [1, 1, 1, 1.41, 1.41];
  if (channels === 6) return [1, 1, 1, 0, 1.41, 1.41];
  return Array.from({ length: channels }, () => 1);
}

const toLufs = (meanSquare: number): number =>
  meanSquare > 0 ? -0.691 + 10 * Math.log10(meanSquare) : SILENCE_LUFS;

export interface LoudnessReading {
  /** Over the last 400 ms. */
  momentary: number;
  /** Over the last 3 s. */
  shortTerm: number;
  /** Over everything so far, gated. */
  integrated: number;
  /**
   * Over every 100 ms sub-block so far above the absolute gate, with equal weight: no relative gate and no
   * 400 ms blocks, whose overlap weighs the middle of a short measurement twice as much as its ends.
   */
  mean: number;
  /** Seconds measured. */
  seconds: number;
}

export interface LoudnessMeter {
  /** Feeds planar samples (one array per channel, equal lengths). */
  push(channels: readonly Float32Array[]): void;
  read(): LoudnessReading;
  reset(): void;
}

export function createLoudnessMeter(sampleRate: number, channelCount: number): LoudnessMeter {
  const filters = kWeighting(sampleRate);
  const weights = channelWeights(channelCount);
  const subblockLength = Math.round(sampleRate / 10);
  // Per channel, per stage: the filter's two past inputs and outputs.
  let state: Float64Array[] = [];
  let subblockEnergy = 0; // weighted sum of squares in the current sub-block
  let subblockFill = 0;
  let recent: number[] = []; // the last 30 sub-blocks' weighted sums, oldest first
  let binEnergy = new Float64Array(BINS);
  let binCount = new Uint32Array(BINS);
  let subblocks = 0;
  // The sub-blocks above the absolute gate: their summed energy and how many.
  let audibleEnergy = 0;
  let audibleSubblocks = 0;

  function reset(): void {
    state = Array.from({ length: channelCount }, () => new Float64Array(8));
    subblockEnergy = 0;
    subblockFill = 0;
    recent = [];
    binEnergy = new Float64Array(BINS);
    binCount = new Uint32Array(BINS);
    subblocks = 0;
    audibleEnergy = 0;
    audibleSubblocks = 0;
  }

  /** The mean square over the last `n` sub-blocks, or 0 before there are that many. */
  function meanOfLast(n: number): number {
    if (recent.length < n) return 0;
    let sum = 0;
    for (let i = recent.length - n; i < recent.length; i++) sum += recent[i]!;
    return sum / (n * subblockLength);
  }

  function closeSubblock(): void {
    if (toLufs(subblockEnergy / subblockLength) > ABSOLUTE_GATE_LUFS) {
      audibleEnergy += subblockEnergy;
      audibleSubblocks += 1;
    }
    recent.push(subblockEnergy);
    if (recent.length > SHORT_TERM_SUBBLOCKS) recent.shift();
    subblockEnergy = 0;
    subblockFill = 0;
    subblocks += 1;
    const block = meanOfLast(MOMENTARY_SUBBLOCKS);
    const loudness = toLufs(block);
    if (loudness <= ABSOLUTE_GATE_LUFS) return;
    const bin = Math.min(BINS - 1, Math.floor((loudness - ABSOLUTE_GATE_LUFS) / BIN_LU));
    binEnergy[bin] = binEnergy[bin]! + block;
    binCount[bin] = binCount[bin]! + 1;
  }

  /**
   * Runs channel `c`'s two stages over frames [from, to) and returns their weighted energy. One channel at a
   * time, its state in locals: on the page this runs for every sample of two taps, ten times a second.
   */
  function filterRun(samples: Float32Array | undefined, c: number, from: number, to: number): number {
    const [s1, s2] = filters;
    const st = state[c]!;
    // Direct form I, both stages: st = [x1, x2, y1, y2, z1, z2] (z = the second stage's output).
    let [x1, x2, y1, y2, z1, z2] = [st[0]!, st[1]!, st[2]!, st[3]!, st[4]!, st[5]!];
    let energy = 0;
    for (let i = from; i < to; i++) {
      const x = samples?.[i] ?? 0;
      const y = s1.b0 * x + s1.b1 * x1 + s1.b2 * x2 - s1.a1 * y1 - s1.a2 * y2;
      const z = s2.b0 * y + s2.b1 * y1 + s2.b2 * y2 - s2.a1 * z1 - s2.a2 * z2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      z2 = z1;
      z1 = z;
      energy += z * z;
    }
    st.set([x1, x2, y1, y2, z1, z2]);
    return weights[c]! * energy;
  }

  function push(channels: readonly Float32Array[]): void {
    const frames = channels[0]?.length ?? 0;
    // Up to each sub-block's end at a time, so that each closes with exactly its own samples.
    for (let from = 0; from < frames;) {
      const to = Math.min(frames, from + subblockLength - subblockFill);
      for (let c = 0; c < channelCount; c++) subblockEnergy += filterRun(channels[c], c, from, to);
      subblockFill += to - from;
      from = to;
      if (subblockFill === subblockLength) closeSubblock();
    }
  }

  function integrated(): number {
    let energy = 0;
    let count = 0;
    for (let b = 0; b < BINS; b++) {
      energy += binEnergy[b]!;
      count += binCount[b]!;
    }
    if (count === 0) return SILENCE_LUFS;
    const relativeGate = toLufs(energy / count) - RELATIVE_GATE_LU;
    // The bin holding the relative gate: blocks in it are counted when their bin's lower edge is above it,
    // so the gate is exact to one bin (0.02 LU).
    const first = Math.max(0, Math.ceil((relativeGate - ABSOLUTE_GATE_LUFS) / BIN_LU));
    energy = 0;
    count = 0;
    for (let b = first; b < BINS; b++) {
      energy += binEnergy[b]!;
      count += binCount[b]!;
    }
    return count === 0 ? SILENCE_LUFS : toLufs(energy / count);
  }

  reset();
  return {
    push,
    reset,
    read: () => ({
      momentary: toLufs(meanOfLast(MOMENTARY_SUBBLOCKS)),
      shortTerm: toLufs(meanOfLast(SHORT_TERM_SUBBLOCKS)),
      integrated: integrated(),
      mean:
        audibleSubblocks === 0 ? SILENCE_LUFS : toLufs(audibleEnergy / (audibleSubblocks * subblockLength)),
      seconds: subblocks / 10,
    }),
  };
}
