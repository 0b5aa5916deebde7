// End to end in Chromium: SoundCloud asks Cloudcue to slow down (a 429 with Retry-After). The window says so
// in a calm status line with a countdown, and the items finish resolving once the wait is over: none of
// them fails RATE_LIMITED.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGES } from '../../shared/errors';
import { catalogue, entry, openApp, rows, useChromium, waitForQueue, withApp } from './harness';

const TITLES = ['Lantern Hum', 'Harbour Lights', 'Short Bell', 'Paper Boats'];
const WAIT_SECONDS = 6;

const browser = useChromium();

describe('a request to slow down', () => {
  it('shows a countdown while main waits, and every item resolves afterwards', async () => {
    await withApp(openApp(browser()), async (app) => {
      const { page, simulator } = app;
      const entries = await catalogue(simulator);
      const links = TITLES.map((title) => entry(entries, title).permalink);
      // api-v2 answers the first request with a 429 naming a wait of several seconds.
      simulator.addFault({
        route: 'api-v2.soundcloud.com/*',
        kind: '429-retry-after',
        retryAfter: WAIT_SECONDS,
        count: 1,
      });
      await page.getByRole('textbox', { name: 'Add links' }).fill(links.join('\n'));
      await page.getByRole('button', { name: 'Add', exact: true }).click();

      const line = page.getByRole('status').locator('.pause-text');
      await line.waitFor({ timeout: 10_000 });
      const seen = (await line.textContent()) ?? '';
      const match = /^SoundCloud asks Cloudcue to slow down; resuming in (\d+) s\.$/.exec(seen);
      expect(match, seen).not.toBeNull();
      const first = Number(match?.[1]);
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(WAIT_SECONDS);
      // It counts down.
      await expect
        .poll(async () => Number(/in (\d+) s/.exec((await line.textContent()) ?? '')?.[1] ?? 0), {
          timeout: 3_000,
        })
        .toBeLessThan(first);
      // Meanwhile the items wait, resolving: main holds them rather than failing them.
      await expect(rows(page).filter({ hasText: 'Resolving…' }).count()).resolves.toBeGreaterThan(0);

      await waitForQueue(page, TITLES.length, (WAIT_SECONDS + 10) * 1000);
      await line.waitFor({ state: 'detached', timeout: 5_000 });
      await expect
        .poll(() => rows(page).filter({ hasText: 'Ready' }).count(), { timeout: 5_000 })
        .toBe(TITLES.length);
      await expect(rows(page).filter({ hasText: DEFAULT_MESSAGES.RATE_LIMITED }).count()).resolves.toBe(0);
      expect(simulator.requests.filter((r) => r.fault === '429-retry-after')).toHaveLength(1);
    });
  }, 60_000);
});
