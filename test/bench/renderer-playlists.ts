// The playlists benchmark in Chromium: a saved 5,000-item playlist opened from the Playlists panel (the click to
// the frame after its rows are shown) and scrolled (frame p95), each beside the same on a plain 50-item
// playlist in the same run and page.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Playlist } from '../../shared/ipc';
import { encodePlaylists } from '../../electron/state/playlists-format';
import { startBridge } from '../bridge/server';
import { KEEP_NAMES, launchChromium } from '../e2e/harness';
import type { CatalogueEntry } from '../simulator/routes/control';
import { readyItems } from '../helpers/main-session';
import { startSimulator } from '../simulator/server';
import type { Figure } from './figures';
import { baselineFigure, scrollP95 } from './list-figures';

const LARGE = 5_000;
const PLAIN = 50;
/** A playlist like the plain one that each fresh page opens first and does not measure (see the rounds below). */
const WARM_UP = 'Warm-up';
/**
 * Opens per playlist, alternately (an even number, so that each opens first as often), so that a machine's load
 * weighs on both alike; medians are kept.
 */
const ROUNDS = 6;

/** Playlist `name` of `size` ready items, the catalogue's `tracks` in turn, each with artwork of its own. */
function playlist(name: string, tracks: readonly CatalogueEntry[], origin: string, size: number): Playlist {
  const items = readyItems(tracks, size, {
    id: (i) => `${name}-${i}`,
    firstTrackId: 800_000,
    artworkOrigin: origin,
  });
  return { id: name, name, items };
}

/** Clicks the playlist's entry in the panel; resolves to the ms until the frame after its rows are shown. */
function openMs(page: Page, name: string): Promise<number> {
  return page.evaluate(async (label) => {
    const g = globalThis as unknown as {
      document: { querySelector(s: string): { click(): void } | null };
      requestAnimationFrame(cb: () => void): void;
      performance: { now(): number };
    };
    const entry = g.document.querySelector(`nav li[data-playlist-id="${label}"] .playlist-link`);
    if (entry === null) throw new Error(`no entry for ${label}`);
    const started = g.performance.now();
    entry.click();
    return new Promise<number>((resolve) => {
      const settled = (): void => resolve(g.performance.now() - started);
      const untilRows = (): void => {
        if (g.document.querySelector(`ul[aria-label="${label}"] [data-item-id]`) === null) {
          g.requestAnimationFrame(untilRows);
        } else g.requestAnimationFrame(settled);
      };
      g.requestAnimationFrame(untilRows);
    });
  }, name);
}

export async function playlistFigures(): Promise<Figure[]> {
  const simulator = await startSimulator();
  const browser = await launchChromium();
  const dataDir = await mkdtemp(join(tmpdir(), 'cloudcue-bench-playlists-'));
  try {
    const catalogue = (await (await fetch(`${simulator.origin}/_sim/catalogue`)).json()) as CatalogueEntry[];
    const tracks = catalogue.filter((e) => e.kind === 'track');
    const lists = [
      playlist('Large', tracks, simulator.origin, LARGE),
      playlist('Plain', tracks, simulator.origin, PLAIN),
      playlist(WARM_UP, tracks, simulator.origin, PLAIN),
    ];
    await writeFile(join(dataDir, 'playlists.json'), encodePlaylists(lists));
    const runs = new Map<string, { open: number[]; scroll: number[] }>([
      ['Large', { open: [], scroll: [] }],
      ['Plain', { open: [], scroll: [] }],
    ]);
    const bridge = await startBridge({ scOrigin: simulator.origin, dataDir });
    const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // A fresh page each round: nothing of an earlier open is cached in it.
        const page = await context.newPage();
        await page.addInitScript({ content: KEEP_NAMES });
        await page.goto(bridge.url);
        await page.locator('nav li[data-playlist-id="Large"]').waitFor();
        // A page's first open of a playlist also pays for its first layout of the view and its rows, 50–100 ms
        // here, whatever the playlist's size: paid on a playlist not measured, so neither figure carries it.
        await openMs(page, WARM_UP);
        await page.locator('nav .playlist-link').first().click();
        // Which opens first alternates, so that neither always meets a page just loaded.
        const order = round % 2 === 0 ? [...runs] : [...runs].reverse();
        for (const [name, run] of order) {
          run.open.push(await openMs(page, name));
          run.scroll.push(await scrollP95(page, '.playlist-view .queue-scroll'));
          await page.locator('nav .playlist-link').first().click();
        }
        await page.close();
      }
    } finally {
      await context.close();
      await bridge.close();
    }
    const large = runs.get('Large');
    const plain = runs.get('Plain');
    if (large === undefined || plain === undefined) throw new Error('no runs');
    return [
      baselineFigure(
        'playlist-open-5k',
        { items: LARGE, runs: large.open },
        { items: PLAIN, runs: plain.open },
        { maxRatio: 1.5 },
      ),
      baselineFigure(
        'playlist-scroll-frame-p95',
        { items: LARGE, runs: large.scroll },
        { items: PLAIN, runs: plain.scroll },
        { maxRatio: 1.5 },
      ),
    ];
  } finally {
    await browser.close();
    await simulator.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
