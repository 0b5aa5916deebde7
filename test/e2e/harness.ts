// Starts the simulator, the web bridge (the real main-process handlers) and Debian's Chromium.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../bridge/server';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/server';

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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
}

/** The page's side of what the harness reads; declared here because the Node type check has no DOM. */
interface PageAudio {
  src: string;
  currentTime: number;
  paused: boolean;
}
interface PageGlobals {
  Audio: new (src?: string) => PageAudio;
  __cloudcueAudio: PageAudio[];
}

/** Runs in the page: records every Audio element (howler's HTML5 mode makes them with `new Audio()`). */
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

export type AudioSnapshot = PageAudio;

/** The audio elements that hold a real stream (howler points unloaded ones at a silent data: URL). */
export async function streams(page: Page): Promise<AudioSnapshot[]> {
  return page.evaluate(() =>
    (globalThis as unknown as PageGlobals).__cloudcueAudio
      .filter((a) => a.src.startsWith('http'))
      .map((a) => ({ src: a.src, currentTime: a.currentTime, paused: a.paused })),
  );
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

export interface App {
  simulator: Simulator;
  bridge: Bridge;
  page: Page;
  close(): Promise<void>;
}

/** A fresh page of the app against its own simulator (or against `scOrigin`, e.g. a dead one). */
export async function openApp(
  browser: Browser,
  options: SimulatorOptions & { scOrigin?: string } = {},
): Promise<App> {
  const simulator = await startSimulator(options);
  const bridge = await startBridge({ scOrigin: options.scOrigin ?? simulator.origin });
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(recordAudioElements);
  await page.goto(bridge.url);
  await page.getByRole('textbox', { name: 'Add links' }).waitFor();
  return {
    simulator,
    bridge,
    page,
    async close() {
      await context.close();
      await Promise.all([bridge.close(), simulator.close()]);
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    },
  };
}

export async function catalogue(
  simulator: Simulator,
): Promise<{ permalink: string; title: string; artist: string }[]> {
  const response = await fetch(`${simulator.origin}/_sim/catalogue`);
  return (await response.json()) as { permalink: string; title: string; artist: string }[];
}

export async function addLinks(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Add links' }).fill(text);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
}
