// `npm run simulator [-- --port N --ttl S --latency MS --seed N --bandwidth B/s --no-media-cors --expired-status 410]`
import { parseArgs } from 'node:util';
import { startSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    ttl: { type: 'string' },
    latency: { type: 'string', default: '0' },
    seed: { type: 'string' },
    bandwidth: { type: 'string' },
    'extra-tracks': { type: 'string' },
    'no-media-cors': { type: 'boolean', default: false },
    'expired-status': { type: 'string', default: '403' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run simulator -- [options]
  --port N            listen on 127.0.0.1:N (default: a free port)
  --ttl S             signed media URLs live S seconds (default: track length + 120 s, as on SoundCloud)
  --latency MS        delay every answer by MS milliseconds
  --seed N            catalogue and fault draws from seed N
  --bandwidth B       cap media bodies at B bytes per second
  --extra-tracks N    add N short tracks by one more user (for benchmarks)
  --no-media-cors     omit CORS headers on media hosts
  --expired-status N  answer expired media with 403 (default) or 410`);
  process.exit(0);
}

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number, not ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n;
}

const expiredStatus = number('expired-status', values['expired-status']);
if (expiredStatus !== 403 && expiredStatus !== 410) {
  console.error('--expired-status must be 403 or 410');
  process.exit(2);
}
const ttl = number('ttl', values.ttl);
const seed = number('seed', values.seed);
const bandwidth = number('bandwidth', values.bandwidth);
const extraTracks = number('extra-tracks', values['extra-tracks']);
const simulator = await startSimulator({
  port: number('port', values.port) ?? 0,
  latencyMs: number('latency', values.latency) ?? 0,
  mediaCors: !values['no-media-cors'],
  expiredStatus,
  ...(ttl === undefined ? {} : { ttlSeconds: ttl }),
  ...(seed === undefined ? {} : { seed }),
  ...(bandwidth === undefined ? {} : { mediaBytesPerSecond: bandwidth }),
  ...(extraTracks === undefined ? {} : { extraTracks }),
});
console.log(simulator.origin);
console.error(`SoundCloud simulator listening (seed ${simulator.catalogue.seed}).
  catalogue:     ${simulator.origin}/_sim/catalogue
  credentials:   ${simulator.origin}/_sim/credentials
  official app:  client id ${simulator.officialApp.clientId}, secret ${simulator.officialApp.clientSecret}`);

const stop = (): void => void simulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
