// `npm run demo`: the Electron app pointed at a freshly started simulator.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { CatalogueEntry } from './routes/control';
import { startSimulator } from './server';

const simulator = await startSimulator();
const catalogue = (await (await fetch(`${simulator.origin}/_sim/catalogue`)).json()) as CatalogueEntry[];
console.log(`SoundCloud simulator at ${simulator.origin}. Paste any of these links into Cloudcue:`);
// The large archive set's own tracks are left out of the listing; the set itself is shown.
for (const entry of catalogue.filter((e) => !(e.kind === 'track' && e.artist === 'Tape Archive'))) {
  const note = entry.role === null ? entry.kind : `${entry.kind}, ${entry.role}`;
  console.log(`  ${entry.permalink}   (${entry.title}; ${note})`);
}

const electronVite = createRequire(import.meta.url).resolve('electron-vite/bin/electron-vite.js');
const app = spawn(process.execPath, [electronVite, 'preview'], {
  stdio: 'inherit',
  env: { ...process.env, CLOUDCUE_SC_ORIGIN: simulator.origin },
});
const stop = (): void => {
  app.kill();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
app.on('exit', (code) => {
  void simulator.close().then(() => process.exit(code ?? 0));
});
