// End to end in Chromium: the queue survives an export and import (M3U, JSON), and a restart of the backend.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  addAndWait,
  button,
  catalogue,
  currentTitle,
  entry,
  expectQueue,
  moving,
  openApp,
  playerBar,
  playingStream,
  playRow,
  queueTitles,
  restartApp,
  rows,
  savedJson,
  streams,
  useChromium,
  withApp,
  type App,
} from './harness';
import { outputVolume, recordSoundGraph } from './output-volume';

const browser = useChromium();

const MISSING = 'https://soundcloud.com/nobody-here/missing';

describe('export and import', () => {
  for (const format of ['M3U', 'JSON'] as const) {
    it(`exports the queue as ${format} and imports it back as the same queue`, async () => {
      await withApp(openApp(browser()), async (app) => {
        const entries = await catalogue(app.simulator);
        const titles = ['Paper Boats', 'Lantern Hum', 'Harbour Lights', 'Short Bell'];
        const links = titles.map((title) => entry(entries, title).permalink);
        // A failed link is exported too (as its link), and fails again the same way.
        links.splice(2, 0, MISSING);
        await addAndWait(app.page, links);
        const before = await queueTitles(app.page);
        expect(before).toEqual(['Paper Boats', 'Lantern Hum', MISSING, 'Harbour Lights', 'Short Bell']);

        const [download] = await Promise.all([
          app.page.waitForEvent('download'),
          button(app.page, `Export ${format}`).click(),
        ]);
        const path = await download.path();
        const text = await readFile(path, 'utf8');
        const name = download.suggestedFilename();
        if (format === 'M3U') {
          expect(name).toBe('cloudcue-queue.m3u');
          expect(text.startsWith('#EXTM3U\n')).toBe(true);
          expect(text).toContain('#EXTINF:13,paperkite - Paper Boats\n');
        } else {
          expect(name).toBe('cloudcue-queue.json');
          const parsed = JSON.parse(text) as { format: string; tracks: { link: string; title?: string }[] };
          expect(parsed.format).toBe('cloudcue-queue');
          expect(parsed.tracks.map((t) => t.title ?? t.link)).toEqual(before);
        }
        expect(links.every((link) => text.includes(link))).toBe(true);

        await button(app.page, 'Clear').click();
        await app.page.getByRole('heading', { name: 'Your queue is empty' }).waitFor();
        await app.page.getByLabel('Import a queue file').setInputFiles({
          name,
          mimeType: format === 'M3U' ? 'audio/x-mpegurl' : 'application/json',
          buffer: Buffer.from(text, 'utf8'),
        });
        await expectQueue(app.page, before);
        await expect
          .poll(() => rows(app.page).filter({ hasText: 'Ready' }).count(), { timeout: 5_000 })
          .toBe(4);
        await rows(app.page)
          .filter({ hasText: MISSING })
          .getByText('This track does not exist or was removed.')
          .waitFor();
      });
    });
  }
});

interface SavedSession {
  currentId: string | null;
  positionSeconds: number;
  volume: number;
  repeat: string;
  items: { id: string }[];
}

const savedSession = (app: App) => savedJson<SavedSession>(app, 'session.json');

describe('restart', () => {
  it('restores the queue, the current track paused at its position, and the player’s settings', async () => {
    // The restarted page keeps the init scripts: the output volume is read there.
    let app = await openApp(browser(), { initScripts: [recordSoundGraph] });
    try {
      const entries = await catalogue(app.simulator);
      const titles = ['Lantern Hum', 'Harbour Lights', 'Paper Boats'];
      await addAndWait(
        app.page,
        titles.map((title) => entry(entries, title).permalink),
      );
      const durationSeconds = entry(entries, 'Harbour Lights').duration / 1000;

      await playRow(app.page, 'Harbour Lights');
      await moving(app.page);
      // Click the waveform at 10 s.
      const seek = app.page.getByRole('slider', { name: 'Seek' });
      const box = await seek.boundingBox();
      if (box === null) throw new Error('no seek bar');
      await app.page.mouse.click(box.x + (box.width * 10) / durationSeconds, box.y + box.height / 2);
      await expect
        .poll(async () => (await streams(app.page)).find((s) => !s.paused)?.currentTime ?? 0)
        .toBeGreaterThan(9.5);
      await button(app.page, 'Pause').click();
      await button(app.page, 'Play').waitFor();
      await expect.poll(async () => (await streams(app.page)).every((s) => s.paused)).toBe(true);
      const position = (await streams(app.page))[0]?.currentTime ?? 0;
      expect(position).toBeGreaterThan(9.5);
      expect(position).toBeLessThan(13);
      await button(app.page, 'Repeat: off').click();
      await app.page.getByRole('slider', { name: 'Volume' }).fill('40');
      const currentId = await rows(app.page)
        .filter({ hasText: 'Harbour Lights' })
        .getAttribute('data-item-id');

      // The renderer and main each wait a little before saving: wait for the file to say so.
      await expect
        .poll(async () => {
          const saved = await savedSession(app);
          return saved === null
            ? null
            : {
                currentId: saved.currentId,
                near: Math.abs(saved.positionSeconds - position) < 0.5,
                volume: saved.volume,
                repeat: saved.repeat,
                items: saved.items.length,
              };
        })
        .toEqual({ currentId, near: true, volume: 0.4, repeat: 'all', items: 3 });

      app = await restartApp(browser(), app);

      await expectQueue(app.page, titles);
      await expect.poll(() => currentTitle(app.page)).toBe('Harbour Lights');
      await expect(
        rows(app.page).filter({ hasText: 'Harbour Lights' }).getAttribute('data-item-id'),
      ).resolves.toBe(currentId);
      await expect(
        rows(app.page).filter({ hasText: 'Harbour Lights' }).locator('.row-status').textContent(),
      ).resolves.toBe('Paused');
      await button(app.page, 'Play').waitFor();
      await expect(button(app.page, 'Pause').count()).resolves.toBe(0);
      await expect(playerBar(app.page).getByRole('link', { name: 'Harbour Lights' }).count()).resolves.toBe(
        1,
      );
      const seekAfter = app.page.getByRole('slider', { name: 'Seek' });
      await expect
        .poll(async () => Math.abs(Number(await seekAfter.getAttribute('aria-valuenow')) - position))
        .toBeLessThanOrEqual(1.5);
      await expect(seekAfter.getAttribute('aria-valuetext')).resolves.toMatch(/^0:1\d of 0:36$/);
      await expect(streams(app.page)).resolves.toEqual([]);
      await button(app.page, 'Repeat: all').waitFor();
      await expect(app.page.getByRole('slider', { name: 'Volume' }).inputValue()).resolves.toBe('40');

      await button(app.page, 'Play').click();
      await button(app.page, 'Pause').waitFor();
      const resumed = await playingStream(app.page);
      expect(Math.abs(resumed.currentTime - position)).toBeLessThanOrEqual(1.5);
      // The volume reaches the output: the element's own, or the graph's master gain for a processed stream.
      await expect.poll(async () => (await outputVolume(app.page)) ?? 0).toBeCloseTo(0.4, 5);
      await expect
        .poll(async () => (await streams(app.page)).find((s) => !s.paused)?.currentTime ?? 0)
        .toBeGreaterThan(resumed.currentTime + 0.5);
    } finally {
      await app.close();
    }
  });
});
