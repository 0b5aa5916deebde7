// `npm run simulator [-- options]`: the simulator alone on loopback, its switches as flags (`--help`).
import { parseArgs } from 'node:util';
import { startSimulator } from './server';
import { parseSettings, type SimSettings } from './settings';

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
    'bot-check': { type: 'string' },
    'bot-check-shape': { type: 'string' },
    'home-challenge': { type: 'boolean', default: false },
    'no-home-hydration': { type: 'boolean', default: false },
    'no-realistic-paging': { type: 'boolean', default: false },
    'track-authorization': { type: 'string' },
    'official-streams': { type: 'string' },
    'legacy-api': { type: 'string' },
    'label-plain-streams': { type: 'string' },
    quota: { type: 'string' },
    'official-quota': { type: 'string' },
    'rotate-client-id-every': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run simulator -- [options]
The defaults imitate SoundCloud as it behaves in 2026; each switch below picks a kinder mode.
  --port N                     listen on 127.0.0.1:N (default: a free port)
  --ttl S                      signed media URLs live S seconds (default: track length + 120 s, as on SoundCloud)
  --latency MS                 delay every answer by MS milliseconds
  --seed N                     catalogue and fault draws from seed N
  --bandwidth B                cap media bodies at B bytes per second
  --extra-tracks N             add N short tracks by one more user (for benchmarks)
  --no-media-cors              omit CORS headers on media hosts
  --expired-status N           answer expired media with 403 (default) or 410
  --bot-check MODE             DataDome on api-v2: non-browser (default), off, always
  --bot-check-shape SHAPE      challenge-json (default), cloudfront-block, waf-202
  --home-challenge             soundcloud.com pages answer everyone with DataDome's captcha
  --no-home-hydration          home page without __sc_hydration (client_id only in the asset script)
  --no-realistic-paging        lists filter before paging (full pages, next_href keeps linked_partitioning)
  --track-authorization MODE   optional (default: public tracks play without it) or required
  --official-streams MODE      aac-only (default) or with-mp3 (the shape before the 2025 deprecation)
  --legacy-api MODE            retired (default: 401) or historical (the 2012-2019 chain)
  --label-plain-streams MODE   missing (default: 404) or served
  --quota N/S|off              api-v2 stream requests per S seconds (default 600/600)
  --official-quota N/S|off     official-API stream requests per S seconds (default 15000/86400)
  --rotate-client-id-every N   rotate the api-v2 client_id after every N api-v2 requests`);
  process.exit(0);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    fail(`--${name} must be a non-negative number, not ${JSON.stringify(value)}`);
  return n;
}

/** `600/600` → {limit: 600, windowSeconds: 600}; `off` → null (checked with the settings below). */
function quota(name: string, value: string | undefined): unknown {
  if (value === undefined) return undefined;
  if (value === 'off') return null;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value);
  if (match === null)
    fail(`--${name} must be N/S (requests per seconds) or off, not ${JSON.stringify(value)}`);
  return { limit: Number(match[1]), windowSeconds: Number(match[2]) };
}

const flags: Record<string, unknown> = {
  latencyMs: number('latency', values.latency),
  mediaCors: !values['no-media-cors'],
  expiredStatus: number('expired-status', values['expired-status']),
  ttlSeconds: number('ttl', values.ttl),
  mediaBytesPerSecond: number('bandwidth', values.bandwidth),
  botCheck: values['bot-check'],
  botCheckShape: values['bot-check-shape'],
  homeChallenge: values['home-challenge'],
  homeHydration: !values['no-home-hydration'],
  realisticPaging: !values['no-realistic-paging'],
  trackAuthorization: values['track-authorization'],
  officialStreams: values['official-streams'],
  legacyApi: values['legacy-api'],
  labelPlainStreams: values['label-plain-streams'],
  quota: quota('quota', values.quota),
  officialQuota: quota('official-quota', values['official-quota']),
  rotateClientIdEvery: number('rotate-client-id-every', values['rotate-client-id-every']),
};
// The same checks as POST /_sim/settings, so a flag and the control API accept the same values.
const settings = parseSettings(Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)));
if (typeof settings === 'string') fail(`bad option: ${settings}`);

const seed = number('seed', values.seed);
const extraTracks = number('extra-tracks', values['extra-tracks']);
const simulator = await startSimulator({
  port: number('port', values.port) ?? 0,
  ...(settings satisfies Partial<SimSettings>),
  ...(seed === undefined ? {} : { seed }),
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
