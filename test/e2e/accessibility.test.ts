// End to end in Chromium: axe-core finds no serious or critical accessibility violation in the window's main
// states (empty, a queue with a failed item, playing, the settings dialog, dark theme, the compact layout).
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
  addLinks,
  blur,
  colorScheme,
  openApp,
  openSettings,
  permalinks,
  playRow,
  row,
  settingsDialog,
  useChromium,
  withApp,
} from './harness';

const MISSING = 'https://soundcloud.com/nobody-here/missing';
const TITLES = ['Lantern Hum', 'Harbour Lights', 'Slow Current', 'Short Bell', 'Paper Boats'];

const browser = useChromium();

describe('accessibility (axe-core)', () => {
  it('finds no serious or critical violation in the main states, light and dark', async () => {
    const opening = openApp(browser(), { context: { viewport: { width: 1100, height: 720 } } });
    await withApp(opening, async (app) => {
      const { page } = app;
      expect(await axeViolations(page), 'empty').toEqual([]);
      await colorScheme(page, 'dark');
      expect(await axeViolations(page), 'empty, dark').toEqual([]);
      await colorScheme(page, 'light');

      await addLinks(page, [...(await permalinks(app.simulator, TITLES)), MISSING].join('\n'));
      await expect
        .poll(() => page.locator('.queue-summary').textContent(), { timeout: 20_000 })
        .toMatch(/^6 items · .+ · 1 failed$/);
      await row(page, 'Slow Current').click();
      expect(await axeViolations(page), 'a queue with a selection and a failed item').toEqual([]);

      await playRow(page, 'Harbour Lights');
      await blur(page);
      expect(await axeViolations(page), 'playing').toEqual([]);

      await colorScheme(page, 'dark');
      expect(await axeViolations(page), 'playing, dark').toEqual([]);

      await openSettings(page);
      expect(await axeViolations(page), 'settings, dark').toEqual([]);
      await colorScheme(page, 'light');
      expect(await axeViolations(page), 'settings, light').toEqual([]);
      await page.keyboard.press('Escape');
      await settingsDialog(page).waitFor({ state: 'hidden' });

      await page.setViewportSize({ width: 480, height: 360 });
      expect(await axeViolations(page), 'compact, light').toEqual([]);
      await colorScheme(page, 'dark');
      expect(await axeViolations(page), 'compact, dark').toEqual([]);
    });
  });
});
