// The simulator's seeded random generator, so a catalogue, its faults and its quotas come out the same for
// a seed. Its home is here, not in test/helpers: the simulator also runs alone (`npm run simulator`, the
// demo) and imports nothing of the tests; test/helpers/random.ts hands the same generator to the tests.
/** mulberry32: small, fast, and good enough to spread test choices; not for anything secret. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
