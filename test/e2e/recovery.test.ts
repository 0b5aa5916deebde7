// End to end in Chromium: recovery from a seek past expiry, a dropped connection, and a track that keeps failing.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGES } from '../../shared/errors';
import type { SimTrack } from '../simulator/catalogue';
import type { Simulator } from '../simulator/server';
import {
  blur,
  button,
  currentTitle,
  grantRequests,
  openAppWith,
  playingStream,
  rows,
  simTrack,
  streams,
  useChromium,
  withApp,
  type AudioSnapshot,
  type RecorderGlobals,
} from './harness';

/** 120 s of 32 kbit/s MP3 (4,000 bytes a second): long enough to still be downloading under a cap. */
const LONG = 'Glass Garden';

/**
 * These tests are about progressive MP3 in howler's HTML5 audio (a Range request refused with a 403 after
 * expiry, a transfer cut mid-body, refusals of the .mp3 itself): they choose MP3, which the app otherwise
 * tries after AAC HLS.
 */
const MP3 = { streamPreference: 'mp3' } as const;

const browser = useChromium();

/** How many stream grants the app has asked api-v2 for, for one track. */
function grants(simulator: Simulator, track: SimTrack): number {
  return grantRequests(simulator, track).length;
}

/** The CloudFront signature of a media URL (what changes when a new grant is used). */
const signature = (url: string): string | null =>
  new URLSearchParams(url.split('?')[1] ?? '').get('Signature');

