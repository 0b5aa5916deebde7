// `npm run dev:web [-- --port N]`: the built renderer in any browser, against the simulator or CLOUDCUE_SC_ORIGIN.
import { parseArgs } from 'node:util';
import { OriginError, parseScOrigin } from '../../electron/soundcloud/hosts';
import { startSimulator, type Simulator } from '../simulator/server';
import { startBridge } from './server';

const { values } = parseArgs({ options: { port: { type: 'string', default: '5199' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not ${JSON.stringify(values.port)}`);
  process.exit(2);
}

let scOrigin: string | null;
try {
  scOrigin = parseScOrigin(process.env['CLOUDCUE_SC_ORIGIN']);
} catch (error) {
  console.error(error instanceof OriginError ? error.message : error);
  process.exit(2);
}

let simulator: Simulator | null = null;
if (scOrigin === null) {
  simulator = await startSimulator();
  scOrigin = simulator.origin;
}

try {
  const bridge = await startBridge({ scOrigin, port });
  console.log(`Cloudcue (web):      ${bridge.url}`);
  console.log(`SoundCloud origin:   ${scOrigin}${simulator ? ' (built-in simulator)' : ''}`);
  if (simulator) console.log(`Links to try:        ${scOrigin}/_sim/catalogue`);
  const stop = (): void => void Promise.all([bridge.close(), simulator?.close()]).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await simulator?.close();
  process.exit(1);
}
