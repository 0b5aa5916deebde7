// Starts the simulator, the web bridge (the real main-process handlers) and Debian's Chromium, and takes the
// steps the end-to-end tests share: open the app, add links, play a row, open Settings, read what main saved.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import type { ChannelArg, ChannelResult, StreamPreference } from '../../shared/ipc';
import { startBridge, type Bridge } from '../bridge/server';
import { perBlock } from '../helpers/per-block';
import type { SimTrack } from '../simulator/catalogue';
import type { CatalogueEntry } from '../simulator/routes/control';
import {
  startSimulator,
  type RequestRecord,
  type Simulator,
  type SimulatorOptions,
} from '../simulator/server';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumPath(): string {
  const path = process.env['CLOUDCUE_CHROMIUM'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `The end-to-end tests need Chromium at ${path}. Install it with ` +
        '`sudo apt-get install -y chromium` (Debian/Ubuntu), or point CLOUDCUE_CHROMIUM at a Chromium or Chrome binary.',
    );
  }
  return path;
}

/** Launches Debian's Chromium with the harness's flags, and `extraFlags` after them. */
export function launchChromium(extraFlags: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_FLAGS, ...extraFlags],
  });
}

/**
 * Launches Chromium (with `extraFlags`) before the tests of the enclosing file (or block) and closes it after
 * them; the function returned gives that browser while they run.
 */
export function useChromium(extraFlags: readonly string[] = []): () => Browser {
  return perBlock(
    () => launchChromium(extraFlags),
    (browser) => browser.close(),
    'Chromium',
  );
}

/**
 * Code run under tsx (the benchmarks) has its named functions wrapped in `__name(...)`, and functions sent
 * to the page carry those calls: the page gets a stand-in before anything else runs (a no-op elsewhere).
 */
export const KEEP_NAMES = 'globalThis.__name = (target) => target;';

/** What the harness reads of an audio element. */
export interface AudioSnapshot {
  src: string;
  currentTime: number;
  paused: boolean;
  volume: number;
  muted: boolean;
}
/** An audio element as scripts in the page see it; declared here because the Node type check has no DOM. */
export interface RecordedAudio extends AudioSnapshot {
  seeking: boolean;
  addEventListener(type: string, listener: () => void): void;
}
/** An audio element began to play or reached its end, at `at` (the page's performance.now()). */
export interface MediaEvent {
  type: 'ended' | 'playing';
  src: string;
  at: number;
}
/** The page's globals the recorder sets, for scripts in the page (monitors, samplers) to read. */
export interface RecorderGlobals {
  Audio: new (src?: string) => RecordedAudio;
  __cloudcueAudio: RecordedAudio[];
  __cloudcueMediaEvents: MediaEvent[];
}

/**
 * Runs in the page before the app: records every Audio element (howler's HTML5 mode and the HLS engine make
 * them with `new Audio()`), and each element's 'playing' and 'ended' events with their time.
 */
export function recordAudioElements(): void {
  const page = globalThis as unknown as RecorderGlobals;
  const Native = page.Audio;
  const seen: RecordedAudio[] = [];
  const events: MediaEvent[] = [];
  const Recorded = function (src?: string) {
    const element = new Native(src);
    seen.push(element);
    for (const type of ['ended', 'playing'] as const) {
      element.addEventListener(type, () => events.push({ type, src: element.src, at: performance.now() }));
    }
    return element;
  } as unknown as RecorderGlobals['Audio'];
  Recorded.prototype = Native.prototype;
  page.Audio = Recorded;
  Object.defineProperty(page, '__cloudcueAudio', { value: seen });
  Object.defineProperty(page, '__cloudcueMediaEvents', { value: events });
}

/** The audio elements that hold a real stream (howler points unloaded ones at a silent data: URL). */
export async function streams(page: Page): Promise<AudioSnapshot[]> {
  return page.evaluate(() =>
    (globalThis as unknown as RecorderGlobals).__cloudcueAudio
      .filter((a) => a.src.startsWith('http') || a.src.startsWith('blob:'))
      .map((a) => ({
        src: a.src,
        currentTime: a.currentTime,
        paused: a.paused,
        volume: a.volume,
        muted: a.muted,
      })),
  );
}

/** The 'playing' and 'ended' events of the page's audio elements so far, in order. */
export async function mediaEvents(page: Page): Promise<MediaEvent[]> {
  return page.evaluate(() => [...(globalThis as unknown as RecorderGlobals).__cloudcueMediaEvents]);
}

