// End to end in Chromium: loudness normalization read at the output. A loud and a quiet simulator track
// (their tones about 14 dB apart) come out of the "Output level" meter at the same loudness once the gain
// has settled, while the audio still runs in real time, and the loud one played again starts at its
// remembered gain; with normalization off they differ by their levels.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { toneLevelDb } from '../simulator/media/audio';
import {
  addLinks,
  catalogue,
  openApp,
  playingStream,
  rows,
  simTrack,
  streams,
  useChromium,
  withApp,
  type App,
} from './harness';

const browser = useChromium();

/** Two featured tracks: the loud one plays first (its gain must come down far), the quiet one after it. */
const LOUD = 'Low Tide';
const QUIET = 'Glass Garden';
/** EBU R128's target: within +6 dB of the quiet tone, so both can reach it. */
const TARGET = -23;

/** The meter's short-term loudness (LUFS). */
async function meterValue(page: Page): Promise<number> {
  const meter = page.getByRole('meter', { name: 'Output level' });
  return Number(await meter.getAttribute('aria-valuenow'));
}

/**
 * The meter's reading once it holds still: four readings half a second apart within 0.4 dB of each other
 * (and near `near`, when given).
 */
async function settledLevel(page: Page, timeoutMs: number, near?: number): Promise<number> {
  const recent: number[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    recent.push(await meterValue(page));
    if (recent.length > 4) recent.shift();
    const spread = Math.max(...recent) - Math.min(...recent);
    const last = recent.at(-1)!;
    if (
      recent.length === 4 &&
      spread < 0.4 &&
      last > -60 &&
      (near === undefined || Math.abs(last - near) < 1)
    ) {
      return last;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`the output level did not settle: last readings ${recent.join(', ')}`);
}

async function chooseLoudness(page: Page, normalize: boolean): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor();
  const toggle = dialog.getByRole('switch', { name: 'Normalize loudness' });
  // By keyboard, as a listener without a pointer would.
  if ((await toggle.isChecked()) !== normalize) await toggle.press('Space');
  await expect.poll(() => toggle.isChecked()).toBe(normalize);
  if (normalize) await dialog.getByRole('combobox', { name: 'Loudness target' }).selectOption(String(TARGET));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** How much louder the loud track's tone is than the quiet one's (dB). */
function spreadOf(app: App): number {
  const level = (title: string): number => toneLevelDb(simTrack(app.simulator, title).frequency);
  return level(LOUD) - level(QUIET);
}

/** Adds the loud and the quiet track, in that order, and waits for both rows. */
async function queueBoth(app: App): Promise<void> {
  expect(spreadOf(app)).toBeGreaterThanOrEqual(12);
  const entries = await catalogue(app.simulator);
  const link = (title: string): string => entries.find((e) => e.title === title)?.permalink ?? '';
  await addLinks(app.page, `${link(LOUD)}\n${link(QUIET)}`);
  await expect.poll(() => rows(app.page).count()).toBe(2);
}

/** How far the playing audio moves in `ms` of wall time (seconds). */
async function advanceOver(page: Page, ms: number): Promise<number> {
  const start = await playingStream(page);
  await page.waitForTimeout(ms);
  const later = (await streams(page)).find((s) => s.src === start.src);
  return (later?.currentTime ?? 0) - start.currentTime;
}

describe('loudness normalization', () => {
  it('brings a loud and a quiet track to the same loudness at the output', async () => {
    await withApp(openApp(browser()), async (app) => {
      await queueBoth(app);
      await chooseLoudness(app.page, true);
      await app.page.getByRole('button', { name: 'Play', exact: true }).click();
      const loud = await settledLevel(app.page, 45_000, TARGET);
      // Still real time through the graph: the audio moves with the clock.
      expect(await advanceOver(app.page, 2_000)).toBeGreaterThan(1.7);

      await app.page.getByRole('button', { name: 'Next', exact: true }).click();
      await rows(app.page).nth(1).getByText(QUIET).waitFor();
      // The short-term window (3 s) must hold only the quiet track before its reading counts.
      await app.page.waitForTimeout(3_500);
      const quiet = await settledLevel(app.page, 30_000, TARGET);
      expect(Math.abs(loud - quiet)).toBeLessThanOrEqual(2);

      // The loud track again: main remembers its loudness, so it starts at its gain (no glide down from
      // 0 dB, which would take ten seconds and more).
      await rows(app.page).first().dblclick();
      await app.page.waitForTimeout(3_500);
      expect(Math.abs((await settledLevel(app.page, 4_000, TARGET)) - loud)).toBeLessThanOrEqual(1);
    });
  }, 120_000);

  it('leaves their levels apart when normalization is off', async () => {
    await withApp(openApp(browser()), async (app) => {
      await queueBoth(app);
      await chooseLoudness(app.page, false);
      await app.page.getByRole('button', { name: 'Play', exact: true }).click();
      await app.page.waitForTimeout(3_500);
      const loud = await settledLevel(app.page, 20_000);
      await app.page.getByRole('button', { name: 'Next', exact: true }).click();
      await app.page.waitForTimeout(3_500);
      const quiet = await settledLevel(app.page, 20_000);
      const spread = spreadOf(app);
      expect(loud - quiet).toBeGreaterThan(spread - 1.5);
      expect(loud - quiet).toBeLessThan(spread + 1.5);
    });
  }, 90_000);
});
