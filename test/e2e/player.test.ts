// End to end in Chromium: what happens at a track's end (repeat, shuffle), the keyboard shortcuts, and the Media Session.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  blur,
  button,
  catalogue,
  currentTitle,
  entry,
  moving,
  openAppWith,
  playerBar,
  playingPosition,
  playingStream,
  playRow,
  rows,
  streams,
  useChromium,
  withApp,
} from './harness';
import { outputVolume, recordSoundGraph } from './output-volume';

const browser = useChromium();

async function setRepeat(page: Page, mode: 'off' | 'all' | 'one'): Promise<void> {
  const repeat = playerBar(page).getByRole('button', { name: /^Repeat: / });
  for (let i = 0; i < 3 && (await repeat.getAttribute('aria-label')) !== `Repeat: ${mode}`; i++) {
    await repeat.click();
  }
  await button(page, `Repeat: ${mode}`).waitFor();
}

describe('at the end of a track', () => {
  it('repeat one: the same item starts again from the beginning', async () => {
    await withApp(openAppWith(browser(), ['Short Bell', 'Paper Boats']), async (app) => {
      await setRepeat(app.page, 'one');
      await playRow(app.page, 'Short Bell');
      const itemId = await rows(app.page)
        .and(app.page.locator('[aria-current="true"]'))
        .getAttribute('data-item-id');
      // Seen near the end (the track is 5 s), then near the start again while playing.
      let peak = 0;
      await expect
        .poll(
          async () => {
            const position = await playingPosition(app.page);
            if (position !== null) peak = Math.max(peak, position);
            return peak > 3.5 && position !== null && position > 0 && position < 2;
          },
          { timeout: 15_000, interval: 100 },
        )
        .toBe(true);
      await expect(currentTitle(app.page)).resolves.toBe('Short Bell');
      await expect(
        rows(app.page).and(app.page.locator('[aria-current="true"]')).getAttribute('data-item-id'),
      ).resolves.toBe(itemId);
      await button(app.page, 'Pause').waitFor();
      // And it keeps moving.
      await moving(app.page, 0.5);
    });
  });

  it('repeat all: after the last track, the first one plays', async () => {
    await withApp(openAppWith(browser(), ['Archive Tape 001', 'Short Bell']), async (app) => {
      await setRepeat(app.page, 'all');
      const last = await playRow(app.page, 'Short Bell');
      await expect.poll(() => currentTitle(app.page), { timeout: 15_000 }).toBe('Archive Tape 001');
      const first = await playingStream(app.page);
      expect(first.src).not.toBe(last.src);
      await button(app.page, 'Pause').waitFor();
      await moving(app.page, 0.5);
    });
  });

  it('repeat off: after the last track, playback stops', async () => {
    await withApp(openAppWith(browser(), ['Archive Tape 001', 'Short Bell']), async (app) => {
      await setRepeat(app.page, 'off');
      await playRow(app.page, 'Short Bell');
      await button(app.page, 'Play').waitFor({ timeout: 15_000 });
      await expect.poll(() => currentTitle(app.page)).toBeNull();
      await expect.poll(async () => (await streams(app.page)).every((s) => s.paused)).toBe(true);
      await playerBar(app.page).getByText('Nothing playing').waitFor();
      await expect
        .poll(() => rows(app.page).filter({ hasText: 'Ready' }).count(), { timeout: 5_000 })
        .toBe(2);
    });
  });

  it('shuffle on plays every track once in some order; shuffle off goes back to the queue’s order', async () => {
    const titles = ['Lantern Hum', 'Harbour Lights', 'Paper Boats', 'Archive Tape 001', 'Short Bell'];
    await withApp(openAppWith(browser(), titles), async (app) => {
      const shuffle = button(app.page, 'Shuffle');
      await shuffle.click();
      await expect.poll(() => shuffle.getAttribute('aria-pressed')).toBe('true');
      const first = await playRow(app.page, 'Lantern Hum');
      const visited = ['Lantern Hum'];
      for (let i = 1; i < titles.length; i++) {
        await button(app.page, 'Next').click();
        await expect.poll(() => currentTitle(app.page)).not.toBe(visited[visited.length - 1]);
        const now = await currentTitle(app.page);
        if (now === null) throw new Error('playback stopped early');
        visited.push(now);
      }
      // Every track once: Next never went back to one already played.
      expect(new Set(visited).size).toBe(titles.length);
      const moved = await playingStream(app.page);
      expect(moved.src).not.toBe(first.src);
      // The queue's displayed order never changes by shuffle.
      await expect(rows(app.page).locator('.row-title').allTextContents()).resolves.toEqual(titles);

      await shuffle.click();
      await expect.poll(() => shuffle.getAttribute('aria-pressed')).toBe('false');
      await playRow(app.page, 'Harbour Lights');
      for (const expected of ['Paper Boats', 'Archive Tape 001', 'Short Bell']) {
        await button(app.page, 'Next').click();
        await expect.poll(() => currentTitle(app.page)).toBe(expected);
      }
      await playingStream(app.page);
    });
  });
});

