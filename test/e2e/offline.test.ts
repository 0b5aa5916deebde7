// End to end in Chromium: losing the network pauses playback with a message, and it carries on by itself,
// from the same place, when the network returns; a pause the listener chose stays a pause.
import { describe, expect, it } from 'vitest';
import { OFFLINE_NOTICE } from '../../renderer/src/player/offline';
import { openAppWith, playingStream, streams, useChromium, withApp } from './harness';

const browser = useChromium();

describe('offline', () => {
  it('pauses with a message when the network goes, and resumes at the same place when it returns', async () => {
    await withApp(openAppWith(browser(), ['Glass Garden']), async (app) => {
      const { page, context } = app;
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      const start = await playingStream(page);
      await expect
        .poll(async () => (await playingStream(page)).currentTime - start.currentTime, { timeout: 5_000 })
        .toBeGreaterThanOrEqual(1);

      await context.setOffline(true);
      await page.getByText(OFFLINE_NOTICE).waitFor();
      await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
      await expect
        .poll(async () => (await streams(page)).every((s) => s.paused), { timeout: 5_000 })
        .toBe(true);
      const [paused] = await streams(page);
      const position = paused?.currentTime ?? 0;
      await page.waitForTimeout(1_000);
      expect((await streams(page))[0]?.currentTime).toBe(position);

      await context.setOffline(false);
      await page.getByText(OFFLINE_NOTICE).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
      const resumed = await playingStream(page);
      expect(Math.abs(resumed.currentTime - position)).toBeLessThanOrEqual(0.5);
      await expect
        .poll(async () => (await playingStream(page)).currentTime - resumed.currentTime, { timeout: 5_000 })
        .toBeGreaterThanOrEqual(1);
    });
  });

  it('leaves a pause the listener chose alone when the network returns', async () => {
    await withApp(openAppWith(browser(), ['Glass Garden']), async (app) => {
      const { page, context } = app;
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await playingStream(page);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await context.setOffline(true);
      await page.getByText(OFFLINE_NOTICE).waitFor();
      await context.setOffline(false);
      await page.getByText(OFFLINE_NOTICE).waitFor({ state: 'detached' });
      await page.waitForTimeout(1_000);
      await expect(page.getByRole('button', { name: 'Play', exact: true }).count()).resolves.toBe(1);
      expect((await streams(page)).every((s) => s.paused)).toBe(true);
    });
  });
});
