// End to end in Chromium: axe-core finds no serious or critical accessibility violation in the window's main
// states (empty, a queue with a failed item, playing, the settings dialog, dark theme, the compact layout).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addLinks,
  blur,
  colorScheme,
  openApp,
  permalinks,
  playingStream,
  row,
  useChromium,
  withApp,
} from './harness';

const require = createRequire(import.meta.url);
const MISSING = 'https://soundcloud.com/nobody-here/missing';
const TITLES = ['Lantern Hum', 'Harbour Lights', 'Slow Current', 'Short Bell', 'Paper Boats'];

const browser = useChromium();
let axeSource: string;

beforeAll(async () => {
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical violations axe finds in the page as it is, each as "rule: where". */
async function violations(page: Page): Promise<string[]> {
  // Evaluated through DevTools rather than a <script>, which the page's CSP (script-src 'self') would refuse.
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(axeSource);
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })
      .then((r) => r.violations)`)) as Violation[];
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core)', () => {
  it('finds no serious or critical violation in the main states, light and dark', async () => {
    const opening = openApp(browser(), { context: { viewport: { width: 1100, height: 720 } } });
    await withApp(opening, async (app) => {
      const { page } = app;
      expect(await violations(page), 'empty').toEqual([]);
      await colorScheme(page, 'dark');
      expect(await violations(page), 'empty, dark').toEqual([]);
      await colorScheme(page, 'light');

      await addLinks(page, [...(await permalinks(app.simulator, TITLES)), MISSING].join('\n'));
      await expect
        .poll(() => page.locator('.queue-summary').textContent(), { timeout: 20_000 })
        .toMatch(/^6 items · .+ · 1 failed$/);
      await row(page, 'Slow Current').click();
      expect(await violations(page), 'a queue with a selection and a failed item').toEqual([]);

      await row(page, 'Harbour Lights').dblclick();
      await playingStream(page);
      await blur(page);
      expect(await violations(page), 'playing').toEqual([]);

      await colorScheme(page, 'dark');
      expect(await violations(page), 'playing, dark').toEqual([]);

      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('dialog', { name: 'Settings' }).waitFor();
      expect(await violations(page), 'settings, dark').toEqual([]);
      await colorScheme(page, 'light');
      expect(await violations(page), 'settings, light').toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: 'Settings' }).waitFor({ state: 'hidden' });

      await page.setViewportSize({ width: 480, height: 360 });
      expect(await violations(page), 'compact, light').toEqual([]);
      await colorScheme(page, 'dark');
      expect(await violations(page), 'compact, dark').toEqual([]);
    });
  });
});