/** Whether the focus is inside a <dialog> (where the window's shortcuts do not apply). */
async function focusInDialog(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const doc = (
      globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }
    ).document;
    return (doc.activeElement?.closest('dialog') ?? null) !== null;
  });
}

describe('keyboard shortcuts', () => {
  it('Space, ←/→, Shift+←/→, M, ↑/↓, S, R and ? act on the player', async () => {
    const opening = openAppWith(browser(), ['Lantern Hum', 'Harbour Lights'], {
      initScripts: [recordSoundGraph],
    });
    await withApp(opening, async (app) => {
      const { page } = app;
      await playRow(page, 'Lantern Hum');
      await blur(page);

      await page.keyboard.press(' ');
      await button(page, 'Play').waitFor();
      await expect.poll(async () => (await streams(page)).every((s) => s.paused)).toBe(true);
      await page.keyboard.press(' ');
      await button(page, 'Pause').waitFor();
      const before = await moving(page);

      await page.keyboard.press('ArrowRight');
      await expect.poll(async () => (await playingPosition(page)) ?? 0).toBeGreaterThanOrEqual(before + 4.5);
      expect((await playingPosition(page)) ?? 0).toBeLessThan(before + 8);
      const ahead = (await playingPosition(page)) ?? 0;
      await page.keyboard.press('ArrowLeft');
      await expect.poll(async () => (await playingPosition(page)) ?? 99).toBeLessThan(ahead - 3.5);

      const volume = page.getByRole('slider', { name: 'Volume' });
      await page.keyboard.press('m');
      await button(page, 'Unmute').waitFor();
      // What reaches the output: the element's volume, times the graph's master gain for a processed stream.
      await expect.poll(() => outputVolume(page), { timeout: 3_000 }).toBe(0);
      await expect(volume.inputValue()).resolves.toBe('0');
      await page.keyboard.press('m');
      await button(page, 'Mute').waitFor();
      await expect.poll(() => outputVolume(page), { timeout: 3_000 }).toBe(1);

      await page.keyboard.press('ArrowDown');
      await expect.poll(() => volume.inputValue()).toBe('95');
      await expect.poll(async () => (await outputVolume(page)) ?? 0, { timeout: 3_000 }).toBeCloseTo(0.95, 5);
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => volume.inputValue()).toBe('90');
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => volume.inputValue()).toBe('95');

      const shuffle = button(page, 'Shuffle');
      await page.keyboard.press('s');
      await expect.poll(() => shuffle.getAttribute('aria-pressed')).toBe('true');
      await page.keyboard.press('s');
      await expect.poll(() => shuffle.getAttribute('aria-pressed')).toBe('false');

      for (const mode of ['all', 'one', 'off']) {
        await page.keyboard.press('r');
        await button(page, `Repeat: ${mode}`).waitFor();
      }

      await page.keyboard.press('Shift+ArrowRight');
      await expect.poll(() => currentTitle(page)).toBe('Harbour Lights');
      await playingStream(page);
      await page.keyboard.press('Shift+ArrowLeft');
      await expect.poll(() => currentTitle(page)).toBe('Lantern Hum');

      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await page.keyboard.press('?');
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      // Keys go to the player again once it is closed.
      // The browser moves the focus out of the closed dialog at its next frame.
      await expect.poll(() => focusInDialog(page)).toBe(false);
      await page.keyboard.press(' ');
      await button(page, 'Play').waitFor();
    });
  });
});

