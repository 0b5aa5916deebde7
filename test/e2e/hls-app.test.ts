// End to end in Chromium: tracks SoundCloud offers only as HLS play in the app, through hls.js, with the
// segment URLs following the playlist to the simulator.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAndWait, catalogue, launchChromium, openApp, playingStream } from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('HLS in the app', () => {
  it('plays an HLS-only track: audio advances and its segments come from the simulator', async () => {
    const app = await openApp(browser);
    try {
      const hlsOnly = (await catalogue(app.simulator)).find((e) => e.role === 'hls-only');
      if (!hlsOnly) throw new Error('no hls-only track');
      await addAndWait(app.page, [hlsOnly.permalink]);
      await app.page.getByRole('button', { name: 'Play', exact: true }).click();
      const start = await playingStream(app.page, 15_000);
      expect(start.src).toMatch(/^blob:/);
      await expect
        .poll(async () => (await playingStream(app.page)).currentTime - start.currentTime, { timeout: 5_000 })
        .toBeGreaterThanOrEqual(1);
      const segments = app.simulator.requests.filter(
        (r) => r.host === 'cf-hls-media.sndcdn.com' && r.path.startsWith('/media/'),
      );
      expect(segments.length).toBeGreaterThan(0);
      expect(segments.every((r) => r.status === 200 || r.status === 206)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
