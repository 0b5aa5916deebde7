// The soak's bridge process: main's backend behind the web bridge, serving a copy of the built renderer (so a
// rebuild of out/ during a long run cannot change the page under it). Prints its URL; SIGTERM closes it. Run
// with --expose-gc: asked for its memory (an IPC message), it collects garbage first, so that samples compare
// what main keeps rather than when the collector last ran.
import { startBridge } from '../bridge/server';
import type { MainMemory } from './processes';

const scOrigin = process.env['SOAK_SC_ORIGIN'];
const rendererDir = process.env['SOAK_RENDERER_DIR'];
if (scOrigin === undefined || rendererDir === undefined) {
  console.error('SOAK_SC_ORIGIN and SOAK_RENDERER_DIR must be set');
  process.exit(2);
}
const bridge = await startBridge({ scOrigin, rendererDir });
console.log(`Cloudcue (web): ${bridge.url}`);
process.on('message', () => {
  globalThis.gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  const memory: MainMemory = { heapUsed, rss, collected: globalThis.gc !== undefined };
  process.send?.(memory);
});
process.on('SIGTERM', () => void bridge.close().then(() => process.exit(0)));
