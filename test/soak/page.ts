// The soak's window: the built renderer in Chromium through the bridge, its playback sampled, its heap
// measured after a garbage collection, and its saved queue read back through window.cloudcue.
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { ChannelResult, SavedItem } from '../../shared/ipc';
import { KEEP_NAMES, streams } from '../e2e/harness';

/** The page's globals the soak touches; declared here because the Node type check has no DOM. */
interface PageAudio {
  src: string;
}
interface PageGlobals {
  Audio: new (src?: string) => PageAudio;
  __cloudcueAudio: PageAudio[];
  cloudcue: { loadSession(arg: object): Promise<ChannelResult<'loadSession'>> };
}

/** Runs in the page: records every Audio element, as the e2e harness does, so `streams` can read them. */
function recordAudioElements(): void {
  const page = globalThis as unknown as PageGlobals;
  const Native = page.Audio;
  const seen: PageAudio[] = [];
  const Recorded = function (src?: string) {
    const element = new Native(src);
    seen.push(element);
    return element;
  } as unknown as PageGlobals['Audio'];
  Recorded.prototype = Native.prototype;
  page.Audio = Recorded;
  Object.defineProperty(page, '__cloudcueAudio', { value: seen });
}

export interface SoakPage {
  page: Page;
  /** Page errors seen so far. */
  errors: string[];
  /** The JS heap in use after a full garbage collection, in bytes. */
  heapUsed(): Promise<number>;
  /** The queue as the renderer last saved it to main. */
  savedItems(): Promise<SavedItem[]>;
}

export async function openSoakPage(browser: Browser, url: string): Promise<SoakPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript({ content: KEEP_NAMES });
  await page.addInitScript(recordAudioElements);
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Add links' }).waitFor();
  const cdp: CDPSession = await context.newCDPSession(page);
  return {
    page,
    errors,
    async heapUsed() {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    },
    async savedItems() {
      const result = await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).cloudcue.loadSession({}),
      );
      if (!result.ok) throw new Error(`loadSession failed: ${result.error.message}`);
      return result.value.session?.items ?? [];
    },
  };
}

export interface PlaybackFigures {
  /** Seconds sampled since playback first started. */
  sampled: number;
  /** Seconds in which the playing position moved. */
  moving: number;
  /** The longest stretch without the position moving, in seconds. */
  longestStall: number;
  /** When that stretch began, in seconds since the soak started. */
  longestStallAt: number;
}

/** Samples, once a second, whether some stream's position moved since the last sample. */
export function samplePlayback(page: Page, startedAt: number): { stop(): PlaybackFigures } {
  const figures: PlaybackFigures = { sampled: 0, moving: 0, longestStall: 0, longestStallAt: 0 };
  let last = new Map<string, number>();
  let started = false;
  let stallSince: number | null = null;
  let running = true;
  const loop = async (): Promise<void> => {
    while (running) {
      const before = Date.now();
      const snapshot = await streams(page).catch(() => []);
      const moved = snapshot.some((s) => !s.paused && s.currentTime > 0 && s.currentTime !== last.get(s.src));
      const playing = snapshot.some((s) => !s.paused);
      const now = new Map(snapshot.map((s) => [s.src, s.currentTime]));
      last = now;
      if (moved || playing) started = true;
      if (started) {
        figures.sampled += 1;
        if (moved) {
          figures.moving += 1;
          stallSince = null;
        } else {
          stallSince ??= before;
          const stall = (Date.now() - stallSince) / 1000;
          if (stall > figures.longestStall) {
            figures.longestStall = stall;
            figures.longestStallAt = (stallSince - startedAt) / 1000;
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - before))));
    }
  };
  const done = loop();
  return {
    stop() {
      running = false;
      void done;
      return { ...figures };
    },
  };
}
