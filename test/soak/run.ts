// `npm run soak [-- --minutes N --log FILE --snapshots PREFIX]`: the real app (bridge + simulator + Chromium)
// under faults on every route for N minutes (default 10), with a client_id rotation, a simulator restart and a
// 1,000-link paste; prints its figures and exits non-zero when a check fails. `--log` keeps the simulator's
// request log, `--snapshots` the page's heap snapshots.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { GRANT_WAIT_MS } from '../../electron/soundcloud/service';
import type { SavedItem } from '../../shared/ipc';
import { launchChromium } from '../e2e/harness';
import type { CatalogueEntry } from '../simulator/routes/control';
import { checkBudgets, type Budgets } from './budgets';
import { recordEventsHeard } from './events-heard';
import { grantCalls, recordGrantCalls } from './grant-timing';
import { heapParts, type HeapParts } from './heap-snapshot';
import { openSoakPage, samplePlayback } from './page';
import { AT, EXPIRY_EVERY_MS, FAULTS, linksOf, PASTE_SIZE, RETRY_AFTER_SECONDS } from './plan';
import { startBridgeProcess, startRestartableSimulator } from './processes';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    log: { type: 'string' },
    snapshots: { type: 'string' },
  },
});
const minutes = Number(values.minutes);
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error(`--minutes must be a positive number, not ${JSON.stringify(values.minutes)}`);
  process.exit(2);
}
const durationMs = minutes * 60_000;

const BUDGETS: Budgets = {
  mainAttempts: 4, // http.ts: 3 retries by default
  mediaAttempts: 7, // hls.js's default fragment errorRetry: 6 retries
  chainGapMs: 35_000, // a hung attempt's 30 s deadline, then the longest backoff before a fourth attempt
  retryAfterSeconds: RETRY_AFTER_SECONDS,
  challengePauseMs: 30_000, // http.ts: challengeBaseMs
  grantsPerMinute: 6, // grants.ts: BUDGET
  inFlightMs: 1_000,
};
/** A grant may take its whole bound before the player moves on; a few seconds more to start the next. */
const STALL_BOUND_S = GRANT_WAIT_MS / 1000 + 10;
/** The share of the run the position must move: the rest is for the gaps between tracks and renewals. */
const MOVING_BOUND = 0.9;
/** The issue's bound on the renderer's heap and main's RSS from minute 2 to the end. */
const GROWTH_BOUND = 0.2;
/** After the run, how long the queue may take to settle (a 429 pause may hold metadata for a while). */
const SETTLE_MS = 120_000;
/**
 * How long the first add may take, under the faults from the start: a hung request is given up after 30 s
 * and tried again, and the home page the client_id comes from may be refused first.
 */
const SETUP_MS = 120_000;

const checks: { name: string; value: string; ok: boolean }[] = [];
const check = (name: string, value: string, ok: boolean): void => {
  checks.push({ name, value, ok });
  console.log(`soak ${name}: ${value} ${ok ? 'ok' : 'FAIL'}`);
};
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

interface Memory {
  /** The renderer's JS heap after a garbage collection. */
  heap: number;
  /** That heap's compiled code and data, where a snapshot was taken. */
  parts?: HeapParts;
  /** The bridge process's (main's backend) JS heap and resident set, after a garbage collection there. */
  mainHeap: number;
  rss: number;
}
/** When memory is measured: minute 2, either side of the paste, and the end. */
type Moment = 'baseline' | 'beforePaste' | 'afterPaste' | 'end';
const describe = (m: Memory): string =>
  `renderer heap ${mb(m.heap)}, main heap ${mb(m.mainHeap)}, main RSS ${mb(m.rss)}`;
