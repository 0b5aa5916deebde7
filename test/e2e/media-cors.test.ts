// End to end in Chromium against a CDN that sends no CORS headers (the simulator's switch): hls.js cannot
// read the HLS answers, so the item says so; with the header main adds to media answers in Electron, the
// same track plays.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { mediaUrlPatterns, withCors } from '../../electron/window-policy';
import { MEDIA_UNREADABLE } from '../../shared/errors';
import { startSimulator, type Simulator } from '../simulator/server';
import { AAC_HOST } from '../simulator/urls';
import { grantRequests, openAppWith, playingStream, rows, simTrack, useChromium, withApp } from './harness';

const browser = useChromium();

const HLS_ONLY = 'Stream Only';

/** The HLS hosts: AAC (what the app plays first) and HLS MP3. */
const HLS_HOSTS: ReadonlySet<string> = new Set([AAC_HOST, 'cf-hls-media.sndcdn.com']);

/** The HLS media answers the simulator gave (playlists and segments). */
function hlsMedia(simulator: Simulator): (number | null)[] {
  return simulator.requests.filter((r) => HLS_HOSTS.has(r.host)).map((r) => r.status);
}

/**
 * A loopback proxy in front of the simulator that does to every answer what the Electron window's session
 * does to media answers (see electron/main.ts): the headers go through main's `withCors`.
 */
async function startCorsProxy(target: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const upstream = httpRequest(
      new URL(request.url ?? '/', target),
      { method: request.method, headers: request.headers },
      (answer) => {
        const headers: Record<string, string[]> = {};
        for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
          const [name, value] = [answer.rawHeaders[i] ?? '', answer.rawHeaders[i + 1] ?? ''];
          headers[name] = [...(headers[name] ?? []), value];
        }
        response.writeHead(answer.statusCode ?? 502, withCors(headers));
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Main adds the header to answers from the loopback origin it is pointed at.
  expect(mediaUrlPatterns(origin)).toContain(`${origin}/*`);
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('HLS from a CDN without CORS headers', () => {
  it('says on the item that the audio could not be read, after trying fresh grants', async () => {
    await withApp(openAppWith(browser(), [HLS_ONLY], { mediaCors: false }), async (app) => {
      const status = rows(app.page).first().locator('.row-status');
      await app.page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => status.textContent(), { timeout: 40_000 }).toBe(MEDIA_UNREADABLE);
      // The simulator answered (200), but without the header the page could not read it.
      expect(hlsMedia(app.simulator).length).toBeGreaterThan(0);
      expect(hlsMedia(app.simulator).every((s) => s === 200)).toBe(true);
      // The first grant and three fresh ones.
      expect(grantRequests(app.simulator, simTrack(app.simulator, HLS_ONLY))).toHaveLength(4);
    });
  }, 60_000);

  it('plays when media answers carry the header main adds in Electron', async () => {
    const simulator = await startSimulator({ mediaCors: false });
    const proxy = await startCorsProxy(simulator.origin);
    try {
      const opening = openAppWith(browser(), [HLS_ONLY], { simulator, scOrigin: proxy.origin });
      await withApp(opening, async (app) => {
        await app.page.getByRole('button', { name: 'Play', exact: true }).click();
        const start = await playingStream(app.page, 15_000);
        await expect
          .poll(async () => (await playingStream(app.page)).currentTime - start.currentTime, {
            timeout: 5_000,
          })
          .toBeGreaterThanOrEqual(1);
        expect(hlsMedia(simulator).length).toBeGreaterThan(1);
      });
    } finally {
      await proxy.close();
      await simulator.close();
    }
  });
});