/** Runs in the page before the app: keeps every Media Session action handler the app sets. */
function captureMediaSession(): void {
  type Handler = ((details: object) => void) | null;
  const page = globalThis as unknown as {
    navigator: { mediaSession?: { setActionHandler(action: string, handler: Handler): void } };
    __mediaHandlers: Record<string, Handler>;
  };
  const handlers: Record<string, Handler> = {};
  Object.defineProperty(page, '__mediaHandlers', { value: handlers });
  const session = page.navigator.mediaSession;
  if (session === undefined) return;
  const original = session.setActionHandler.bind(session);
  session.setActionHandler = (action, handler) => {
    handlers[action] = handler;
    original(action, handler);
  };
}

interface PageMediaSession {
  navigator: {
    mediaSession: {
      metadata: { title: string; artist: string; artwork: readonly { src: string }[] } | null;
      playbackState: string;
    };
  };
  __mediaHandlers: Record<string, ((details: object) => void) | null>;
}

/** Calls the app's handler for `action`, as the OS would. */
async function mediaAction(page: Page, action: string, details: object = {}): Promise<void> {
  await page.evaluate(
    ({ action, details }) => {
      const handler = (globalThis as unknown as PageMediaSession).__mediaHandlers[action];
      if (typeof handler !== 'function') throw new Error(`no handler for ${action}`);
      handler({ action, ...details });
    },
    { action, details },
  );
}

async function mediaMetadata(page: Page) {
  return page.evaluate(() => {
    const { metadata, playbackState } = (globalThis as unknown as PageMediaSession).navigator.mediaSession;
    return metadata === null
      ? null
      : {
          title: metadata.title,
          artist: metadata.artist,
          artwork: metadata.artwork.map((a) => a.src),
          playbackState,
        };
  });
}

describe('Media Session', () => {
  it('shows the current track and obeys play, pause, seekto, nexttrack and previoustrack', async () => {
    const opening = openAppWith(browser(), ['Harbour Lights', 'Lantern Hum'], {
      initScripts: [captureMediaSession],
    });
    await withApp(opening, async (app) => {
      const { page } = app;
      const entries = await catalogue(app.simulator);
      await expect(mediaMetadata(page)).resolves.toBeNull();
      await playRow(page, 'Harbour Lights');
      const artwork = await playerBar(page).locator('img').getAttribute('src');
      await expect
        .poll(() => mediaMetadata(page))
        .toEqual({
          title: 'Harbour Lights',
          artist: entry(entries, 'Harbour Lights').artist,
          artwork: [artwork],
          playbackState: 'playing',
        });
      expect(artwork).toMatch(/\/i1\.sndcdn\.com\/artworks-[^/]+\.jpg$/);

      await mediaAction(page, 'pause');
      await button(page, 'Play').waitFor();
      await expect.poll(async () => (await streams(page)).every((s) => s.paused)).toBe(true);
      await expect.poll(async () => (await mediaMetadata(page))?.playbackState).toBe('paused');
      await mediaAction(page, 'play');
      await button(page, 'Pause').waitFor();
      await moving(page);

      await mediaAction(page, 'seekto', { seekTime: 20 });
      await expect.poll(async () => (await playingPosition(page)) ?? 0).toBeGreaterThanOrEqual(19.9);
      expect((await playingPosition(page)) ?? 0).toBeLessThan(23);

      await mediaAction(page, 'nexttrack');
      await expect.poll(() => currentTitle(page)).toBe('Lantern Hum');
      await expect.poll(async () => (await mediaMetadata(page))?.title).toBe('Lantern Hum');
      const next = await playingStream(page);
      expect(next.currentTime).toBeLessThan(3);

      // Less than 3 s into a track, "previous" goes to the previous track.
      await mediaAction(page, 'previoustrack');
      await expect.poll(() => currentTitle(page)).toBe('Harbour Lights');
      await expect.poll(async () => (await mediaMetadata(page))?.title).toBe('Harbour Lights');
      const back = await playingStream(page);
      expect(back.currentTime).toBeLessThan(3);
    });
  });
});
