// `npm run demo`: the Electron app pointed at a freshly started simulator.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { startSimulator } from './server';

const simulator = await startSimulator();
const catalogue = (await (await fetch(`${simulator.origin}/_sim/catalogue`)).json()) as {
  permalink: string;
  title: string;
}[];
console.log(`SoundCloud simulator at ${simulator.origin}. Paste any of these links into Cloudcue:`);
for (const entry of catalogue) console.log(`  ${entry.permalink}   (${entry.title})`);

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
