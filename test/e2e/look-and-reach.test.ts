// End to end in Chromium: the window's icon and title, selection and the current track told apart (to the eye
// and to screen readers), "jump to current", focus kept in the list after a row's ×, and the compact layout.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addLinks,
  blur,
  catalogue,
  entry,
  focusedItemId,
  openApp,
  openAppWith,
  playingStream,
  playRow,
  row,
  scrollQueue,
  useChromium,
  withApp,
} from './harness';
import { FEATURED_TITLES } from '../helpers/featured';

const browser = useChromium();

/** Whether the row titled `title` lies wholly inside the queue's scrolling box. */
async function inView(page: Page, title: string): Promise<boolean> {
  const box = await page.locator('.queue-scroll').boundingBox();
  const target = row(page, title);
  if (box === null || (await target.count()) === 0) return false;
  const own = await target.boundingBox();
  return own !== null && own.y >= box.y - 1 && own.y + own.height <= box.y + box.height + 1;
}

describe('the window', () => {
  it('loads its icon without a 404, and its title names the current track', async () => {
    await withApp(openApp(browser()), async (app) => {
      const { page } = app;
      const missing: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
      });
      await page.reload();
      await page.getByRole('textbox', { name: 'Add links' }).waitFor();
      const href = await page
        .locator('link[rel="icon"]')
        .evaluate((link) => (link as unknown as { href: string }).href);
      const icon = await page.request.get(href);
      expect(icon.status()).toBe(200);
      expect(icon.headers()['content-type']).toBe('image/svg+xml');
      expect(await page.title()).toBe('Cloudcue');

      const entries = await catalogue(app.simulator);
      const harbour = entry(entries, 'Harbour Lights');
      await page.getByRole('textbox', { name: 'Add links' }).fill(harbour.permalink);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await row(page, 'Harbour Lights').dblclick();
      await playingStream(page);
      await expect.poll(() => page.title()).toBe(`Harbour Lights — ${harbour.artist} · Cloudcue`);
      expect(missing).toEqual([]);
    });
  });

  it('tells selection and the current track apart, by look and by aria-selected / aria-current', async () => {
    await withApp(openAppWith(browser(), FEATURED_TITLES.slice(0, 4)), async (app) => {
      const { page } = app;
      await row(page, 'Harbour Lights').dblclick();
      await playingStream(page);
      await row(page, 'Short Bell').click();
      await expect(row(page, 'Short Bell').getAttribute('aria-selected')).resolves.toBe('true');
      await expect(row(page, 'Lantern Hum').getAttribute('aria-selected')).resolves.toBe('false');
      await expect(row(page, 'Harbour Lights').getAttribute('aria-current')).resolves.toBe('true');
      await expect(row(page, 'Short Bell').getAttribute('aria-current')).resolves.toBeNull();
      // Screen readers hear the title (not an internal id) when they reach a row.
      const labelledBy = (await row(page, 'Short Bell').getAttribute('aria-labelledby')) ?? '';
      const parts = await Promise.all(
        labelledBy.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()),
      );
      const name = parts.join(' ');
      expect(name).toMatch(/^Short Bell /);
      const look = (selector: string) =>
        page.locator(selector).evaluate((el) => {
          const view = globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> };
          const style = view.getComputedStyle(el);
          return { background: style['backgroundColor'], edge: style['boxShadow'] };
        });
      const selectedLook = await look('li[aria-selected="true"]');
      const currentLook = await look('li[aria-current="true"]');
      expect(selectedLook.background).not.toBe(currentLook.background);
      expect(currentLook.edge).toContain('inset');
      expect(selectedLook.edge).toBe('none');
    });
  });

  it('jumps to the current track from far down the queue, by button and by J', async () => {
    // More rows than the window shows: only those in view exist, so the summary says when all have come.
    await withApp(openApp(browser(), { context: { viewport: { width: 900, height: 480 } } }), async (app) => {
      const { page } = app;
      const entries = await catalogue(app.simulator);
      await addLinks(page, FEATURED_TITLES.map((title) => entry(entries, title).permalink).join('\n'));
      await expect
        .poll(() => page.locator('.queue-summary').textContent(), { timeout: 20_000 })
        .toMatch(/^15 items/);
      await playRow(page, 'Lantern Hum');
      await scrollQueue(page, 'bottom');
      await expect.poll(() => inView(page, 'Lantern Hum')).toBe(false);

      await page.getByRole('button', { name: 'Jump to the current track' }).click();
      await expect.poll(() => inView(page, 'Lantern Hum')).toBe(true);
      const currentId = await row(page, 'Lantern Hum').getAttribute('data-item-id');
      await expect.poll(() => focusedItemId(page)).toBe(currentId);

      await scrollQueue(page, 'bottom');
      await expect.poll(() => inView(page, 'Lantern Hum')).toBe(false);
      await blur(page);
      await page.keyboard.press('j');
      await expect.poll(() => inView(page, 'Lantern Hum')).toBe(true);

      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect(help.textContent()).resolves.toContain('Jump to the current track');
    });
  });

  it("keeps the focus in the list after a row's × (on the row that took its place)", async () => {
    await withApp(openAppWith(browser(), FEATURED_TITLES.slice(0, 4)), async (app) => {
      const { page } = app;
      const nextId = await row(page, 'Short Bell').getAttribute('data-item-id');
      await row(page, 'Slow Current').click();
      await row(page, 'Slow Current').getByRole('button', { name: 'Remove' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => row(page, 'Slow Current').count()).toBe(0);
      await expect.poll(() => focusedItemId(page)).toBe(nextId);
      // The list's keys work from there at once.
      await page.keyboard.press('ArrowUp');
      const harbourId = await row(page, 'Harbour Lights').getAttribute('data-item-id');
      await expect.poll(() => focusedItemId(page)).toBe(harbourId);
    });
  });

  it('keeps the focus on a row after its Retry (the button goes once the track resolves)', async () => {
    await withApp(openAppWith(browser(), ['Lantern Hum']), async (app) => {
      const { page, simulator } = app;
      const harbour = entry(await catalogue(simulator), 'Harbour Lights');
      // SoundCloud's API fails for a while: the new link fails with a reason a second try can fix.
      simulator.addFault({ route: 'api-v2.soundcloud.com/*', kind: '500' });
      await addLinks(page, harbour.permalink);
      const failed = page.locator('ul[aria-label="Queue"] > li.status-error');
      await failed.waitFor({ timeout: 30_000 });
      simulator.clearFaults();

      await failed.getByRole('button', { name: 'Retry' }).focus();
      await page.keyboard.press('Enter');
      await row(page, 'Harbour Lights').waitFor({ timeout: 20_000 });
      // The row the link resolved into (a new item in the failed one's place) has the focus.
      const resolvedId = await row(page, 'Harbour Lights').getAttribute('data-item-id');
      await expect.poll(() => focusedItemId(page)).toBe(resolvedId);
      await expect(row(page, 'Harbour Lights').getByRole('button', { name: 'Retry' }).count()).resolves.toBe(
        0,
      );
    });
  });

  it('shows several rows at the minimum size (480×360): one-line paste box, folded player bar', async () => {
    const opening = openAppWith(browser(), FEATURED_TITLES.slice(0, 8), {
      context: { viewport: { width: 480, height: 360 } },
    });
    await withApp(opening, async (app) => {
      const { page } = app;
      await row(page, 'Lantern Hum').dblclick();
      await playingStream(page);
      let whole = 0;
      for (const title of FEATURED_TITLES.slice(0, 8)) if (await inView(page, title)) whole += 1;
      expect(whole).toBeGreaterThanOrEqual(3);
      const paste = await page.getByRole('textbox', { name: 'Add links' }).boundingBox();
      expect(paste?.height).toBeLessThanOrEqual(36);
      const player = await page.getByRole('region', { name: 'Player' }).boundingBox();
      expect(player?.height).toBeLessThanOrEqual(64);
      // Everything that matters stays reachable: play/pause, the seek bar, repeat. (The transport says Loading
      // until the player has seen the sound move.)
      await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
      await expect(page.getByRole('button', { name: 'Pause', exact: true }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('slider', { name: 'Seek' }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: /^Repeat/ }).isVisible()).resolves.toBe(true);
    });
  });

  it('shows the time under the pointer over the waveform, and marks repeat one apart from repeat all', async () => {
    await withApp(openAppWith(browser(), ['Harbour Lights']), async (app) => {
      const { page } = app;
      await row(page, 'Harbour Lights').dblclick();
      await playingStream(page);
      const seek = page.getByRole('slider', { name: 'Seek' });
      const box = await seek.boundingBox();
      if (box === null) throw new Error('no seek bar');
      const duration = Number(await seek.getAttribute('aria-valuemax'));
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const tip = page.locator('.seek-tip');
      await tip.waitFor();
      const half = Math.floor(duration / 2);
      const shown = await tip.textContent();
      const [m, s] = (shown ?? '').split(':').map(Number);
      expect(Math.abs((m ?? 0) * 60 + (s ?? 0) - half)).toBeLessThanOrEqual(1);
      await page.mouse.move(2, 2);
      await tip.waitFor({ state: 'detached' });

      const repeat = page.getByRole('button', { name: /^Repeat/ });
      await repeat.click();
      await expect(repeat.getAttribute('aria-label')).resolves.toBe('Repeat: all');
      await expect(repeat.locator('.mode-badge').count()).resolves.toBe(0);
      await repeat.click();
      await expect(repeat.getAttribute('aria-label')).resolves.toBe('Repeat: one');
      await expect(repeat.locator('.mode-badge').textContent()).resolves.toBe('1');
    });
  });
});
