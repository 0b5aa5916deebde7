// End to end in Chromium: thirty short HLS tracks played one after another (each skipped once it moves) leave
// the page with a few audio elements and as many source nodes, not one of each per track: a
// MediaElementAudioSourceNode keeps its element, and what listens to it, for as long as the AudioContext runs.
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addAndWait,
  button,
  catalogue,
  currentTitle,
  openApp,
  playingStream,
  useChromium,
  withApp,
} from './harness';
import type { RecorderGlobals } from './harness';

const browser = useChromium();

const TRACKS = 30;
/** Elements (and source nodes) the app may keep: the playing track, the next one prepared, one fading out, a spare. */
const BOUND = 4;

interface SourceGlobals {
  AudioContext: { prototype: { createMediaElementSource: (this: object, element: object) => unknown } };
  __cloudcueSources: { made: number };
}

/** Runs in the page before the app: counts the MediaElementAudioSourceNodes made. */
function countSources(): void {
  const page = globalThis as unknown as SourceGlobals;
  const counted = { made: 0 };
  const create = page.AudioContext.prototype.createMediaElementSource;
  page.AudioContext.prototype.createMediaElementSource = function (this: object, element: object) {
    counted.made += 1;
    return create.call(this, element);
  };
  Object.defineProperty(page, '__cloudcueSources', { value: counted });
}

/** The event types still listened to on each audio element the page made that holds no media now. */
async function idleListeners(page: Page, cdp: CDPSession): Promise<string[][]> {
  const count = await page.evaluate(() => (globalThis as unknown as RecorderGlobals).__cloudcueAudio.length);
  const found: string[][] = [];
  for (let i = 0; i < count; i++) {
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: `(() => { const a = globalThis.__cloudcueAudio[${i}]; return a.hasAttribute('src') ? null : a; })()`,
    });
    if (result.objectId === undefined) continue;
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    found.push(listeners.map((l) => l.type).sort());
  }
  return found;
}

describe('audio elements over many tracks', () => {
  it(`keeps at most ${BOUND} elements and source nodes over ${TRACKS} HLS tracks, the idle ones unheard`, async () => {
    // Tall enough for every row to be rendered (the queue is virtualized).
    const context = { viewport: { width: 1280, height: 2400 } };
    const opening = openApp(browser(), { extraTracks: TRACKS, initScripts: [countSources], context });
    await withApp(opening, async (app) => {
      const { page } = app;
      const bulk = (await catalogue(app.simulator)).filter((e) => e.title.startsWith('Bulk Upload '));
      expect(bulk).toHaveLength(TRACKS);
      await addAndWait(
        page,
        bulk.map((e) => e.permalink),
      );
      const made = (): Promise<{ elements: number; sources: number }> =>
        page.evaluate(() => ({
          elements: (globalThis as unknown as RecorderGlobals).__cloudcueAudio.length,
          sources: (globalThis as unknown as SourceGlobals).__cloudcueSources.made,
        }));
      await button(page, 'Play').click();
      // The page makes a few elements of its own once (howler's format probe among them): counted from here.
      let first = { elements: 0, sources: 0 };
      for (const [index, track] of bulk.entries()) {
        await expect.poll(() => currentTitle(page), { timeout: 15_000 }).toBe(track.title);
        expect((await playingStream(page, 15_000)).src).toMatch(/^blob:/);
        if (index === 0) first = await made();
        if (index < bulk.length - 1) await button(page, 'Next').click();
      }
      await button(page, 'Pause').click();

      const last = await made();
      console.log(
        `${TRACKS} tracks: ${last.elements} audio elements (${first.elements} once the first played), ` +
          `${last.sources} source nodes made`,
      );
      expect(last.sources).toBeGreaterThan(0);
      expect(last.sources).toBeLessThanOrEqual(BOUND);
      expect(last.elements - first.elements).toBeLessThanOrEqual(BOUND);
      // Only the harness's recorder, which listens from an element's making, still hears an idle element.
      const cdp = await page.context().newCDPSession(page);
      for (const types of await idleListeners(page, cdp)) expect(types).toEqual(['ended', 'playing']);
    });
  }, 180_000);
});