/** The one stream that is playing, once it is actually moving. */
export async function playingStream(page: Page, timeoutMs = 10_000): Promise<AudioSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const playing = (await streams(page)).filter((s) => !s.paused && s.currentTime > 0);
    if (playing.length === 1 && playing[0] !== undefined) return playing[0];
    if (Date.now() > deadline) {
      throw new Error(
        `no single playing stream after ${timeoutMs} ms: ${JSON.stringify(await streams(page))}`,
      );
    }
    await page.waitForTimeout(50);
  }
}

/** The only unpaused stream's position, or null when none (or more than one) plays. */
export async function playingPosition(page: Page): Promise<number | null> {
  const playing = (await streams(page)).filter((s) => !s.paused);
  return playing.length === 1 && playing[0] !== undefined ? playing[0].currentTime : null;
}

/**
 * Waits until the playing stream has moved more than `bySeconds` on from where it is now, and returns its
 * position. Right after play() the audio reports "not paused" before it has started (howler then queues seeks).
 */
export async function moving(page: Page, bySeconds = 0.2, timeoutMs = 5_000): Promise<number> {
  const from = (await playingStream(page)).currentTime;
  await expect
    .poll(async () => (await playingPosition(page)) ?? 0, { timeout: timeoutMs })
    .toBeGreaterThan(from + bySeconds);
  return (await playingPosition(page)) ?? 0;
}

/** A function to run in the page, or the source of a script. */
export type InitScript = (() => void) | { content: string };

export interface App {
  simulator: Simulator;
  bridge: Bridge;
  context: BrowserContext;
  page: Page;
  /** Where the bridge keeps settings and the saved session: reuse it to restart on the same data. */
  dataDir: string;
  /** Closes the page and the bridge, and the simulator unless it was passed in (or kept by restartApp). */
  close(): Promise<void>;
}

export interface OpenOptions extends SimulatorOptions {
  /** Send SoundCloud requests here instead (e.g. a dead origin). */
  scOrigin?: string;
  /** A running simulator to use; the app does not close it. */
  simulator?: Simulator;
  /** The bridge's data folder (default: a new temporary one). */
  dataDir?: string;
  /** Options for the browser context (viewport, colour scheme, permissions…). */
  context?: BrowserContextOptions;
  /** Scripts to run in the page before the app's own, after the audio recorder. */
  initScripts?: InitScript[];
  /**
   * The stream format main tries first (Settings' "Prefer MP3 streams"), set through the app's own
   * setSettings before anything is added. Default: the app's default (AAC HLS).
   */
  streamPreference?: StreamPreference;
}

interface OwnedApp extends App {
  /** Closes the page and the bridge only. */
  closeFront(): Promise<void>;
  ownsSimulator: boolean;
  initScripts: InitScript[];
  contextOptions: BrowserContextOptions;
}

/** A fresh page of the app against its own simulator (or against `scOrigin`, e.g. a dead one). */
export async function openApp(browser: Browser, options: OpenOptions = {}): Promise<App> {
  const {
    scOrigin,
    simulator: given,
    dataDir: givenDir,
    context: contextOptions = {},
    initScripts = [],
    streamPreference,
    ...simulatorOptions
  } = options;
  const simulator = given ?? (await startSimulator(simulatorOptions));
  const dataDir = givenDir ?? (await mkdtemp(join(tmpdir(), 'cloudcue-e2e-')));
  const bridge = await startBridge({ scOrigin: scOrigin ?? simulator.origin, dataDir });
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript({ content: KEEP_NAMES });
  await page.addInitScript(recordAudioElements);
  for (const script of initScripts) await page.addInitScript(script);
  await page.goto(bridge.url);
  await page.getByRole('textbox', { name: 'Add links' }).waitFor();
  if (streamPreference !== undefined) await setSettings(page, { streamPreference });
  const closeFront = async (): Promise<void> => {
    await context.close();
    await bridge.close();
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  };
  const app: OwnedApp = {
    simulator,
    bridge,
    context,
    page,
    dataDir,
    ownsSimulator: given === undefined,
    initScripts,
    contextOptions,
    closeFront,
    async close() {
      try {
        await closeFront();
      } finally {
        if (app.ownsSimulator) await simulator.close();
      }
    },
  };
  return app;
}

/**
 * Restarts the backend: closes the page and the bridge (keeping the simulator and the data folder), then
 * starts a new bridge on the same data folder and opens a new page. The new app owns what the old one did.
 */
export async function restartApp(browser: Browser, app: App): Promise<App> {
  const old = app as OwnedApp;
  await old.closeFront();
  const next = (await openApp(browser, {
    simulator: old.simulator,
    dataDir: old.dataDir,
    context: old.contextOptions,
    initScripts: old.initScripts,
  })) as OwnedApp;
  next.ownsSimulator = old.ownsSimulator;
  old.ownsSimulator = false;
  return next;
}

export type { CatalogueEntry };

