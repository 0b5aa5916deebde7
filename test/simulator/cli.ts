// `npm run simulator [-- --port N --ttl S --latency MS]`: serves the simulator until interrupted.
import { parseArgs } from 'node:util';
import { startSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    ttl: { type: 'string' },
    latency: { type: 'string', default: '0' },
    'no-media-cors': { type: 'boolean', default: false },
  },
});

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number, not ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n;
}

const ttl = number('ttl', values.ttl);
const simulator = await startSimulator({
  port: number('port', values.port) ?? 0,
  latencyMs: number('latency', values.latency) ?? 0,
  mediaCors: !values['no-media-cors'],
  ...(ttl === undefined ? {} : { ttlSeconds: ttl }),
});
console.log(simulator.origin);
console.error(`SoundCloud simulator listening; catalogue at ${simulator.origin}/_sim/catalogue`);

const stop = (): void => void simulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
