// End to end in Chromium: with "When the queue ends: play related tracks" chosen in Settings, the last
// track's end adds its related tracks as one marked group that plays on, and the group goes in one click.
import { describe, expect, it } from 'vitest';
import { relatedOf } from '../simulator/catalogue-lists';
import {
  currentTitle,
  expectQueue,
  openAppWith,
  playingStream,
  row,
  rows,
  simTrack,
  useChromium,
  withApp,
} from './harness';

const browser = useChromium();

describe('when the queue ends', () => {
  it('plays on with the last track’s related tracks, marked as a group that one click removes', async () => {
    await withApp(openAppWith(browser(), ['Lantern Hum']), async (app) => {
      const { page } = app;
      const last = simTrack(app.simulator, 'Lantern Hum');

      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('radio', { name: 'Play related tracks' }).check();
      // Exactly: the queue toolbar has a "Save queue as playlist" button too.
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await row(page, last.title).dblclick();
      await playingStream(page);
      // Skip to just before the end rather than wait the whole track out.
      const seek = page.getByRole('slider', { name: 'Seek' });
      const box = await seek.boundingBox();
      if (box === null) throw new Error('no seek bar');
      await page.mouse.click(box.x + box.width * 0.97, box.y + box.height / 2);

      const related = relatedOf(app.simulator.catalogue, last).map((t) => t.title);
      await expectQueue(page, [last.title, ...related], 30_000);
      const marked = rows(page).filter({ hasText: `Related to ${last.title}` });
      await expect(marked.count()).resolves.toBe(related.length);
      await expect.poll(() => currentTitle(page), { timeout: 15_000 }).toBe(related[0]);
      await playingStream(page);

      await page.getByRole('button', { name: `Remove “Related to ${last.title}”` }).click();
      await expectQueue(page, [last.title]);
    });
  });
});
