// `npm run demo`: the Electron app pointed at a freshly started simulator.
import { electronMissing, startElectronApp } from '../../scripts/electron-app';
import { demoLines } from './demo-links';
import type { CatalogueEntry } from './routes/control';
import { startSimulator } from './server';

const missing = electronMissing();
if (missing !== null) {
  console.error(`${missing}\n(\`npm run dev:web\` starts its own simulator too.)`);
  process.exit(1);
}
const simulator = await startSimulator();
const catalogue = (await (await fetch(`${simulator.origin}/_sim/catalogue`)).json()) as CatalogueEntry[];
console.log(`SoundCloud simulator at ${simulator.origin}. Paste any of these links into Cloudcue:`);
for (const { line } of demoLines(catalogue)) console.log(line);

const app = startElectronApp({ ...process.env, CLOUDCUE_SC_ORIGIN: simulator.origin });
const stop = (): void => {
  app?.kill();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
app?.on('exit', (code) => {
  void simulator.close().then(() => process.exit(code ?? 0));
});
