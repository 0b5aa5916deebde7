// End to end in Chromium: Play pressed while the only track is still resolving (a slow SoundCloud) says it is
// waiting, and the track starts as soon as it can; when it fails instead, the wait ends and the reason shows.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGES } from '../../shared/errors';
import { addLinks, button, openApp, permalinks, playingStream, row, useChromium, withApp } from './harness';

/** Long enough for a press of Play to land while the link still resolves. */
const SLOW_MS = 2_500;

const browser = useChromium();

describe('Play while the queue is resolving', () => {
  it('waits ("Starting when ready"), then plays the track once it is resolved', async () => {
    await withApp(openApp(browser()), async ({ page, simulator }) => {
      const [link = ''] = await permalinks(simulator, ['Lantern Hum']);
      simulator.configure({ latencyMs: SLOW_MS });
      await addLinks(page, link);
      await expect.poll(() => row(page, link).textContent()).toContain('Resolving');
      await button(page, 'Play').click();
      await button(page, 'Starting when ready').waitFor({ timeout: 1_000 });
      expect(await row(page, link).textContent()).toContain('Resolving');
      // The media need not wait as the API did.
      simulator.configure({ latencyMs: 0 });
      const stream = await playingStream(page, 20_000);
      expect(stream.paused).toBe(false);
      await button(page, 'Pause').waitFor();
    });
  }, 60_000);

  it('ends the wait when the track fails, and the row says why', async () => {
    await withApp(openApp(browser()), async ({ page, simulator }) => {
      const missing = 'https://soundcloud.com/nobody-here/no-such-track';
      simulator.configure({ latencyMs: SLOW_MS });
      await addLinks(page, missing);
      await button(page, 'Play').click();
      await button(page, 'Starting when ready').waitFor({ timeout: 1_000 });
      await expect
        .poll(() => row(page, 'no-such-track').textContent(), { timeout: 20_000 })
        .toContain(DEFAULT_MESSAGES.NOT_FOUND);
      await button(page, 'Play').waitFor();
    });
  }, 60_000);
});
