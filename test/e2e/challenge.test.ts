// End to end in Chromium: a large set behind SoundCloud's human check. The tracks the set lists in full
// arrive; the rest (stubs, filled through /tracks) fail CHALLENGED with a way out on each row: Retry, and
// Settings (the official API, or a client id of one's own). Once the check is gone and main's pause is
// over, the challenged tracks are asked for again by themselves and the whole set fills in.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGES } from '../../shared/errors';
import { LARGE_SET_SIZE } from '../simulator/catalogue';
import { catalogue, entry, openApp, rows, useChromium, withApp } from './harness';

const browser = useChromium();

/** The queue's summary line: "125 items · 1:02:03 · 120 failed". */
async function summary(page: Page): Promise<{ items: number; failed: number }> {
  const text = (await page.locator('.queue-summary').textContent()) ?? '';
  const items = /^([\d,]+) items?/.exec(text)?.[1] ?? '0';
  const failed = /([\d,]+) failed/.exec(text)?.[1] ?? '0';
  return { items: Number(items.replace(/,/g, '')), failed: Number(failed.replace(/,/g, '')) };
}

/** Waits until nothing in the queue is resolving (the progress line is gone and no row says so). */
async function settled(page: Page, timeoutMs: number): Promise<void> {
  await expect
    .poll(
      async () =>
        (await page.getByRole('status').filter({ hasText: 'Resolving' }).count()) +
        (await rows(page).filter({ hasText: 'Resolving…' }).count()),
      { timeout: timeoutMs },
    )
    .toBe(0);
}

/** `text` as a literal part of a regular expression. */
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pause line as seen (its countdown; screen readers get the same sentence once, hidden). */
const pauseLine = (page: Page) => page.locator('.pause-banner .pause-text');

describe('a set behind a human check', () => {
  it('shows the challenged tracks with Retry and Settings, and fills in once the check is gone', async () => {
    // Tall, so that the virtualized list renders a good part of the set at once.
    const opening = openApp(browser(), { context: { viewport: { width: 1280, height: 2000 } } });
    await withApp(opening, async (app) => {
      const { page, simulator } = app;
      const set = simulator.catalogue.playlists.find((p) => p.tracks.length === LARGE_SET_SIZE);
      if (set === undefined) throw new Error(`no ${LARGE_SET_SIZE}-track set`);
      const link = entry(await catalogue(simulator), set.title).permalink;
      // Both ways the resolver fills a set's stubs: the multi-get and the one-by-one fallback.
      simulator.addFault({ route: 'api-v2.soundcloud.com/tracks', kind: 'challenge-json' });
      simulator.addFault({ route: 'api-v2.soundcloud.com/tracks/*', kind: 'challenge-json' });

      await page.getByRole('textbox', { name: 'Add links' }).fill(link);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect.poll(async () => (await summary(page)).items, { timeout: 20_000 }).toBe(LARGE_SET_SIZE);
      await settled(page, 30_000);

      // Nothing the set listed is lost: the stubs are in the queue, failed, each saying why.
      const { failed } = await summary(page);
      expect(failed).toBeGreaterThan(0);
      expect(failed).toBeLessThan(LARGE_SET_SIZE);
      const challenged = rows(page).filter({ hasText: DEFAULT_MESSAGES.CHALLENGED });
      const failedRows = page.locator('ul[aria-label="Queue"] > li.status-error');
      await expect(failedRows.count()).resolves.toBeGreaterThan(0);
      await expect(challenged.count()).resolves.toBe(await failedRows.count());
      const first = challenged.first();
      await expect(first.getByRole('button', { name: 'Retry' }).isVisible()).resolves.toBe(true);

      // The pause main took is on screen, calmly, with its countdown.
      await expect(pauseLine(page).textContent()).resolves.toMatch(
        new RegExp(`^${escape(DEFAULT_MESSAGES.CHALLENGED)} Resuming in (\\d+ min( \\d+ s)?|\\d+ s)\\.$`),
      );

      // The way out: Settings, with the official API and the Web API's client id.
      await first.getByRole('button', { name: 'Open settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByRole('radio', { name: 'Official API' }).waitFor();
      await dialog.getByRole('textbox', { name: 'Web API client id (optional)' }).waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });

      // SoundCloud lets Cloudcue through again; main keeps its pause, so a Retry now is told the same.
      simulator.clearFaults();
      await first.getByRole('button', { name: 'Retry' }).click();
      await settled(page, 10_000);
      await expect((await summary(page)).failed).toBe(failed);

      // Once the pause is over (its line goes away by itself), the challenged tracks are asked for again
      // without a click, as their message promises, and the set fills in.
      await pauseLine(page).waitFor({ state: 'detached', timeout: 90_000 });
      await expect.poll(async () => (await summary(page)).failed, { timeout: 60_000 }).toBe(0);
      await settled(page, 30_000);
      await expect(summary(page)).resolves.toEqual({ items: LARGE_SET_SIZE, failed: 0 });
      // The rows render from a deferred copy of the items, so they may follow the summary by a few frames.
      const notReady = async (): Promise<number> =>
        (await rows(page).count()) - (await rows(page).filter({ hasText: 'Ready' }).count());
      await expect.poll(notReady, { timeout: 10_000 }).toBe(0);
      await expect(rows(page).count()).resolves.toBeGreaterThan(0);
    });
  }, 180_000);
});