export async function catalogue(simulator: Simulator): Promise<CatalogueEntry[]> {
  const response = await fetch(`${simulator.origin}/_sim/catalogue`);
  return (await response.json()) as CatalogueEntry[];
}

/** The simulator's own record of the track titled `title` (its id and stream id), or a throw. */
export function simTrack(simulator: Simulator, title: string): SimTrack {
  const track = simulator.catalogue.tracks.find((t) => t.title === title);
  if (track === undefined) throw new Error(`no track "${title}" in the simulator`);
  return track;
}

/** The requests the app made to api-v2 for a stream URL of `track` (its transcodings' URLs): one per grant. */
export function grantRequests(simulator: Simulator, track: SimTrack): RequestRecord[] {
  return simulator.requests.filter(
    (r) => r.host === 'api-v2.soundcloud.com' && r.path.startsWith(`/media/soundcloud:tracks:${track.id}/`),
  );
}

/** The catalogue entry titled `title` (throws when there is none). */
export function entry(entries: readonly CatalogueEntry[], title: string): CatalogueEntry {
  const found = entries.find((e) => e.title === title);
  if (found === undefined) throw new Error(`no "${title}" in the catalogue`);
  return found;
}

/** The catalogue's links of the tracks (or sets) titled `titles`, in that order. */
export async function permalinks(simulator: Simulator, titles: readonly string[]): Promise<string[]> {
  const entries = await catalogue(simulator);
  return titles.map((title) => entry(entries, title).permalink);
}

/** A fresh app (see openApp) with the catalogue's tracks of these titles in the queue, in order, resolved. */
export async function openAppWith(
  browser: Browser,
  titles: readonly string[],
  options: OpenOptions = {},
): Promise<App> {
  const app = await openApp(browser, options);
  try {
    await addAndWait(app.page, await permalinks(app.simulator, titles));
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}

/** Runs `body` on the app `opening` gives (openApp, openAppWith), then closes the app whatever happened. */
export async function withApp(opening: Promise<App>, body: (app: App) => Promise<void>): Promise<void> {
  const app = await opening;
  try {
    await body(app);
  } finally {
    await app.close();
  }
}

/** Changes settings through the page's window.cloudcue, as the Settings dialog would; throws if refused. */
export async function setSettings(page: Page, patch: ChannelArg<'setSettings'>): Promise<void> {
  const result = await page.evaluate(
    (arg) =>
      (globalThis as unknown as { cloudcue: PageApi }).cloudcue.setSettings(arg) as Promise<
        ChannelResult<'setSettings'>
      >,
    patch,
  );
  if (!result.ok) throw new Error(`setSettings refused: ${result.error.message}`);
}

/** The page's window.cloudcue, as far as the helpers use it. */
interface PageApi {
  setSettings(arg: ChannelArg<'setSettings'>): Promise<unknown>;
}

export async function addLinks(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Add links' }).fill(text);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
}

/** The queue's rendered rows (it is virtualized: only those in view exist), in queue order. */
export function rows(page: Page): Locator {
  return page.getByRole('grid', { name: 'Queue' }).getByRole('row');
}

/** The rendered row whose text holds `title`. */
export function row(page: Page, title: string): Locator {
  return rows(page).filter({ hasText: title });
}

/** The button named `name`, exactly. */
export function button(page: Page, name: string): Locator {
  return page.getByRole('button', { name, exact: true });
}

/** The titles of the rendered rows, in queue order. */
export async function queueTitles(page: Page): Promise<string[]> {
  return rows(page).locator('.row-title').allTextContents();
}

/** The title of the current row (aria-current), or null when there is none in view. */
export async function currentTitle(page: Page): Promise<string | null> {
  const current = page.locator('ul[aria-label="Queue"] > li[aria-current="true"] .row-title');
  return (await current.count()) === 0 ? null : current.textContent();
}

/** Waits until the queue shows `count` rows and none of them is still resolving. */
export async function waitForQueue(page: Page, count: number, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const doc = (globalThis as unknown as PageDom).document;
      const found = Array.from(doc.querySelectorAll('ul[aria-label="Queue"] > li'));
      return found.length === n && found.every((row) => !(row.textContent ?? '').includes('Resolving'));
    },
    count,
    { timeout: timeoutMs },
  );
}

/** Adds `links` (one per line) through the paste box and waits until they are all resolved. */
export async function addAndWait(page: Page, links: readonly string[], total = links.length): Promise<void> {
  await addLinks(page, links.join('\n'));
  await waitForQueue(page, total);
}

/** Switches the page's colour scheme and waits until its media query agrees. */
export async function colorScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await expect
    .poll(() => page.evaluate('matchMedia("(prefers-color-scheme: dark)").matches'))
    .toBe(scheme === 'dark');
}

