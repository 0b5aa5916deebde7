// The renderer's add benchmark: 1,000 links pasted into an empty queue and resolving as fast as the simulator
// answers, timed by the longest main-thread task in the page from the Add click until every row has resolved.
import { loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { startBridge } from '../bridge/server';
import { KEEP_NAMES } from '../e2e/harness';
import type { CatalogueEntry } from '../simulator/routes/control';
import type { Figure } from './figures';

export const ADDED = 1_000;

/** A long task as the page's PerformanceObserver saw it. */
export interface LongTask {
  startTime: number;
  duration: number;
}

interface PageGlobals {
  __longTasks: LongTask[];
}

/** The page's DOM, as far as the wait uses it; declared here because the Node type check has no DOM. */
interface PageDom {
  document: {
    querySelector(selector: string): { textContent: string | null; click(): void } | null;
    querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
  };
}

/** Runs in the page before the app: records every long task (over 50 ms) with its start. */
function recordLongTasks(): void {
  const page = globalThis as unknown as PageGlobals & {
    PerformanceObserver: new (cb: (list: { getEntries(): LongTask[] }) => void) => {
      observe(options: { type: string }): void;
    };
  };
  page.__longTasks = [];
  new page.PerformanceObserver((list) => {
    for (const { startTime, duration } of list.getEntries()) page.__longTasks.push({ startTime, duration });
  }).observe({ type: 'longtask' });
}

export interface AddPage {
  page: Page;
  close(): Promise<void>;
}

/**
 * A fresh app on an empty queue, its paste box filled with `links` (one a line), ready for the Add click;
 * `rendererDir`: another build of the renderer (an unminified one, to profile).
 */
export async function openAddPage(
  browser: Browser,
  origin: string,
  links: readonly string[],
  rendererDir?: string,
): Promise<AddPage> {
  const bridge = await startBridge({
    scOrigin: origin,
    ...(rendererDir === undefined ? {} : { rendererDir }),
  });
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript({ content: KEEP_NAMES });
  await page.addInitScript(recordLongTasks);
  await page.goto(bridge.url);
  await page.getByRole('textbox', { name: 'Add links' }).fill(links.join('\n'));
  return {
    page,
    close: async () => {
      await context.close();
      await bridge.close();
    },
  };
}

/** One task of the page's main thread, from Chromium's trace: its wall time and the CPU time it used. */
export interface TracedTask {
  wallMs: number;
  cpuMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** A task of a thread's loop, in the 'toplevel' category. */
const TASK = 'ThreadControllerImpl::RunTask';

/**
 * The tasks run by the busiest renderer main thread in a trace: the page's (its renderer is the only one at
 * work while the paste resolves). Each task's `tdur` is the time its thread was on a CPU, `dur` its wall time.
 */
export function pageTasks(trace: Buffer): TracedTask[] {
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
  const thread = (e: TraceEvent): string => `${e.pid}:${e.tid}`;
  const mains = new Set(
    traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map(thread),
  );
  const byThread = new Map<string, TracedTask[]>();
  for (const e of traceEvents) {
    if (e.name !== TASK || e.ph !== 'X' || !mains.has(thread(e))) continue;
    const tasks = byThread.get(thread(e)) ?? [];
    tasks.push({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? e.dur ?? 0) / 1000 });
    byThread.set(thread(e), tasks);
  }
  const cpu = (tasks: TracedTask[]): number => tasks.reduce((sum, t) => sum + t.cpuMs, 0);
  return [...byThread.values()].sort((a, b) => cpu(b) - cpu(a))[0] ?? [];
}

export interface AddTimes {
  /** The page's long tasks (over 50 ms of wall time), as its PerformanceObserver saw them. */
  observed: LongTask[];
  /** Every task of the page's main thread, traced. */
  traced: TracedTask[];
}

/**
 * Clicks Add and waits until every item is in and resolved; returns the page's tasks from the click on.
 * Only what follows the click counts: typing 1,000 links into the box is the browser's own work.
 */
export async function addAndTime(browser: Browser, page: Page, count: number): Promise<AddTimes> {
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).__longTasks = [];
  });
  // 'toplevel' alone: every task with its wall and thread time, at little cost to the page.
  await browser.startTracing(page, { categories: ['toplevel'] });
  let trace: Buffer | null = null;
  try {
    // A plain DOM click, not Playwright's: its hit tests and waits would be tasks of the bench's own.
    await page.evaluate(() => {
      const doc = (globalThis as unknown as PageDom).document;
      const add = doc.querySelector('form.add-links button[type="submit"]');
      if (add === null) throw new Error('no Add button');
      add.click();
    });
    // No status still says "Resolving". Asked by a plain query every 100 ms, as Playwright's text and role
    // engines walk the whole page and their long tasks would count as the app's.
    await page.waitForFunction(
      (summary) => {
        const doc = (globalThis as unknown as PageDom).document;
        const statuses = Array.from(doc.querySelectorAll('[role="status"]'));
        return (
          (doc.querySelector('.queue-summary')?.textContent ?? '').startsWith(summary) &&
          !statuses.some((status) => (status.textContent ?? '').includes('Resolving'))
        );
      },
      `${count.toLocaleString('en')} items`,
      { polling: 100, timeout: 60_000 },
    );
  } finally {
    trace = await browser.stopTracing();
  }
  const observed = await page.evaluate(() => (globalThis as unknown as PageGlobals).__longTasks);
  return { observed, traced: pageTasks(trace) };
}
const whole = (ms: number): number => Math.round(ms);

/**
 * The longest task of the page's main thread while 1,000 links are added and resolve, in the CPU time it
 * used. Its wall time is in the note: on a shared machine (a load of 10-20 on two cores) a task's wall time
 * is mostly the time the thread waited for a core (tasks of 100-340 ms wall ran for 1-12 ms), which says
 * more about the machine than about the app; on an idle one the two are the same.
 */
export async function addLongestTask(
  browser: Browser,
  origin: string,
  bulk: readonly CatalogueEntry[],
): Promise<Figure> {
  const links = bulk.slice(0, ADDED).map((e) => e.permalink);
  if (links.length < ADDED) throw new Error('the simulator has too few bulk tracks');
  const app = await openAddPage(browser, origin, links);
  try {
    const load = loadavg()[0] ?? 0;
    const { observed, traced } = await addAndTime(browser, app.page, ADDED);
    const longestCpu = Math.max(0, ...traced.map((t) => t.cpuMs));
    const longestWall = traced.reduce((a, b) => (b.wallMs > a.wallMs ? b : a), { wallMs: 0, cpuMs: 0 });
    const over = traced.filter((t) => t.wallMs > 50);
    return {
      name: 'add-1000-longest-task',
      value: whole(longestCpu),
      unit: 'ms of CPU',
      bound: 50,
      kind: 'max',
      note:
        `the longest main-thread task while 1,000 links are added and resolve, in CPU time, of ${traced.length} ` +
        `tasks using ${whole(traced.reduce((sum, t) => sum + t.cpuMs, 0))} ms of CPU in all; load ${load.toFixed(1)}→${(loadavg()[0] ?? 0).toFixed(1)}; in wall time ${over.length} tasks over ` +
        `50 ms, the longest ${whole(longestWall.wallMs)} ms (${whole(longestWall.cpuMs)} ms of CPU); the page's ` +
        `long-task observer: ${observed.map((t) => `${whole(t.duration)} ms`).join(', ') || 'none'}`,
    };
  } finally {
    await app.close();
  }
}
