// End to end in Chromium: hls.js plays the simulator's signed HLS AAC (fMP4) stream, its https:// URLs
// rewritten to the loopback simulator as the app does, and the audio really advances.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSimulator } from '../helpers/simulator';
import { useChromium } from './harness';

const HLS_JS = fileURLToPath(new URL('../../node_modules/hls.js/dist/hls.min.js', import.meta.url));

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>HLS</title></head>
<body><audio id="audio"></audio><script src="/hls.min.js"></script></body></html>`;

/** A loopback server for the page and hls.js: the page needs an http origin, not about:blank. */
async function servePage(): Promise<{ url: string; close(): Promise<void> }> {
  const script = await readFile(HLS_JS);
  const server: Server = createServer((req, res) => {
    if (req.url === '/hls.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'content-length': script.length });
      res.end(script);
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The page's side: declared here because the Node type check has no DOM, and hls.js's types need it. */
interface PageXhr {
  open(method: string, url: string, async: boolean): void;
}
interface PageAudio {
  currentTime: number;
  paused: boolean;
  play(): Promise<void>;
}
interface PageHls {
  loadSource(url: string): void;
  attachMedia(media: PageAudio): void;
  on(event: string, listener: (event: string, data: { fatal?: boolean; details?: string }) => void): void;
}
interface PageGlobals {
  Hls: {
    new (config: { xhrSetup: (xhr: PageXhr, url: string) => void }): PageHls;
    isSupported(): boolean;
    Events: { ERROR: string; MANIFEST_PARSED: string };
  };
  MediaSource: { isTypeSupported(type: string): boolean };
  document: { getElementById(id: string): PageAudio | null };
  __hlsErrors: string[];
}

/** Runs in the page: plays `playlistUrl` through hls.js, each request sent to the simulator instead. */
function playHls({ playlistUrl, origin }: { playlistUrl: string; origin: string }): void {
  const page = globalThis as unknown as PageGlobals;
  const audio = page.document.getElementById('audio');
  if (audio === null) throw new Error('no audio element');
  const errors: string[] = [];
  page.__hlsErrors = errors;
  const hls = new page.Hls({
    // Opening the request here makes hls.js use this URL; the real one stays in the playlist's terms.
    xhrSetup: (xhr, url) => xhr.open('GET', url.replace(/^https:\/\/([^/]+)\//, `${origin}/$1/`), true),
  });
  hls.on(page.Hls.Events.ERROR, (_, data) => errors.push(`${data.fatal ? 'fatal ' : ''}${data.details}`));
  hls.on(page.Hls.Events.MANIFEST_PARSED, () => {
    audio.play().catch((error: unknown) => errors.push(`play: ${String(error)}`));
  });
  hls.loadSource(playlistUrl);
  hls.attachMedia(audio);
}

function audioState(): { currentTime: number; paused: boolean; errors: string[] } {
  const page = globalThis as unknown as PageGlobals;
  const audio = page.document.getElementById('audio');
  return { currentTime: audio?.currentTime ?? -1, paused: audio?.paused ?? true, errors: page.__hlsErrors };
}

const browser = useChromium();
const sim = useSimulator();
let site: { url: string; close(): Promise<void> };

beforeAll(async () => {
  site = await servePage();
});

afterAll(async () => {
  await site?.close();
});

describe('HLS AAC in Chromium', () => {
  it('plays through hls.js: init.mp4 and .m4s segments load and the audio advances', async () => {
    const track = sim.catalogue.tracks.find((t) => t.title === 'Lantern Hum');
    if (track === undefined) throw new Error('no Lantern Hum in the catalogue');
    const playlistUrl = sim.signedUrl('hls-aac', track.id);
    let context: BrowserContext | undefined;
    try {
      context = await browser().newContext();
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(site.url);
      const support = await page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        return {
          hls: g.Hls.isSupported(),
          aac: g.MediaSource.isTypeSupported('audio/mp4; codecs="mp4a.40.2"'),
        };
      });
      expect(support, 'this Chromium lacks MSE or AAC in MP4').toEqual({ hls: true, aac: true });

      await page.evaluate(playHls, { playlistUrl, origin: sim.origin });
      const deadline = Date.now() + 8_000;
      let start = await page.evaluate(audioState);
      while (start.currentTime <= 0 || start.paused) {
        if (Date.now() > deadline || start.errors.some((e) => e.startsWith('fatal'))) {
          throw new Error(`playback did not start: ${JSON.stringify(start)}`);
        }
        await page.waitForTimeout(50);
        start = await page.evaluate(audioState);
      }
      await page.waitForTimeout(2_000);
      const later = await page.evaluate(audioState);
      expect(later.paused).toBe(false);
      expect(later.currentTime - start.currentTime).toBeGreaterThanOrEqual(1);
      expect(later.errors).toEqual([]);
      expect(pageErrors).toEqual([]);

      const fetched = sim.requests.filter(
        (r) => r.host === 'playback.media-streaming.soundcloud.cloud' && r.status === 200,
      );
      const folder = `/${track.sid}/aac_160k/${track.uuid}`;
      expect(fetched.some((r) => r.path === `${folder}/playlist.m3u8`)).toBe(true);
      expect(fetched.some((r) => r.path === `${folder}/init.mp4`)).toBe(true);
      expect(fetched.some((r) => /^\/\w+\/aac_160k\/[\w-]+\/data\d+\.m4s$/.test(r.path))).toBe(true);
      // Every segment request carried the playlist's signed query.
      const query = playlistUrl.slice(playlistUrl.indexOf('?') + 1);
      expect(
        fetched.every(
          (r) => new URLSearchParams(r.query).toString() === new URLSearchParams(query).toString(),
        ),
      ).toBe(true);
    } finally {
      await context?.close();
    }
  });
});
