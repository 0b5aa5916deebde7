// End to end in Chromium: a track SoundCloud offers only as HLS plays in the app through hls.js, with the
// segment URLs following the playlist to the simulator: as AAC by default, and as HLS MP3 when MP3 is
// preferred (the track has no progressive MP3 to fall back on).
import { describe, expect, it } from 'vitest';
import type { StreamPreference } from '../../shared/ipc';
import { AAC_HOST } from '../simulator/urls';
import { addAndWait, catalogue, openApp, playingStream, useChromium, withApp } from './harness';

const browser = useChromium();

const CASES: { label: string; preference?: StreamPreference; host: string; segment: RegExp }[] = [
  { label: 'AAC, the default', host: AAC_HOST, segment: /\.m4s$/ },
  { label: 'MP3 preferred', preference: 'mp3', host: 'cf-hls-media.sndcdn.com', segment: /^\/media\// },
];

describe('HLS in the app', () => {
  it.each(CASES)(
    'plays an HLS-only track ($label): audio advances and its segments come from $host',
    async ({ preference, host, segment }) => {
      const opening = openApp(browser(), preference === undefined ? {} : { streamPreference: preference });
      await withApp(opening, async (app) => {
        const hlsOnly = (await catalogue(app.simulator)).find((e) => e.role === 'hls-only');
        if (!hlsOnly) throw new Error('no hls-only track');
        await addAndWait(app.page, [hlsOnly.permalink]);
        await app.page.getByRole('button', { name: 'Play', exact: true }).click();
        const start = await playingStream(app.page, 15_000);
        expect(start.src).toMatch(/^blob:/);
        await expect
          .poll(async () => (await playingStream(app.page)).currentTime - start.currentTime, {
            timeout: 5_000,
          })
          .toBeGreaterThanOrEqual(1);
        const segments = app.simulator.requests.filter((r) => r.host === host && segment.test(r.path));
        expect(segments.length).toBeGreaterThan(0);
        // Answered, or still arriving.
        expect(segments.every((r) => r.status === 200 || r.status === 206 || r.status === null)).toBe(true);
      });
    },
  );
});
