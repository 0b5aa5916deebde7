// End to end in Chromium: a profile whose newest uploads are all private or removed. api-v2's first page
// of its tracks comes back empty while next_href goes on; the queue still gets every public track.
import { describe, expect, it } from 'vitest';
import { catalogue, openApp, queueTitles, rows, useChromium, withApp } from './harness';

const browser = useChromium();

describe('a profile with empty pages', () => {
  it('fills the queue with every public track of quiet-room', async () => {
    // Tall, so that the virtualized list renders every row of the profile at once.
    const opening = openApp(browser(), { context: { viewport: { width: 1280, height: 2400 } } });
    await withApp(opening, async (app) => {
      const { page, simulator } = app;
      const entries = await catalogue(simulator);
      const user = entries.find((e) => e.kind === 'user' && e.permalink.endsWith('/quiet-room'));
      if (user === undefined) throw new Error('no quiet-room user in the simulator');
      // Public and playable: what a listener sees on the profile page.
      const playable = entries
        .filter((e) => e.kind === 'track' && e.artist === user.title && e.role === null)
        .map((e) => e.title);
      expect(playable.length).toBeGreaterThan(0);

      await page.getByRole('textbox', { name: 'Add links' }).fill('https://soundcloud.com/quiet-room');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect
        .poll(async () => await rows(page).filter({ hasText: 'Ready' }).count(), { timeout: 30_000 })
        .toBe(playable.length);
      await expect(rows(page).filter({ hasText: 'Resolving…' }).count()).resolves.toBe(0);

      // Every public track, whatever else the profile's pages held (geo-blocked tracks may show as failed).
      const ready = await rows(page).filter({ hasText: 'Ready' }).locator('.row-title').allTextContents();
      expect(new Set(ready)).toEqual(new Set(playable));
      // The profile came in more than one page: the empty first one did not end the walk.
      const pages = simulator.requests.filter(
        (r) => r.host === 'api-v2.soundcloud.com' && /^\/users\/\d+\/tracks$/.test(r.path),
      );
      expect(pages.length).toBeGreaterThan(1);
      // Nothing private or removed reached the queue.
      const hidden = entries
        .filter(
          (e) =>
            e.kind === 'track' && e.artist === user.title && (e.role === 'secret' || e.role === 'removed'),
        )
        .map((e) => e.title);
      expect((await queueTitles(page)).filter((title) => hidden.includes(title))).toEqual([]);
    });
  }, 90_000);
});
