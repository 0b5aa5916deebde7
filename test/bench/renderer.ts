// Renderer benchmarks in Chromium: the start-up JavaScript, a 10,000-item queue (render and scrolling, each
// beside a 50-item baseline from the same run; heap, saving), and 1,000 resolved items arriving without long tasks.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { Session } from '../../shared/ipc';
import { encodeSession } from '../../electron/state/session-format';
import { DEFAULT_RENDERER_DIR, startBridge } from '../bridge/server';
import { KEEP_NAMES, launchChromium } from '../e2e/harness';
import type { CatalogueEntry } from '../simulator/routes/control';
import { readyItems, sessionOf } from '../helpers/main-session';
import { startSimulator } from '../simulator/server';
import type { Figure } from './figures';
import { baselineFigure, scrollP95, tenths } from './list-figures';
import { ADDED, addLongestTask } from './renderer-add';

const QUEUE_SIZE = 10_000;
/** The baseline queue: a plain list of 50 rows, a few screens long, in the same app and page setup. */
const BASELINE_SIZE = 50;
/** Pages opened per queue size, alternately, so that a machine's load weighs on both alike; medians are kept. */
const ROUNDS = 5;

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

/** A saved queue of `size` ready items, the catalogue's `tracks` in turn, each with artwork of its own. */
function savedQueue(tracks: CatalogueEntry[], origin: string, size: number): Session {
  return sessionOf(
    readyItems(tracks, size, {
      id: (i) => `bench-${i}`,
      firstTrackId: 900_000,
      artworkOrigin: origin,
    }),
  );
}

interface PageGlobals {
  __bench: { restoredAfterPaintMs: number | null };
}

/** Runs in the page before the app: times the restored queue's first paint. */
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
  page.__bench = { restoredAfterPaintMs: null };
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

interface RestoredQueue {
  page: Page;
  /** From the restore's mark to the frame after the one that first holds rows. */
  renderMs: number;
  close(): Promise<void>;
}

/** A fresh app started on a saved queue of `size` items, once its rows are on screen. */
async function openRestored(
  browser: Browser,
  origin: string,
  tracks: CatalogueEntry[],
  size: number,
): Promise<RestoredQueue> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cloudcue-bench-'));
  await writeFile(join(dataDir, 'session.json'), encodeSession(savedQueue(tracks, origin, size)));
  const bridge = await startBridge({ scOrigin: origin, dataDir });
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
  return {
    page,
    renderMs,
    close: async () => {
      await context.close();
      await bridge.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function rendererFigures(): Promise<Figure[]> {
  const figures: Figure[] = [await initialJs()];
  const simulator = await startSimulator({ extraTracks: ADDED });
  const browser = await launchChromium();
  try {
    const catalogue = (await (await fetch(`${simulator.origin}/_sim/catalogue`)).json()) as CatalogueEntry[];
    const bulk = catalogue.filter((e) => e.kind === 'track' && e.artist === 'Bulk Uploads');
    const runs = new Map<number, { render: number[]; scroll: number[] }>([
      [QUEUE_SIZE, { render: [], scroll: [] }],
      [BASELINE_SIZE, { render: [], scroll: [] }],
    ]);
    let heap = Number.NaN;
    let save = Number.NaN;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [size, run] of runs) {
        const queue = await openRestored(browser, simulator.origin, bulk, size);
        try {
          run.render.push(queue.renderMs);
          run.scroll.push(await scrollP95(queue.page, '[aria-label="Queue"]'));
          if (size === QUEUE_SIZE && round === ROUNDS - 1) {
            heap = await heapMb(queue.page);
            save = await saveMs(queue.page);
          }
        } finally {
          await queue.close();
        }
      }
    }
    const full = runs.get(QUEUE_SIZE);
    const base = runs.get(BASELINE_SIZE);
    if (full === undefined || base === undefined) throw new Error('no runs');
    figures.push(
      baselineFigure(
        'queue-render-10k',
        { items: QUEUE_SIZE, runs: full.render },
        { items: BASELINE_SIZE, runs: base.render },
        { maxRatio: 2, orAtMost: 150 },
        Math.round,
      ),
      baselineFigure(
        'queue-scroll-frame-p95',
        { items: QUEUE_SIZE, runs: full.scroll },
        { items: BASELINE_SIZE, runs: base.scroll },
        { maxRatio: 1.5 },
      ),
    );
    figures.push({
      name: 'renderer-heap-10k',
      value: tenths(heap),
      unit: 'MB',
      bound: 120,
      kind: 'max',
    });
    figures.push({
      name: 'save-10k',
      value: tenths(save),
      unit: 'ms',
      bound: 50,
      kind: 'max',
      note: 'the renderer-thread part of saving 10,000 items; main writes the file',
    });

    figures.push(await addLongestTask(browser, simulator.origin, bulk));
  } finally {
    await browser.close();
    await simulator.close();
  }
  return figures;
}
