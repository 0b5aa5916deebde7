// End to end in Chromium: screenshots of the window (light, dark, a playlist open beside the Playlists panel, and
// compact at the minimum size) with a realistic queue, for review and the README.
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addLinks,
  blur,
  button,
  colorScheme,
  openApp,
  permalinks,
  playingStream,
  row,
  rows,
  useChromium,
  withApp,
  type App,
} from './harness';
import { FEATURED_TITLES } from '../helpers/featured';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));
const MISSING = 'https://soundcloud.com/nobody-here/missing';
const PLAYING = 'Harbour Lights';

const browser = useChromium();

/** The page's side of the image check; declared here because the Node type check has no DOM. */
interface PageImages {
  document: { querySelectorAll(selector: string): ArrayLike<{ complete: boolean; naturalWidth: number }> };
}

/** Waits until every artwork in view has loaded (rows load theirs lazily) and the waveform is drawn. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const images = Array.from((globalThis as unknown as PageImages).document.querySelectorAll('img'));
    return images.length > 0 && images.every((img) => img.complete && img.naturalWidth > 0);
  });
  await page.getByRole('slider', { name: 'Seek' }).locator('svg.seek-wave').first().waitFor();
}

/**
 * Writes `name`.png to the artifacts and, on request only (so that a test run leaves the working tree alone),
 * to docs/`docsName`.png for the README; each picture stays small enough for a repository (< 300 kB).
 */
async function capture(page: Page, name: string, docsName: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}${name}.png`;
  const image = await page.screenshot({ path, animations: 'disabled' });
  expect(image.length).toBeGreaterThan(10_000);
  expect(image.length).toBeLessThan(300_000);
  if (process.env['CLOUDCUE_UPDATE_SCREENSHOT'] === '1') {
    await mkdir(DOCS, { recursive: true });
    await copyFile(path, `${DOCS}${docsName}.png`);
  }
}

/** Twenty items (nineteen tracks and a link that fails), one of them playing 12 s in. */
async function fillTheWindow(page: Page, app: App): Promise<void> {
  const special = ['Unlisted Demo', 'Chart Single', 'Blank Canvas', 'Archive Tape 001'];
  const links = await permalinks(app.simulator, [...FEATURED_TITLES, ...special]);
  links.splice(3, 0, MISSING);
  expect(links).toHaveLength(20);
  await addLinks(page, links.join('\n'));
  // Only the rows in view exist: the summary and the progress line speak for the rest.
  await expect
    .poll(() => page.locator('.queue-summary').textContent(), { timeout: 20_000 })
    .toMatch(/^20 items · .+ · 1 failed$/);
  await page.getByRole('status').filter({ hasText: 'Resolving' }).waitFor({ state: 'detached' });
  // The final count and the "Added…" line are short-lived: the pictures show the window once they have gone.
  await page.locator('.progress, .add-links .added').first().waitFor({ state: 'detached', timeout: 10_000 });
  await expect.poll(() => rows(page).filter({ hasText: 'Resolving…' }).count()).toBe(0);

  await row(page, PLAYING).dblclick();
  await playingStream(page);
  const seek = page.getByRole('slider', { name: 'Seek' });
  const box = await seek.boundingBox();
  if (box === null) throw new Error('no seek bar');
  await page.mouse.click(box.x + (box.width * 12) / 36.3, box.y + box.height / 2);
  // No hover, no selection, no focus ring: the window as it looks while listening.
  await page.mouse.move(2, 2);
  await row(page, PLAYING).focus();
  await page.keyboard.press('Escape');
  await blur(page);
  await settled(page);
  // After the seek the transport says "Loading" until the player has seen the sound move on from there.
  await button(page, 'Pause').waitFor();
}

/** The queue saved as a playlist named `name`, open in the middle of the window, the queue playing on. */
async function openAsPlaylist(page: Page, name: string): Promise<void> {
  await button(page, 'Save queue as playlist').click();
  await button(page, 'Rename').click();
  await page.getByRole('textbox', { name: 'Playlist name' }).fill(name);
  await button(page, 'Save name').click();
  const list = page.getByRole('grid', { name, exact: true });
  await expect.poll(() => list.getByRole('row').count()).toBeGreaterThan(5);
  // The rename's toast is short-lived: the picture shows the window once it has gone.
  await page.locator('.playlist-toast').waitFor({ state: 'detached', timeout: 15_000 });
  await page.mouse.move(2, 2);
  await blur(page);
  await settled(page);
}

describe('screenshots', () => {
  it('captures the window (1100×720) in light and dark, with a playlist open, and compact (480×360), with 20 items, one failed and one playing', async () => {
    const opening = openApp(browser(), { context: { viewport: { width: 1100, height: 720 } } });
    await withApp(opening, async (app) => {
      await fillTheWindow(app.page, app);
      for (const scheme of ['light', 'dark'] as const) {
        await colorScheme(app.page, scheme);
        await expect(button(app.page, 'Pause').count()).resolves.toBe(1);
        await expect(rows(app.page).locator('[aria-current="true"]').count()).resolves.toBe(0);
        await expect(rows(app.page).and(app.page.locator('[aria-current="true"]')).count()).resolves.toBe(1);
        await capture(app.page, `window-${scheme}`, scheme === 'light' ? 'screenshot' : 'screenshot-dark');
      }

      await colorScheme(app.page, 'light');
      await openAsPlaylist(app.page, 'Late evenings');
      await capture(app.page, 'window-playlists', 'screenshot-playlists');
      await app.page
        .getByRole('navigation', { name: 'Playlists' })
        .getByRole('button', { name: /^Now playing/ })
        .click();

      // The smallest window the app allows: the compact layout, with the current track in view.
      await app.page.setViewportSize({ width: 480, height: 360 });
      await app.page.getByRole('button', { name: 'Jump to the current track' }).click();
      await app.page.mouse.move(2, 2);
      await blur(app.page);
      await settled(app.page);
      await capture(app.page, 'window-compact', 'screenshot-compact');
    });
  });
});
