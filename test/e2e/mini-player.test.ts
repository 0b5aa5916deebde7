// End to end in Chromium: the mini player. The bridge has no window to shrink, so the test plays main's part
// and sizes the page as main sizes the window; the layout, the transport and the audio are the app's own.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
  currentTitle,
  moving,
  openAppWith,
  playerBar,
  playingStream,
  playRow,
  queueTitles,
  useChromium,
  withApp,
} from './harness';

const browser = useChromium();
const FIRST = 'Lantern Hum';
const SECOND = 'Harbour Lights';

const miniPlayer = (page: Page) => page.getByRole('region', { name: 'Mini player' });
const queue = (page: Page) => page.getByRole('grid', { name: 'Queue' });

/** Whether the element lies wholly inside the page's viewport (nothing cut off by a small window). */
async function inView(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const size = page.viewportSize();
  if (box === null || size === null) return false;
  return (
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= size.width + 0.5 &&
    box.y + box.height <= size.height + 0.5
  );
}

describe('the mini player', () => {
  it('plays on in a small window and goes back to the full window with the queue as it was', async () => {
    await withApp(openAppWith(browser(), [FIRST, SECOND]), async ({ page }) => {
      const first = await playRow(page, FIRST);

      const button = playerBar(page).getByRole('button', { name: 'Mini player' });
      await expect(button.getAttribute('aria-pressed')).resolves.toBe('false');
      await button.click();
      const mini = miniPlayer(page);
      await mini.waitFor();
      await expect(queue(page).isHidden()).resolves.toBe(true);
      await expect(page.getByRole('textbox', { name: 'Add links' }).isHidden()).resolves.toBe(true);
      await expect(mini.getByText(FIRST).isVisible()).resolves.toBe(true);
      const controls = ['Previous', 'Pause', 'Next', 'Full window'].map((name) =>
        mini.getByRole('button', { name, exact: true }),
      );
      const seek = mini.getByRole('slider', { name: 'Seek' });

      // As main makes the window: its first size, then the smallest it may be made. Nothing is cut off.
      for (const [width, height] of [
        [360, 150],
        [300, 96],
        // 300 × 96 less the title bar of a framed window.
        [300, 60],
      ] as const) {
        await page.setViewportSize({ width, height });
        for (const control of [...controls, seek]) await expect(inView(page, control)).resolves.toBe(true);
      }
      for (const colorScheme of ['dark', 'light'] as const) {
        await page.emulateMedia({ colorScheme });
        await expect(axeViolations(page)).resolves.toEqual([]);
      }
      await page.setViewportSize({ width: 360, height: 150 });

      // Transport in the mini player is the player's own: Next really plays the next track.
      await mini.getByRole('button', { name: 'Next', exact: true }).click();
      await mini.getByText(SECOND).waitFor();
      await expect.poll(async () => (await playingStream(page)).src, { timeout: 15_000 }).not.toBe(first.src);
      await moving(page, 0.5);
      // Escape is for dialogs: the mini player is a window, and stays.
      await page.keyboard.press('Escape');
      await expect(mini.isVisible()).resolves.toBe(true);

      await mini.getByRole('button', { name: 'Full window' }).click();
      await page.setViewportSize({ width: 1000, height: 720 });
      await queue(page).waitFor();
      await expect(mini.count()).resolves.toBe(0);
      // The list measures its new height before it draws rows: a frame or two.
      await expect.poll(() => queueTitles(page)).toEqual([FIRST, SECOND]);
      await expect.poll(() => currentTitle(page)).toBe(SECOND);
      // Still playing through all of it.
      await moving(page, 0.3);
    });
  });

  it('Ctrl+Shift+M switches to the mini player and back', async () => {
    await withApp(openAppWith(browser(), [FIRST]), async ({ page }) => {
      await page.keyboard.press('Control+Shift+M');
      await miniPlayer(page).waitFor();
      await expect(queue(page).isHidden()).resolves.toBe(true);
      await page.keyboard.press('Control+Shift+M');
      await queue(page).waitFor();
      await expect(miniPlayer(page).count()).resolves.toBe(0);
      await expect.poll(() => queueTitles(page)).toEqual([FIRST]);
    });
  });
});
