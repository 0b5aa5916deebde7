// A simulator of one test's own, for settings or faults no other test may see: closed when that test ends,
// passed or failed.
import { onTestFinished } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/server';

export async function ownSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator(options);
  onTestFinished(() => sim.close());
  return sim;
}
