// End to end in Chromium: a two-hour radio show whose description lists its chapters shows a mark for each on
// the seek bar and the chapter playing under its title; Shift+Alt+→ and the Next chapter button jump to the
// next chapter's start, where the audio really plays on. A podcast whose times are no tracklist shows none.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LONG_PODCAST, RADIO_SHOW } from '../helpers/sim-catalogue';
import { meantChapters } from '../helpers/sim-chapters';
import {
  blur,
  button,
  moving,
  openAppWith,
  playerBar,
  playingPosition,
  playRow,
  simTrack,
  useChromium,
  withApp,
} from './harness';

const browser = useChromium();
const SHOW = RADIO_SHOW.title;
const PODCAST = LONG_PODCAST.title;

const chapterLine = (page: Page) => playerBar(page).locator('.track-chapter');

/** Waits until the audio plays from `seconds` on (not before it, not far past it), and moves on from there. */
async function playsFrom(page: Page, seconds: number): Promise<void> {
  await expect
    .poll(async () => (await playingPosition(page)) ?? -1, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(seconds - 0.5);
  expect((await playingPosition(page)) ?? -1).toBeLessThan(seconds + 15);
  const moved = await moving(page, 0.5, 15_000);
  expect(moved).toBeGreaterThan(seconds);
}

describe('chapters', () => {
  it('marks, names and jumps through the chapters of a two-hour show; none for a podcast', async () => {
    await withApp(openAppWith(browser(), [SHOW, PODCAST]), async (app) => {
      const { page } = app;
      const chapters = meantChapters(simTrack(app.simulator, SHOW));
      const [intro, first, second] = chapters;
      if (intro === undefined || first === undefined || second === undefined) throw new Error('no chapters');

      await playRow(page, SHOW, 20_000);
      await expect
        .poll(() => chapterLine(page).textContent())
        .toBe(`Chapter 1 of ${chapters.length}: ${intro.title}`);
      await expect(playerBar(page).locator('.seek-mark').count()).resolves.toBe(chapters.length);
      expect(chapters.length).toBeGreaterThanOrEqual(10);

      // The keys, from the window (no control focused).
      await blur(page);
      await page.keyboard.press('Shift+Alt+ArrowRight');
      await playsFrom(page, first.startMs / 1000);
      await expect.poll(() => chapterLine(page).textContent()).toContain(first.title);
      await expect(
        playerBar(page).getByRole('slider', { name: 'Seek' }).getAttribute('aria-valuetext'),
      ).resolves.toContain(first.title);

      // The button.
      await button(page, 'Next chapter').click();
      await playsFrom(page, second.startMs / 1000);
      await expect.poll(() => chapterLine(page).textContent()).toContain(second.title);

      await playRow(page, PODCAST, 20_000);
      await expect(playerBar(page).locator('.seek-mark').count()).resolves.toBe(0);
      await expect(chapterLine(page).count()).resolves.toBe(0);
      await expect(button(page, 'Next chapter').count()).resolves.toBe(0);
      await expect(button(page, 'Previous chapter').count()).resolves.toBe(0);
    });
  });
});
