// End to end in Chromium: a restored 10,000-item queue shows its first screen, and is reached and edited
// as a short one is (keys to its last row, dragging and moving rows there, jumping back to the current one).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSession } from '../../electron/state/session-format';
import type { SavedItem } from '../../shared/ipc';
import { startSimulator, type Simulator } from '../simulator/server';
import {
  catalogue,
  focusedItemId,
  openApp,
  queueTitles,
  rows,
  useChromium,
  withApp,
  type App,
} from './harness';

const SIZE = 10_000;
const browser = useChromium();
let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

/** A fresh app on a saved queue of SIZE ready items, titled "<title> #<n>", the current one `currentAt`. */
async function openLarge(currentAt: number): Promise<App> {
  const tracks = (await catalogue(simulator)).filter((e) => e.kind === 'track' && e.role === null);
  const items: SavedItem[] = Array.from({ length: SIZE }, (_, i) => {
    const entry = tracks[i % tracks.length];
    if (entry === undefined) throw new Error('no tracks');
    return {
      id: `large-${i + 1}`,
      link: entry.permalink,
      kind: 'track',
      startSeconds: 0,
      status: 'ready',
      track: {
        id: 800_000 + i,
        permalink: entry.permalink,
        title: `${entry.title} #${i + 1}`,
        artist: entry.artist,
        durationMs: entry.duration,
        artworkUrl: null,
        waveformUrl: null,
        access: 'playable',
      },
    };
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'cloudcue-large-'));
  const session = {
    version: 1 as const,
    items,
    currentId: `large-${currentAt}`,
    positionSeconds: 0,
    volume: 1,
    muted: false,
    shuffle: false,
    repeat: 'off' as const,
  };
  await writeFile(join(dataDir, 'session.json'), encodeSession(session));
  return openApp(browser(), { simulator, dataDir, context: { viewport: { width: 1000, height: 640 } } });
}

const numbers = async (page: Page): Promise<number[]> =>
  (await queueTitles(page)).map((title) => Number(title.split('#')[1]));

describe('a queue of 10,000 items', () => {
  it('renders a screenful of rows in a grid that counts all 10,000, and reaches the last by End', async () => {
    await withApp(openLarge(1), async (app) => {
      const { page } = app;
      const grid = page.getByRole('grid', { name: 'Queue' });
      await rows(page).first().waitFor();
      await expect(grid.getAttribute('aria-rowcount')).resolves.toBe(String(SIZE));
      const shown = await rows(page).count();
      expect(shown).toBeGreaterThan(5);
      expect(shown).toBeLessThan(60);
      await expect(rows(page).first().getAttribute('aria-rowindex')).resolves.toBe('1');

      await rows(page).first().click();
      await page.keyboard.press('End');
      await expect.poll(() => focusedItemId(page)).toBe(`large-${SIZE}`);
      const last = page.locator(`[data-item-id="large-${SIZE}"]`);
      await expect(last.getAttribute('aria-rowindex')).resolves.toBe(String(SIZE));
      await expect(last.getAttribute('aria-selected')).resolves.toBe('true');
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => focusedItemId(page)).toBe(`large-${SIZE - 1}`);
      await page.keyboard.press('Home');
      await expect.poll(() => focusedItemId(page)).toBe('large-1');
    });
  });

  it('moves rows at its end by Alt+↑ and by dragging, and jumps back to the current track', async () => {
    await withApp(openLarge(5_000), async (app) => {
      const { page } = app;
      await rows(page).first().click();
      await page.keyboard.press('End');
      await expect.poll(() => focusedItemId(page)).toBe(`large-${SIZE}`);
      await page.keyboard.press('Alt+ArrowUp');
      await expect.poll(async () => (await numbers(page)).slice(-2)).toEqual([SIZE, SIZE - 1]);
      await expect.poll(() => focusedItemId(page)).toBe(`large-${SIZE}`);

      // …, 9998, 10000, 9999: drag #9998 onto the last row, and it lands after it.
      const from = await page.locator('[data-item-id="large-9998"]').boundingBox();
      const to = await page.locator(`[data-item-id="large-${SIZE - 1}"]`).boundingBox();
      if (from === null || to === null) throw new Error('rows not on screen');
      const x = from.x + from.width * 0.4;
      await page.mouse.move(x, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(x, from.y + from.height / 2 + 10, { steps: 3 });
      await page.mouse.move(x, to.y + to.height / 2 + 4, { steps: 10 });
      await page.mouse.up();
      await expect.poll(async () => (await numbers(page)).slice(-4)).toEqual([9997, SIZE, SIZE - 1, 9998]);

      await page.getByRole('button', { name: 'Jump to the current track' }).click();
      await expect.poll(() => focusedItemId(page)).toBe('large-5000');
      const current = page.locator('[data-item-id="large-5000"]');
      await expect(current.getAttribute('aria-current')).resolves.toBe('true');
      await expect(current.getAttribute('aria-rowindex')).resolves.toBe('5000');
    });
  });
});
