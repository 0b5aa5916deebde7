// Renderer benchmarks in Chromium: the start-up JavaScript, a 10,000-item queue (render, scrolling,
// heap, saving), and 1,000 resolved items arriving without long tasks.
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { SavedItem, Session } from '../../shared/ipc';
import { encodeSession } from '../../electron/state/session-format';
import { DEFAULT_RENDERER_DIR, startBridge } from '../bridge/server';
import { KEEP_NAMES, launchChromium } from '../e2e/harness';
import type { CatalogueEntry } from '../simulator/routes/control';
import { startSimulator } from '../simulator/server';
import type { Figure } from './figures';

const QUEUE_SIZE = 10_000;
const ADDED = 1_000;

/** The gzipped size of the scripts index.html loads at start (lazy chunks excluded). */
async function initialJs(): Promise<Figure> {
  const html = await readFile(join(DEFAULT_RENDERER_DIR, 'index.html'), 'utf8');
  const scripts = [
    ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g),
  ]
    .map((m) => m[1])
    .filter((src): src is string => src !== undefined);
  let bytes = 0;
  for (const src of scripts) bytes += gzipSync(await readFile(join(DEFAULT_RENDERER_DIR, src))).length;
  const all = (await readdir(join(DEFAULT_RENDERER_DIR, 'assets'))).filter((f) => f.endsWith('.js')).length;
  return {
    name: 'initial-js',
    value: Math.round(bytes / 1024),
    unit: 'kB gzipped',
    bound: 200,
    kind: 'max',
    note: `${scripts.length} of ${all} script files load at start`,
  };
}

function savedQueue(tracks: CatalogueEntry[], origin: string): Session {
  const items: SavedItem[] = Array.from({ length: QUEUE_SIZE }, (_, i) => {
    const entry = tracks[i % tracks.length];
    if (entry === undefined) throw new Error('no tracks');
    return {
      id: `bench-${i}`,
      link: entry.permalink,
      kind: 'track',
      startSeconds: 0,
      status: 'ready',
      track: {
        id: 900_000 + i,
        permalink: entry.permalink,
        title: `${entry.title} #${i + 1}`,
        artist: entry.artist,
        durationMs: entry.duration,
        artworkUrl: `${origin}/i1.sndcdn.com/missing-artwork-${i % 50}.png`,
        waveformUrl: null,
        access: 'playable',
      },
    };
  });
  return {
    version: 1,
    items,
    currentId: null,
    positionSeconds: 0,
    volume: 1,
    muted: false,
    shuffle: false,
    repeat: 'off',
  };
}

interface PageGlobals {
  __bench: { restoredAfterPaintMs: number | null; longTasks: number[] };
}

/** Runs in the page before the app: times the restored queue's first paint and records long tasks. */
function instrument(): void {
  const page = globalThis as unknown as PageGlobals & {
    PerformanceObserver: new (
      cb: (list: { getEntries(): { name: string; startTime: number; duration: number }[] }) => void,
    ) => {
      observe(options: { type: string; buffered?: boolean }): void;
    };
    requestAnimationFrame(cb: () => void): void;
    performance: { now(): number };
    document: { querySelector(selector: string): unknown };
  };
  page.__bench = { restoredAfterPaintMs: null, longTasks: [] };
  new page.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name !== 'cloudcue:session-restored') continue;
      // The rows may render in slices after the mark: wait for the frame that has them, then one more,
      // by which time their render, layout and paint are done.
      const settled = (): void => {
        page.__bench.restoredAfterPaintMs = page.performance.now() - entry.startTime;
      };
      const untilRows = (): void => {
        if (page.document.querySelector('[data-item-id]') === null) page.requestAnimationFrame(untilRows);
        else page.requestAnimationFrame(settled);
      };
      page.requestAnimationFrame(untilRows);
    }
  }).observe({ type: 'mark' });
  new page.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) page.__bench.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
}

/** Pixels scrolled per frame: 12,000 px/s, a brisk flick through the queue (about 3.5 rows a frame). */
const SCROLL_STEP_PX = 200;

async function scrollP95(page: Page): Promise<number> {
  return page.evaluate(async (stepPx: number) => {
    const g = globalThis as unknown as {
      document: { querySelector(s: string): { scrollTop: number; parentElement: unknown } | null };
      requestAnimationFrame(cb: (t: number) => void): void;
    };
    const list = g.document.querySelector('[aria-label="Queue"]');
    // The scrolling element is the list's nearest scroll container.
    let scroller = list as unknown as {
      scrollTop: number;
      scrollHeight: number;
      clientHeight: number;
      parentElement: unknown;
    } | null;
    while (scroller && scroller.scrollHeight <= scroller.clientHeight) {
      scroller = scroller.parentElement as typeof scroller;
    }
    if (!scroller) throw new Error('no scrolling queue');
    const target = scroller;
    const frames: number[] = [];
    await new Promise<void>((resolve) => {
      let last = 0;
      let count = 0;
      const step = (time: number): void => {
        if (last > 0) frames.push(time - last);
        last = time;
        target.scrollTop += stepPx;
        if (++count < 240) g.requestAnimationFrame(step);
        else resolve();
      };
      g.requestAnimationFrame(step);
    });
    frames.sort((a, b) => a - b);
    return frames[Math.floor(frames.length * 0.95)] ?? 0;
  }, SCROLL_STEP_PX);
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usage.usedSize / 1024 / 1024;
}

