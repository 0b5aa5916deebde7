// A seeded random generator for tests and benchmarks, so a run that fails (or a soak's path) can be
// replayed exactly: the simulator's own mulberry32, one generator for both.
export { seededRandom } from '../simulator/random';
