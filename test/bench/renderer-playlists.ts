// The playlists benchmark in Chromium: a saved 5,000-item playlist opened from the Playlists panel (the click to
// the frame after its rows are shown) and scrolled (frame p95), each beside the same on a plain 50-item
// playlist in the same run and page.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Playlist, SavedItem } from '../../shared/ipc';
import { encodePlaylists } from '../../electron/state/playlists-format';
import { startBridge } from '../bridge/server';
import { KEEP_NAMES, launchChromium } from '../e2e/harness';
import type { CatalogueEntry } from '../simulator/routes/control';
import { startSimulator } from '../simulator/server';
import type { Figure } from './figures';

const LARGE = 5_000;
const PLAIN = 50;
/** Opens per playlist, alternately, so that a machine's load weighs on both alike; medians are kept. */
const ROUNDS = 5;
const SCROLL_STEP_PX = 200;
const SCROLL_FRAMES = 240;

function playlist(name: string, tracks: readonly CatalogueEntry[], origin: string, size: number): Playlist {
  const items: SavedItem[] = Array.from({ length: size }, (_, i) => {
    const entry = tracks[i % tracks.length];
    if (entry === undefined) throw new Error('no tracks');
    return {
      id: `${name}-${i}`,
      link: entry.permalink,
      kind: 'track',
      startSeconds: 0,
      status: 'ready',
      track: {
        id: 800_000 + i,
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

/** Frame p95 while the open playlist scrolls SCROLL_STEP_PX a frame, turning back at either end. */
function scrollP95(page: Page): Promise<number> {
  return page.evaluate(
    async ({ stepPx, frameCount }) => {
      const g = globalThis as unknown as {
        document: { querySelector(s: string): unknown };
        requestAnimationFrame(cb: (t: number) => void): void;
      };
      const box = g.document.querySelector('.playlist-view .queue-scroll') as {
        scrollTop: number;
        scrollHeight: number;
        clientHeight: number;
      } | null;
      if (box === null) throw new Error('no open playlist');
      const frames: number[] = [];
      await new Promise<void>((resolve) => {
        let last = 0;
        let count = 0;
        let direction = 1;
        const step = (time: number): void => {
          if (last > 0) frames.push(time - last);
          last = time;
          const end = box.scrollHeight - box.clientHeight;
          const next = box.scrollTop + direction * stepPx;
          if (next > end || next < 0) direction = -direction;
          box.scrollTop = Math.max(0, Math.min(end, next));
          if (++count < frameCount) g.requestAnimationFrame(step);
          else resolve();
        };
        g.requestAnimationFrame(step);
      });
      frames.sort((a, b) => a - b);
      return frames[Math.floor(frames.length * 0.95)] ?? 0;
    },
    { stepPx: SCROLL_STEP_PX, frameCount: SCROLL_FRAMES },
  );
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const tenths = (n: number): number => Number(n.toFixed(1));

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
        // Which opens first alternates, so that neither always meets a page just loaded.
        const order = round % 2 === 0 ? [...runs] : [...runs].reverse();
        for (const [name, run] of order) {
          run.open.push(await openMs(page, name));
          run.scroll.push(await scrollP95(page));
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
    const note = (pick: (run: { open: number[]; scroll: number[] }) => number[]): string =>
      `medians of ${ROUNDS} pages; ${LARGE.toLocaleString('en')} items: ${pick(large).map(tenths).join(', ')}; ` +
      `${PLAIN} items (baseline): ${pick(plain).map(tenths).join(', ')}`;
    return [
      {
        name: 'playlist-open-5k',
        value: tenths(median(large.open)),
        unit: 'ms',
        kind: 'ratio',
        baseline: tenths(median(plain.open)),
        maxRatio: 1.5,
        note: note((run) => run.open),
      },
      {
        name: 'playlist-scroll-frame-p95',
        value: tenths(median(large.scroll)),
        unit: 'ms',
        kind: 'ratio',
        baseline: tenths(median(plain.scroll)),
        maxRatio: 1.5,
        note: note((run) => run.scroll),
      },
    ];
  } finally {
    await browser.close();
    await simulator.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
