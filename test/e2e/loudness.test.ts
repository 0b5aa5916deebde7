// End to end in Chromium: loudness normalization read at the output. A loud and a quiet simulator track
// (their tones at least 12 dB apart), each on its first play (nothing remembered), come out of the "Output
// level" meter within 1 LU of each other 5 s after each starts, while the audio still runs in real time; the
// loud one played again starts at its remembered gain; with normalization off they differ by their levels.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { toneLevelDb } from '../simulator/media/audio';
import {
  advanceOver,
  button,
  currentTitle,
  openAppWith,
  openSettings,
  playingPosition,
  row,
  saveSettings,
  simTrack,
  useChromium,
  withApp,
  type App,
} from './harness';
import { meterLevel } from './output-level';

const browser = useChromium();

/** Two featured tracks: the loud one plays first (its gain must come down far), the quiet one after it. */
const LOUD = 'Low Tide';
const QUIET = 'Glass Garden';
/** EBU R128's target: within +6 dB of the quiet tone, so both can reach it. */
const TARGET = -23;

/**
 * The meter's short-term loudness (the last 3 s, LUFS) once the playing track is `seconds` in, by its own
 * position (the audio's time, whatever the machine's load does to the wall clock).
 */
async function levelAt(page: Page, seconds: number): Promise<number> {
  await expect
    .poll(async () => (await playingPosition(page)) ?? 0, { timeout: 20_000, interval: 50 })
    .toBeGreaterThanOrEqual(seconds);
  return meterLevel(page);
}

/** Chooses normalization (at TARGET) or none in Settings, by keyboard, as a listener without a pointer would. */
async function chooseLoudness(page: Page, normalize: boolean): Promise<void> {
  const dialog = await openSettings(page);
  const toggle = dialog.getByRole('switch', { name: 'Normalize loudness' });
  if ((await toggle.isChecked()) !== normalize) await toggle.press('Space');
  await expect.poll(() => toggle.isChecked()).toBe(normalize);
  if (normalize) await dialog.getByRole('combobox', { name: 'Loudness target' }).selectOption(String(TARGET));
  await saveSettings(page);
}

/** How much louder the loud track's tone is than the quiet one's (dB). */
function spreadOf(app: App): number {
  const level = (title: string): number => toneLevelDb(simTrack(app.simulator, title).frequency);
  return level(LOUD) - level(QUIET);
}

/** Plays the loud track, then the quiet one from its start, and reads the output 5 s into each. */
async function loudThenQuiet(app: App): Promise<{ loud: number; quiet: number }> {
  expect(spreadOf(app)).toBeGreaterThanOrEqual(12);
  await button(app.page, 'Play').click();
  const loud = await levelAt(app.page, 5);
  // Still real time through the graph: the audio moves with the clock.
  expect(await advanceOver(app.page, 1_000)).toBeGreaterThan(0.8);
  await button(app.page, 'Next').click();
  await expect.poll(() => currentTitle(app.page)).toBe(QUIET);
  await expect.poll(async () => (await playingPosition(app.page)) ?? 99).toBeLessThan(2);
  return { loud, quiet: await levelAt(app.page, 5) };
}

describe('loudness normalization', () => {
  it('plays the first plays of a loud and a quiet track within 1 LU of each other 5 s in', async () => {
    await withApp(openAppWith(browser(), [LOUD, QUIET]), async (app) => {
      await chooseLoudness(app.page, true);
      const { loud, quiet } = await loudThenQuiet(app);
      expect(Math.abs(loud - quiet)).toBeLessThanOrEqual(1);
      // Both brought to the target, not merely alike.
      expect(Math.abs(loud - TARGET)).toBeLessThanOrEqual(1.5);

      // The loud track again: main remembers its loudness, so it starts at its gain; 3 s in, the short-term
      // window holds only this play (a first play would still hold 1.5 s at 0 dB, far louder).
      await row(app.page, LOUD).dblclick();
      await expect.poll(() => currentTitle(app.page)).toBe(LOUD);
      await expect.poll(async () => (await playingPosition(app.page)) ?? 99).toBeLessThan(2);
      expect(Math.abs((await levelAt(app.page, 3.2)) - loud)).toBeLessThanOrEqual(1);
    });
  }, 90_000);

  it('leaves their levels apart when normalization is off', async () => {
    await withApp(openAppWith(browser(), [LOUD, QUIET]), async (app) => {
      await chooseLoudness(app.page, false);
      const { loud, quiet } = await loudThenQuiet(app);
      const spread = spreadOf(app);
      expect(loud - quiet).toBeGreaterThan(spread - 1.5);
      expect(loud - quiet).toBeLessThan(spread + 1.5);
    });
  }, 90_000);
});
