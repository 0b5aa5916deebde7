// End to end in Chromium: a pasted link resolves and really plays (AAC HLS through hls.js, the default); an
// expired grant is replaced on resume without losing the position.
import { describe, expect, it } from 'vitest';
import { AAC_HOST } from '../simulator/urls';
import { addLinks, catalogue, openApp, playingStream, streams, useChromium, withApp } from './harness';

const browser = useChromium();

describe('playback', () => {
  it('plays a pasted link: audio advances in real time', async () => {
    await withApp(openApp(browser()), async (app) => {
      const [first] = await catalogue(app.simulator);
      if (!first) throw new Error('empty catalogue');
      await addLinks(app.page, first.permalink);
      const item = app.page.getByRole('row').filter({ hasText: first.title });
      await item.waitFor();
      await expect(item.textContent()).resolves.toContain(first.artist);

      await app.page.getByRole('button', { name: 'Play', exact: true }).click();
      await app.page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
      const start = await playingStream(app.page);
      await app.page.waitForTimeout(2_000);
      const later = (await streams(app.page)).find((s) => s.src === start.src);
      expect(later?.paused).toBe(false);
      expect((later?.currentTime ?? 0) - start.currentTime).toBeGreaterThanOrEqual(1);
      // hls.js feeds the element from a blob: URL; the audio itself came from the simulator's AAC host.
      expect(start.src).toMatch(/^blob:/);
      const media = app.simulator.requests.filter((r) => r.host === AAC_HOST);
      expect(media.length).toBeGreaterThan(0);
      expect(media.every((r) => r.status === 200 || r.status === 206 || r.status === null)).toBe(true);
    });
  });

  it('resumes past the URL’s expiry from a fresh URL, at the paused position', async () => {
    await withApp(openApp(browser(), { ttlSeconds: 3 }), async (app) => {
      const [, second] = await catalogue(app.simulator);
      if (!second) throw new Error('catalogue too small');
      await addLinks(app.page, second.permalink);
      await app.page.getByRole('row').filter({ hasText: second.title }).waitFor();
      await app.page.getByRole('button', { name: 'Play', exact: true }).click();
      const before = await playingStream(app.page);
      await app.page.waitForTimeout(1_500);

      await app.page.getByRole('button', { name: 'Pause', exact: true }).click();
      await app.page.getByRole('button', { name: 'Play', exact: true }).waitFor();
      await app.page.waitForTimeout(200);
      const paused = (await streams(app.page)).find((s) => s.src === before.src);
      expect(paused?.paused).toBe(true);
      const position = paused?.currentTime ?? 0;
      expect(position).toBeGreaterThan(1);

      await app.page.waitForTimeout(5_000); // the 3-second URL is now dead
      const grantsBefore = app.simulator.requests.filter(
        (r) => r.host === 'api-v2.soundcloud.com' && r.path.includes('/stream/'),
      ).length;
      await app.page.getByRole('button', { name: 'Play', exact: true }).click();
      const after = await playingStream(app.page);
      expect(after.src).not.toBe(before.src);
      expect(
        app.simulator.requests.filter(
          (r) => r.host === 'api-v2.soundcloud.com' && r.path.includes('/stream/'),
        ).length,
      ).toBe(grantsBefore + 1);
      expect(Math.abs(after.currentTime - position)).toBeLessThanOrEqual(0.5);

      await app.page.waitForTimeout(1_200);
      const moving = (await streams(app.page)).find((s) => s.src === after.src);
      expect((moving?.currentTime ?? 0) - after.currentTime).toBeGreaterThanOrEqual(0.8);
    });
  });
});
