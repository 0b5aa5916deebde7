// The soak's window: the built renderer in Chromium through the bridge, its playback sampled, its heap
// measured after a garbage collection, and its saved queue read back through window.cloudcue.
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { ChannelResult, SavedItem } from '../../shared/ipc';
import { KEEP_NAMES, streams, type RecordedAudio, type RecorderGlobals } from '../e2e/harness';
import { takeSnapshot } from './heap-snapshot';

/** The page's globals the soak touches; declared here because the Node type check has no DOM. */
interface PageGlobals {
  cloudcue: { loadSession(arg: object): Promise<ChannelResult<'loadSession'>> };
  navigator: { clipboard: { writeText(text: string): Promise<void> } };
  document: { activeElement: { value?: string } | null };
}

/**
 * Runs in the page before the app: notes every Audio element it makes (howler's HTML5 mode and the HLS engine
 * use `new Audio()`) for the sampler, as the end-to-end harness does, but holds them weakly: the soak measures
 * the page's heap, and ten minutes of tracks and renewals would otherwise keep every element the app let go.
 */
function recordLiveAudio(): void {
  const page = globalThis as unknown as RecorderGlobals;
  const Native = page.Audio;
  const made = new Set<WeakRef<RecordedAudio>>();
  const Recorded = function (src?: string) {
    const element = new Native(src);
    made.add(new WeakRef(element));
    return element;
  } as unknown as RecorderGlobals['Audio'];
  Recorded.prototype = Native.prototype;
  page.Audio = Recorded;
  Object.defineProperty(page, '__cloudcueAudio', {
    get: () => {
      const live: RecordedAudio[] = [];
      for (const ref of made) {
        const element = ref.deref();
        if (element === undefined) made.delete(ref);
        else live.push(element);
      }
      return live;
    },
  });
}

export interface SoakPage {
  page: Page;
  /** Page errors seen so far. */
  errors: string[];
  /** The JS heap in use after a full garbage collection, in bytes. */
  heapUsed(): Promise<number>;
  /** A heap snapshot of the page, after a full garbage collection. */
  heapSnapshot(): Promise<string>;
  /** The queue as the renderer last saved it to main. */
  savedItems(): Promise<SavedItem[]>;
  /**
   * Pastes `text` into the paste box as a listener does (the clipboard and Ctrl+V), then presses Add. Not
   * Playwright's fill: its text insertion breaks a 1,000-line text into editing steps that hold the page for
   * 8–17 s, where a paste takes a second or two.
   */
  paste(text: string): Promise<void>;
  /** Waits until the saved queue holds `count` items, none still resolving; gives them (or throws). */
  settled(count: number, timeoutMs: number): Promise<SavedItem[]>;
}

export async function openSoakPage(browser: Browser, url: string): Promise<SoakPage> {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript({ content: KEEP_NAMES });
  await page.addInitScript(recordLiveAudio);
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Add links' }).waitFor();
  const cdp: CDPSession = await context.newCDPSession(page);
  const savedItems = async (): Promise<SavedItem[]> => {
    const result = await page.evaluate(() => (globalThis as unknown as PageGlobals).cloudcue.loadSession({}));
    if (!result.ok) throw new Error(`loadSession failed: ${result.error.message}`);
    return result.value.session?.items ?? [];
  };
  return {
    page,
    errors,
    async heapUsed() {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    },
    heapSnapshot: () => takeSnapshot(cdp),
    savedItems,
    async paste(text) {
      const box = page.getByRole('textbox', { name: 'Add links' });
      await page.evaluate(
        (value) => (globalThis as unknown as PageGlobals).navigator.clipboard.writeText(value),
        text,
      );
      await box.fill('');
      await box.focus();
      await page.keyboard.press('Control+V');
      await page.waitForFunction(
        (length) => (globalThis as unknown as PageGlobals).document.activeElement?.value?.length === length,
        text.length,
      );
      await page.getByRole('button', { name: 'Add', exact: true }).click();
    },
    async settled(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const items = await savedItems();
        if (items.length >= count && items.every((i) => i.status !== 'resolving')) return items;
        if (Date.now() > deadline) {
          const resolving = items.filter((i) => i.status === 'resolving').length;
          throw new Error(`the queue did not settle: ${items.length} items, ${resolving} still resolving`);
        }
        await page.waitForTimeout(1_000);
      }
    },
  };
}

export interface PlaybackFigures {
  /** Seconds sampled since the sampler started (the listener pressed Play). */
  sampled: number;
  /** Seconds in which the playing position moved. */
  moving: number;
  /** The longest stretch without the position moving, in seconds. */
  longestStall: number;
  /** When that stretch began, in seconds since the soak started. */
  longestStallAt: number;
  /** Every stretch of STALL_NOTED_S or more: when it began (s since the start) and how long it lasted. */
  stalls: { at: number; seconds: number }[];
}

/** Shorter stretches are the gaps between tracks and the sampler's own jitter. */
const STALL_NOTED_S = 3;

/**
 * Samples, about once a second from now on, whether a stream's position moved since the sample before: the
 * time between two samples counts as moving or stalled (a sample late because the page was busy still counts
 * as moving when the audio went on meanwhile).
 */
export function samplePlayback(page: Page, startedAt: number): { stop(): Promise<PlaybackFigures> } {
  const figures: PlaybackFigures = {
    sampled: 0,
    moving: 0,
    longestStall: 0,
    longestStallAt: 0,
    stalls: [],
  };
  const noteStall = (until: number): void => {
    const seconds = (until - stallSince) / 1000;
    if (seconds >= STALL_NOTED_S) figures.stalls.push({ at: (stallSince - startedAt) / 1000, seconds });
  };
  let last = new Map<string, number>();
  let previous = Date.now();
  let stallSince = previous;
  let running = true;
  const loop = async (): Promise<void> => {
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const snapshot = await streams(page).catch(() => []);
      const moved = snapshot.some((s) => !s.paused && s.currentTime > 0 && s.currentTime !== last.get(s.src));
      last = new Map(snapshot.map((s) => [s.src, s.currentTime]));
      const now = Date.now();
      figures.sampled += (now - previous) / 1000;
      if (moved) {
        figures.moving += (now - previous) / 1000;
        noteStall(previous);
        stallSince = now;
      } else if ((now - stallSince) / 1000 > figures.longestStall) {
        figures.longestStall = (now - stallSince) / 1000;
        figures.longestStallAt = (stallSince - startedAt) / 1000;
      }
      previous = now;
    }
  };
  const done = loop();
  return {
    async stop() {
      running = false;
      await done;
      noteStall(previous);
      return { ...figures };
    },
  };
}