async function saveMs(page: Page): Promise<number> {
  await page.evaluate(() =>
    (globalThis as unknown as { performance: { clearMeasures(): void } }).performance.clearMeasures(),
  );
  await page.locator('body').press('ArrowDown'); // a volume change (it starts at the top): one debounced save of the whole queue
  await page.waitForFunction(
    () =>
      (
        globalThis as unknown as { performance: { getEntriesByName(n: string): unknown[] } }
      ).performance.getEntriesByName('cloudcue:session-save').length > 0,
    undefined,
    { timeout: 10_000 },
  );
  return page.evaluate(
    () =>
      (
        globalThis as unknown as { performance: { getEntriesByName(n: string): { duration: number }[] } }
      ).performance.getEntriesByName('cloudcue:session-save')[0]?.duration ?? Number.NaN,
  );
}

export async function rendererFigures(): Promise<Figure[]> {
  const figures: Figure[] = [await initialJs()];
  const simulator = await startSimulator({ extraTracks: ADDED });
  const browser = await launchChromium();
  try {
    const catalogue = (await (await fetch(`${simulator.origin}/_sim/catalogue`)).json()) as CatalogueEntry[];
    const bulk = catalogue.filter((e) => e.kind === 'track' && e.artist === 'Bulk Uploads');
    const dataDir = await mkdtemp(join(tmpdir(), 'cloudcue-bench-'));
    await writeFile(join(dataDir, 'session.json'), encodeSession(savedQueue(bulk, simulator.origin)));
    const bridge = await startBridge({ scOrigin: simulator.origin, dataDir });
    const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
    const page = await context.newPage();
    await page.addInitScript({ content: KEEP_NAMES });
    await page.addInitScript(instrument);
    await page.goto(bridge.url);
    await page.waitForFunction(
      () => (globalThis as unknown as PageGlobals).__bench.restoredAfterPaintMs !== null,
      undefined,
      { timeout: 30_000 },
    );
    const renderMs = await page.evaluate(
      () => (globalThis as unknown as PageGlobals).__bench.restoredAfterPaintMs ?? 0,
    );
    figures.push({
      name: 'queue-render-10k',
      value: Math.round(renderMs),
      unit: 'ms',
      bound: 150,
      kind: 'max',
    });
    const p95 = await scrollP95(page);
    figures.push({
      name: 'queue-scroll-frame-p95',
      value: Number(p95.toFixed(1)),
      unit: 'ms',
      bound: 20,
      kind: 'max',
    });
    figures.push({
      name: 'renderer-heap-10k',
      value: Number((await heapMb(page)).toFixed(1)),
      unit: 'MB',
      bound: 120,
      kind: 'max',
    });
    const save = await saveMs(page);
    figures.push({
      name: 'save-10k',
      value: Number(save.toFixed(1)),
      unit: 'ms',
      bound: 50,
      kind: 'max',
      note: 'the renderer-thread part of saving 10,000 items; main writes the file',
    });
    await context.close();
    await bridge.close();

    // 1,000 links pasted into an empty queue, resolving as fast as the simulator answers.
    const fresh = await startBridge({ scOrigin: simulator.origin });
    const addContext = await browser.newContext({ viewport: { width: 1100, height: 720 } });
    const addPage = await addContext.newPage();
    await addPage.addInitScript({ content: KEEP_NAMES });
    await addPage.addInitScript(instrument);
    await addPage.goto(fresh.url);
    await addPage.getByRole('textbox', { name: 'Add links' }).fill(
      bulk
        .slice(0, ADDED)
        .map((e) => e.permalink)
        .join('\n'),
    );
    // Only what follows the click counts: typing 1,000 links into the box is the browser's own work.
    await addPage.evaluate(() => {
      (globalThis as unknown as PageGlobals).__bench.longTasks = [];
    });
    await addPage.getByRole('button', { name: 'Add', exact: true }).click();
    await addPage.getByText(`${ADDED.toLocaleString('en')} items`).waitFor({ timeout: 60_000 });
    // Every item resolved: no placeholder is still "Resolving…".
    await addPage
      .getByRole('status')
      .filter({ hasText: 'Resolving' })
      .waitFor({ state: 'detached', timeout: 60_000 });
    const longest = await addPage.evaluate(() =>
      Math.max(0, ...(globalThis as unknown as PageGlobals).__bench.longTasks),
    );
    figures.push({
      name: 'add-1000-longest-task',
      value: Math.round(longest),
      unit: 'ms',
      bound: 50,
      kind: 'max',
      note: 'the longest main-thread task while 1,000 resolved items arrive (0: none over 50 ms)',
    });
    await addContext.close();
    await fresh.close();
  } finally {
    await browser.close();
    await simulator.close();
  }
  return figures;
}