/** Polls `probe` until it returns a value (not null), or throws after `timeoutMs` saying what it waited for. */
async function until<T>(
  page: Page,
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | null>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeoutMs} ms for ${what}; streams: ${JSON.stringify(await streams(page))}`);
    }
    await page.waitForTimeout(100);
  }
}

/** The stream with this src, as it is now (null when howler has unloaded it). */
async function streamOf(page: Page, src: string): Promise<AudioSnapshot | null> {
  return (await streams(page)).find((s) => s.src === src) ?? null;
}

/**
 * Waits, watching in the page every 20 ms, for a stream other than `oldSrc` that plays and has a position,
 * and returns it as first seen: the position a replacement starts from, without a round trip's delay.
 */
async function replacement(page: Page, oldSrc: string, timeoutMs: number): Promise<AudioSnapshot> {
  const handle = await page.waitForFunction(
    (old) => {
      const found = (globalThis as unknown as RecorderGlobals).__cloudcueAudio.find(
        (a) => a.src.startsWith('http') && a.src !== old && !a.paused && a.currentTime > 0,
      );
      return found === undefined ? null : { src: found.src, currentTime: found.currentTime };
    },
    oldSrc,
    { polling: 20, timeout: timeoutMs },
  );
  const seen = (await handle.jsonValue()) as { src: string; currentTime: number };
  const now = await streamOf(page, seen.src);
  if (now === null) throw new Error(`the new stream ${seen.src} is gone`);
  return { ...now, currentTime: seen.currentTime };
}

/** Waits until the stream `src` is unpaused and at least `seconds` past `from`; returns its position. */
async function advanced(page: Page, src: string, from: number, seconds: number): Promise<number> {
  const moved = await until(page, `${src} to play ${seconds} s on from ${from}`, 10_000, async () => {
    const now = await streamOf(page, src);
    return now !== null && !now.paused && now.currentTime >= from + seconds ? now : null;
  });
  return moved.currentTime;
}

describe('recovery', () => {
  it('a seek after the URL has expired plays from the sought position on a fresh URL', async () => {
    await withApp(openAppWith(browser(), [LONG], { ...MP3, ttlSeconds: 3 }), async (app) => {
      const { page, simulator } = app;
      const track = simTrack(simulator, LONG);
      await button(page, 'Play').click();
      const first = await playingStream(page, 20_000);
      // Played on (from what was downloaded) until past the URL's lifetime: the simulator refuses it now.
      await advanced(page, first.src, first.currentTime, 4);
      expect((await fetch(first.src, { headers: { range: 'bytes=0-1' } })).status).toBe(403);

      const grantsBefore = grants(simulator, track);
      await blur(page);
      const before = await streamOf(page, first.src);
      expect(before?.paused).toBe(false);
      const target = (before?.currentTime ?? 0) + 5;
      await page.keyboard.press('ArrowRight');

      const after = await replacement(page, first.src, 15_000);
      expect(signature(after.src)).not.toBeNull();
      expect(signature(after.src)).not.toBe(signature(first.src));
      expect(grants(simulator, track)).toBe(grantsBefore + 1);
      expect(Math.abs(after.currentTime - target)).toBeLessThanOrEqual(0.75);
      // The old stream is gone (howler unloaded it), and the new one keeps moving.
      expect((await streams(page)).filter((s) => s.src === first.src && !s.paused)).toEqual([]);
      await advanced(page, after.src, after.currentTime, 1.5);
      await expect(currentTitle(page)).resolves.toBe(LONG);
    });
  }, 90_000);

  it('a connection dropped after the URL expired: playback goes on where it was, on a fresh URL', async () => {
    // 6,000 bytes a second: 1.5 times real time, so the 120-second track is still downloading for 80 s.
    const opening = openAppWith(browser(), [LONG], {
      ...MP3,
      ttlSeconds: 3,
      mediaBytesPerSecond: 6_000,
    });
    await withApp(opening, async (app) => {
      const { page, simulator } = app;
      const track = simTrack(simulator, LONG);
      await button(page, 'Play').click();
      const first = await playingStream(page, 30_000);
      const old = signature(first.src);
      await advanced(page, first.src, first.currentTime, 4);
      const grantsBefore = grants(simulator, track);

      const droppedAt = Date.now();
      const beforeDrop = (await streamOf(page, first.src))?.currentTime ?? 0;
      expect(simulator.dropConnections()).toBeGreaterThanOrEqual(1);
      // The network recovers at once; the old URL stays dead.
      simulator.configure({ mediaBytesPerSecond: null });
      // The transfer of the old URL ended without an answer (status 0 once its socket has closed).
      await expect
        .poll(() =>
          simulator.requests.some(
            (r) =>
              r.host === 'cf-media.sndcdn.com' &&
              r.status === 0 &&
              new URLSearchParams(r.query).get('Signature') === old,
          ),
        )
        .toBe(true);

      // Chromium plays on from its buffer while it asks for the rest of the old URL, which is refused; the
      // engine then needs a new grant and a new sound at the position the old one reached.
      let lastOld = beforeDrop;
      let lastOldMovedAt = Date.now();
      const after = await until(page, 'playback on a new stream', 60_000, async () => {
        const now = await streams(page);
        const current = now.find((s) => s.src === first.src);
        if (current !== undefined && current.currentTime > lastOld) {
          lastOld = current.currentTime;
          lastOldMovedAt = Date.now();
        }
        return now.find((s) => s.src !== first.src && !s.paused && s.currentTime > 0) ?? null;
      });
      // The engine replaced the URL as soon as the old sound ran dry, not after the 5 s stall watchdog.
      expect(Date.now() - lastOldMovedAt).toBeLessThan(2_000);
      const refused = simulator.requests.filter(
        (r) =>
          r.host === 'cf-media.sndcdn.com' &&
          r.time >= droppedAt &&
          new URLSearchParams(r.query).get('Signature') === old,
      );
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((r) => r.status === 403)).toBe(true);

      expect(signature(after.src)).not.toBe(old);
      expect(grants(simulator, track)).toBeGreaterThan(grantsBefore);
      expect(lastOld).toBeGreaterThanOrEqual(beforeDrop);
      expect(Math.abs(after.currentTime - lastOld)).toBeLessThanOrEqual(1.5);
      await advanced(page, after.src, after.currentTime, 1.5);
      await expect(currentTitle(page)).resolves.toBe(LONG);
    });
  }, 120_000);

  it('after three failed recoveries the item shows its error and the next track plays', async () => {
    const opening = openAppWith(browser(), ['Lantern Hum', 'Harbour Lights'], { ...MP3, ttlSeconds: 5 });
    await withApp(opening, async (app) => {
      const { page, simulator } = app;
      const failing = simTrack(simulator, 'Lantern Hum');
      const next = simTrack(simulator, 'Harbour Lights');
      // The first row, found by its item id from here on.
      const firstRow = rows(page).first();
      await expect(firstRow.locator('.row-title').textContent()).resolves.toBe('Lantern Hum');
      const firstId = await firstRow.getAttribute('data-item-id');
      const status = page.locator(`ul[aria-label="Queue"] > li[data-item-id="${firstId}"] .row-status`);
      // Every request for the first track's audio fails; the second's is untouched.
      simulator.addFault({ route: `cf-media.sndcdn.com/${failing.sid}.128.mp3`, kind: '500' });
      await button(page, 'Play').click();

      await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe(DEFAULT_MESSAGES.EXPIRED);
      // One first attempt and three recoveries, each on a grant of its own and each refused.
      expect(grants(simulator, failing)).toBe(4);
      const audio = simulator.requests.filter(
        (r) => r.host === 'cf-media.sndcdn.com' && r.path === `/${failing.sid}.128.mp3`,
      );
      expect(audio.map((r) => r.status)).toEqual([500, 500, 500, 500]);

      await expect.poll(() => currentTitle(page), { timeout: 10_000 }).toBe('Harbour Lights');
      const playing = await playingStream(page, 20_000);
      expect(playing.src).toContain(`/cf-media.sndcdn.com/${next.sid}.128.mp3`);
      await advanced(page, playing.src, playing.currentTime, 1.5);
      await expect(status.textContent()).resolves.toBe(DEFAULT_MESSAGES.EXPIRED);
      // The failed row still says which track it is.
      const failedTitle = page.locator(`ul[aria-label="Queue"] > li[data-item-id="${firstId}"] .row-title`);
      await expect(failedTitle.textContent()).resolves.toBe('Lantern Hum');
      await button(page, 'Pause').waitFor();
    });
  }, 90_000);
});