const MEMORY_NAMES = { heap: 'renderer heap', mainHeap: 'main heap', rss: 'main RSS' } as const;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const simulator = await startRestartableSimulator(['--extra-tracks', String(PASTE_SIZE)], async (sim) => {
  for (const fault of FAULTS) await sim.control('POST', 'faults', fault);
});
let exitCode = 1;
const bridge = await startBridgeProcess(simulator.origin).catch(async (error: unknown) => {
  await simulator.stop();
  throw error;
});
const browser = await launchChromium();
try {
  const soak = await openSoakPage(browser, bridge.url);
  const { page } = soak;
  // Grant calls are timed from the page's first script on: the page starts again with the timer in place.
  await recordGrantCalls(page);
  const heard = await recordEventsHeard(page);
  await page.reload();
  await page.getByRole('textbox', { name: 'Add links' }).waitFor();
  const links = linksOf(await simulator.control<CatalogueEntry[]>('GET', 'catalogue'));
  const startedAt = Date.now();
  const elapsed = (): number => Date.now() - startedAt;
  const log = (what: string): void => console.log(`[${(elapsed() / 1000).toFixed(0)} s] ${what}`);

  await soak.paste(links.first.join('\n'));
  await soak.settled(links.first.length, SETUP_MS).catch(async (error: unknown) => {
    const ids = (await soak.savedItems()).filter((i) => i.status === 'resolving').map((i) => i.id);
    console.log(
      `soak setup: of those, ${JSON.stringify(heard.heardFor(ids))}; page errors: ${soak.errors.join('; ') || 'none'}`,
    );
    throw error;
  });
  await page.getByRole('button', { name: 'Repeat: off' }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  log(`added ${links.first.length} links, playing with repeat on`);
  const sampler = samplePlayback(page, startedAt);

  const pending = new Set(Object.keys(AT) as (keyof typeof AT)[]);
  const measure = async (name: Moment): Promise<Memory> => {
    const heap = await soak.heapUsed();
    // What the page's heap is made of at both ends of the judged growth (a snapshot holds the page for a
    // second or two); every snapshot kept whole when asked (`--snapshots PREFIX`), for DevTools.
    let parts: HeapParts | undefined;
    if (name === 'baseline' || name === 'end' || values.snapshots !== undefined) {
      const text = await soak.heapSnapshot();
      parts = heapParts(text);
      if (values.snapshots !== undefined) await writeFile(`${values.snapshots}-${name}.heapsnapshot`, text);
    }
    const main = await bridge.memory();
    if (!main.collected) throw new Error('the bridge cannot collect garbage: run it with --expose-gc');
    return { heap, ...(parts === undefined ? {} : { parts }), mainHeap: main.heapUsed, rss: main.rss };
  };
  const memory: Partial<Record<Moment, Memory>> = {};
  const total = links.first.length + links.paste.length;
  let lastExpiry = 0;
  let lastLook = 0;
  while (elapsed() < durationMs) {
    // What the paste's 1,000 items hold is reported beside the growth (the growth judged includes it).
    if (
      memory.beforePaste !== undefined &&
      memory.afterPaste === undefined &&
      elapsed() - lastLook >= 5_000
    ) {
      lastLook = elapsed();
      const items = await soak.savedItems();
      if (items.length >= total && items.every((i) => i.status !== 'resolving')) {
        memory.afterPaste = await measure('afterPaste');
        log(`the paste settled: ${describe(memory.afterPaste)}`);
      }
    }
    if (elapsed() - lastExpiry >= EXPIRY_EVERY_MS) {
      lastExpiry = elapsed();
      await simulator.control('POST', 'expire-all').catch(() => undefined);
    }
    for (const event of pending) {
      if (elapsed() < AT[event] * durationMs) continue;
      pending.delete(event);
      if (event === 'baseline') {
        memory.baseline = await measure('baseline');
        log(`baseline: ${describe(memory.baseline)}`);
      } else if (event === 'rotateClientId') {
        await simulator.control('POST', 'rotate-client-id');
        log('rotated the client_id');
      } else if (event === 'paste') {
        memory.beforePaste = await measure('beforePaste');
        log(`before the paste: ${describe(memory.beforePaste)}`);
        await soak.paste(links.paste.join('\n'));
        log(`pasted ${links.paste.length} links`);
      } else {
        await simulator.restart();
        log('restarted the simulator');
      }
    }
    await sleep(250);
  }
  const playback = await sampler.stop();
  memory.end = await measure('end');
  log(`end: ${describe(memory.end)}`);

  // The run is over: SoundCloud heals, and whatever is still resolving must settle with a result.
  await simulator.control('DELETE', 'faults');
  let items: SavedItem[] = [];
  const settleBy = Date.now() + SETTLE_MS;
  do {
    await sleep(2_000);
    items = await soak.savedItems();
  } while (items.some((i) => i.status === 'resolving') && Date.now() < settleBy);

  const added = [...links.first, ...links.paste];
  const present = new Set(items.map((i) => i.link));
  const missing = added.filter((link) => !present.has(link));
  const resolving = items.filter((i) => i.status === 'resolving').length;
  const ready = items.filter((i) => i.status === 'ready' && i.track !== undefined).length;
  const playable = items.filter((i) => i.status === 'ready' && i.track?.access === 'playable').length;
  const withReason = items.filter((i) => i.status === 'error' && (i.error?.message ?? '') !== '');
  const reasons = new Map<string, number>();
  for (const item of withReason)
    reasons.set(item.error?.code ?? '', (reasons.get(item.error?.code ?? '') ?? 0) + 1);
  if (resolving > 0) {
    // Whose the hang is: main sent no result, the result was lost on the way, or the page did not apply it.
    const ids = items.filter((i) => i.status === 'resolving').map((i) => i.id);
    const about = heard.heardFor(ids);
    console.log(
      `soak items left resolving: ${about.heard} of ${ids.length} had a result heard by the page (${about.heardLast} after their last retry), ` +
        `${about.retried} were retried, ${about.answered} of those answered (the last ${about.lastRetry === 0 ? 'never' : `at ${((about.lastRetry - startedAt) / 1000).toFixed(0)} s`}); ` +
        `the event stream opened ${about.opened} times, with ${about.errors} errors`,
    );
  }
  check('items kept', `${added.length - missing.length} of ${added.length} added`, missing.length === 0);
  check(
    'items settled',
    `${ready} ready (${playable} playable in full), ${withReason.length} with a reason (${[...reasons].map(([c, n]) => `${c} ${n}`).join(', ')}), ${resolving} resolving`,
    resolving === 0 && ready + withReason.length === items.length,
  );
  const moving = playback.sampled === 0 ? 0 : playback.moving / playback.sampled;
  check(
    'playback moving',
    `${(moving * 100).toFixed(1)} % of ${playback.sampled.toFixed(0)} s (bound ≥ ${MOVING_BOUND * 100} %)`,
    moving >= MOVING_BOUND,
  );
  console.log(
    `soak stalls of 3 s or more: ${playback.stalls.map((s) => `${s.seconds.toFixed(0)} s at ${s.at.toFixed(0)} s`).join(', ') || 'none'}`,
  );
  check(
    'longest stall',
    `${playback.longestStall.toFixed(0)} s at ${playback.longestStallAt.toFixed(0)} s (bound ${STALL_BOUND_S} s)`,
    playback.longestStall <= STALL_BOUND_S,
  );
  const slowGrants = (await grantCalls(page)).filter((c) => (c.ms ?? Date.now() - c.at) >= 3_000);
  console.log(
    `soak grant calls of 3 s or more: ${
      slowGrants
        .map(
          (c) =>
            `${((c.ms ?? Date.now() - c.at) / 1000).toFixed(1)} s at ${((c.at - startedAt) / 1000).toFixed(0)} s (${c.pendingBefore} calls to main before it)`,
        )
        .join(', ') || 'none'
    }`,
  );
  const { baseline, beforePaste, afterPaste, end } = memory;
  if (baseline === undefined || beforePaste === undefined || end === undefined) {
    throw new Error('the run was too short to measure memory');
  }
  for (const key of ['heap', 'mainHeap', 'rss'] as const) {
    const name = MEMORY_NAMES[key];
    // Judged as the issue words it: the whole growth from minute 2 to the end, the paste's items included.
    const growth = end[key] / baseline[key] - 1;
    const figure = `${mb(baseline[key])} at ${AT.baseline * 100} % of the run → ${mb(end[key])} at its end, ${percent(growth)}`;
    // The issue bounds the renderer's heap and main's RSS; main's heap is shown beside its RSS, for what it holds.
    if (key === 'mainHeap') console.log(`soak ${name} growth: ${figure}`);
    else check(`${name} growth`, `${figure} (bound ${GROWTH_BOUND * 100} %)`, growth <= GROWTH_BOUND);
    // What the paste's items hold, for a look at what the growth is made of (not subtracted from it).
    const paste =
      afterPaste === undefined
        ? 'the paste never settled'
        : `the paste took ${mb(afterPaste[key] - beforePaste[key])}, ${((afterPaste[key] - beforePaste[key]) / links.paste.length).toFixed(0)} bytes an item; ` +
          `before it ${percent(beforePaste[key] / baseline[key] - 1)}, after it settled ${percent(end[key] / afterPaste[key] - 1)}`;
    console.log(`soak ${name}: ${paste}`);
  }
  const [from, to] = [baseline.parts, end.parts];
  if (from !== undefined && to !== undefined) {
    // V8 compiles more of the page's code (hls.js's, the app's) to machine code as it runs, to a plateau;
    // printed apart from the data, which is where a leak would show.
    const part = (key: keyof HeapParts): string =>
      `${mb(from[key])} → ${mb(to[key])} (${percent(to[key] / from[key] - 1)})`;
    console.log(`soak renderer heap, compiled code: ${part('code')}; data: ${part('data')}`);
  }

  const requests = await simulator.log();
  // The whole log, for a look at what a failed check saw.
  if (values.log !== undefined) await writeFile(values.log, JSON.stringify(requests));
  const report = checkBudgets(requests, BUDGETS);
  for (const route of report.routes) {
    console.log(
      `soak route ${route.route}: ${route.requests} requests, ${route.faults} faults, ${route.failed} failed, ` +
        `longest ${route.longestChain}/${route.chainBudget} attempts, ${route.insidePause} inside a pause`,
    );
  }
  check(
    'grants per track per minute',
    `${report.grantsPerMinute} (bound ${BUDGETS.grantsPerMinute})`,
    report.grantsPerMinute <= BUDGETS.grantsPerMinute,
  );
  check(
    'retry budgets',
    report.violations.length === 0 ? 'kept on every route' : report.violations.join('; '),
    report.violations.length === 0,
  );
  check('page errors', soak.errors.length === 0 ? 'none' : soak.errors.join('; '), soak.errors.length === 0);
  exitCode = checks.every((c) => c.ok) ? 0 : 1;
} catch (error) {
  console.error(error);
} finally {
  await browser.close();
  await bridge.stop();
  await simulator.stop();
}
process.exit(exitCode);
