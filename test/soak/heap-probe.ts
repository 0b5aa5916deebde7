// `tsx test/soak/heap-probe.ts [--minutes N]`: what the renderer's heap grows by while an unchanged queue plays
// (the soak's first 20 links on repeat, URLs expiring as in the soak): two heap snapshots N minutes apart, and
// the constructors whose objects grew most in count and size between them.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CDPSession } from 'playwright-core';
import type { CatalogueEntry } from '../simulator/routes/control';
import { addLinks, launchChromium } from '../e2e/harness';
import { byConstructor, takeSnapshot } from './heap-snapshot';
import { openSoakPage } from './page';
import { EXPIRY_EVERY_MS, linksOf, PASTE_SIZE } from './plan';
import { startBridgeProcess, startRestartableSimulator } from './processes';

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '3' }, out: { type: 'string' } },
});
const gapMs = Number(values.minutes) * 60_000;

/** The snapshot's objects by constructor; kept whole as a file too when asked. */
async function snapshotByConstructor(cdp: CDPSession): Promise<Map<string, { count: number; size: number }>> {
  const text = await takeSnapshot(cdp);
  // Kept whole when asked, for a look at what retains what (DevTools opens .heapsnapshot files).
  if (values.out !== undefined) await writeFile(`${values.out}-${Date.now()}.heapsnapshot`, text);
  return byConstructor(text);
}

const simulator = await startRestartableSimulator(['--extra-tracks', String(PASTE_SIZE)], async () => {});
const bridge = await startBridgeProcess(simulator.origin);
const browser = await launchChromium();
try {
  const soak = await openSoakPage(browser, bridge.url);
  const { page } = soak;
  const links = linksOf(await simulator.control<CatalogueEntry[]>('GET', 'catalogue'));
  await addLinks(page, links.first.join('\n'));
  await soak.settled(links.first.length, 60_000);
  await page.getByRole('button', { name: 'Repeat: off' }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const expiring = setInterval(
    () => void simulator.control('POST', 'expire-all').catch(() => undefined),
    EXPIRY_EVERY_MS,
  );
  const cdp = await page.context().newCDPSession(page);
  await page.waitForTimeout(30_000);
  const before = await snapshotByConstructor(cdp);
  console.log(`first snapshot; the next in ${gapMs / 60_000} minutes`);
  await page.waitForTimeout(gapMs);
  const after = await snapshotByConstructor(cdp);
  clearInterval(expiring);
  const rows = [...after].map(([key, a]) => {
    const b = before.get(key) ?? { count: 0, size: 0 };
    return { key, count: a.count - b.count, size: a.size - b.size };
  });
  const total = (m: typeof before): number => [...m.values()].reduce((s, e) => s + e.size, 0);
  console.log(`heap objects: ${(total(before) / 1e6).toFixed(2)} MB → ${(total(after) / 1e6).toFixed(2)} MB`);
  for (const row of rows.sort((x, y) => y.size - x.size).slice(0, 40)) {
    console.log(`${String(row.size).padStart(10)} B ${String(row.count).padStart(7)} × ${row.key}`);
  }
} finally {
  await browser.close();
  await bridge.stop();
  await simulator.stop();
}