/** Takes the focus off any control, so the window's own shortcuts get the keys. */
export async function blur(page: Page): Promise<void> {
  await page.evaluate(() => {
    const doc = (globalThis as unknown as PageDom).document;
    doc.activeElement?.blur?.();
  });
}

/** The data-item-id of the focused element (a queue row), or null. */
export async function focusedItemId(page: Page): Promise<string | null> {
  return page.evaluate(
    () => (globalThis as unknown as PageDom).document.activeElement?.getAttribute?.('data-item-id') ?? null,
  );
}

/** The player bar (the window's transport, the current track, the seek bar). */
export function playerBar(page: Page): Locator {
  return page.getByRole('region', { name: 'Player' });
}

/**
 * Waits until the queue shows as many rows as `titles`, none of them still resolving, and checks that they
 * are `titles`, in order.
 */
export async function expectQueue(page: Page, titles: readonly string[], timeoutMs = 20_000): Promise<void> {
  await waitForQueue(page, titles.length, timeoutMs);
  expect(await queueTitles(page)).toEqual(titles);
}

/** Double-clicks the row of `title` and waits until it is the current track and its audio moves. */
export async function playRow(page: Page, title: string, timeoutMs = 10_000): Promise<AudioSnapshot> {
  await row(page, title).dblclick();
  await button(page, 'Pause').waitFor();
  await expect.poll(() => currentTitle(page)).toBe(title);
  return playingStream(page, timeoutMs);
}

/**
 * Adds the catalogue's track `title`, waits until its row is resolved (Play starts the first playable track,
 * and a click before then finds none), presses Play and waits until the audio moves.
 */
export async function addAndPlay(app: App, title: string, timeoutMs = 20_000): Promise<AudioSnapshot> {
  await addLinks(app.page, (await permalinks(app.simulator, [title])).join('\n'));
  const added = row(app.page, title);
  await added.waitFor();
  await expect.poll(() => added.textContent()).not.toContain('Resolving');
  await button(app.page, 'Play').click();
  return playingStream(app.page, timeoutMs);
}

/** How far the playing stream moves in `ms` of wall time (seconds). */
export async function advanceOver(page: Page, ms: number): Promise<number> {
  const start = await playingStream(page);
  await page.waitForTimeout(ms);
  const later = (await streams(page)).find((s) => s.src === start.src);
  return (later?.currentTime ?? 0) - start.currentTime;
}

/** The Settings dialog (open or not). */
export function settingsDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Settings' });
}

/** Opens the Settings dialog with the window's Settings button and returns it once shown. */
export async function openSettings(page: Page): Promise<Locator> {
  await button(page, 'Settings').click();
  const dialog = settingsDialog(page);
  await dialog.waitFor();
  return dialog;
}

/** Presses the Settings dialog's Save and waits until the dialog has closed. */
export async function saveSettings(page: Page): Promise<void> {
  const dialog = settingsDialog(page);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The JSON file `name` main keeps in the app's data folder, parsed; null while main has written none. */
export async function savedJson<T>(app: App, name: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(join(app.dataDir, name), 'utf8')) as T;
  } catch {
    return null;
  }
}

/** The queue's scroller as a script in the page sees it; declared here because the Node type check has no DOM. */
interface PageScroller {
  scrollHeight: number;
  scrollTo(left: number, top: number): void;
}

/** Scrolls the queue's list to its top or to its bottom. */
export async function scrollQueue(page: Page, to: 'top' | 'bottom'): Promise<void> {
  await page
    .locator('.queue-scroll')
    .evaluate(
      (element: PageScroller, end) => element.scrollTo(0, end === 'top' ? 0 : element.scrollHeight),
      to,
    );
}

/** The page's DOM, as far as the helpers above use it. */
interface PageDomElement {
  textContent: string | null;
  blur?: () => void;
  getAttribute?: (name: string) => string | null;
}
interface PageDom {
  document: {
    querySelectorAll(selector: string): Iterable<PageDomElement> & ArrayLike<PageDomElement>;
    activeElement: PageDomElement | null;
  };
}

/**
 * Drags the row `from` with the mouse and lets it go over `to`, `nudge` pixels below its middle (above, when
 * negative): grabbed by its text (not a button), past the drag threshold, in several steps as a hand moves.
 */
export async function dragRow(page: Page, from: Locator, to: Locator, nudge: number): Promise<void> {
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  if (start === null || end === null) throw new Error('rows not on screen');
  const x = start.x + start.width * 0.4;
  const y = start.y + start.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + Math.sign(nudge) * 10, { steps: 3 });
  await page.mouse.move(x, end.y + end.height / 2 + nudge, { steps: 10 });
  await page.mouse.up();
}
