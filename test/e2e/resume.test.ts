// End to end in Chromium: a two-hour radio show left an hour in resumes there when played again, with the
// "Resumed at … · Start over" note and the audio really moving on from there; after a restart on the same
// data folder too; and Start over takes it back to the beginning and forgets the place.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../renderer/src/format';
import { RECALL_MEASURE } from '../../renderer/src/player/resume-point';
import { RADIO_SHOW } from '../helpers/sim-catalogue';
import {
  moving,
  openAppWith,
  playerBar,
  playingPosition,
  playRow,
  restartApp,
  row,
  savedJson,
  streams,
  useChromium,
  type App,
  type AudioSnapshot,
} from './harness';

const browser = useChromium();
const SHOW = RADIO_SHOW.title;
const OTHER = 'Lantern Hum';
/** Where the listener leaves the show: 1:02:13. */
const LEAVE_AT = 3733;

const note = (page: Page) => playerBar(page).locator('.resume-note');

/** The show's position in main's positions.json (null when it holds none), once main has written it. */
async function rememberedOnDisk(app: App): Promise<number | null> {
  const saved = await savedJson<{ entries: [number, number][] }>(app, 'positions.json');
  return saved?.entries.find(([id]) => id === RADIO_SHOW.id)?.[1] ?? null;
}

/** The current item of the session main saved (null before it saved one). */
async function savedCurrentId(app: App): Promise<string | null> {
  return (await savedJson<{ currentId: string | null }>(app, 'session.json'))?.currentId ?? null;
}

/**
 * The audio, first seen playing at `started`, played from about `seconds` (not from the start, not far past
 * it) and moves on from there.
 */
async function playsFrom(page: Page, started: AudioSnapshot, seconds: number): Promise<void> {
  expect(Math.abs(started.currentTime - seconds)).toBeLessThan(3);
  expect(await moving(page, 0.5, 15_000)).toBeGreaterThan(seconds);
}

describe('resume where you left off', () => {
  it('resumes a two-hour show where it was left, after a restart too, and starts over on request', async () => {
    let app = await openAppWith(browser(), [SHOW, OTHER]);
    try {
      let page = app.page;
      await playRow(page, SHOW, 20_000);
      // Nothing remembered yet: it starts at the top, with no note.
      expect((await playingPosition(page)) ?? 99).toBeLessThan(5);
      await expect(note(page).count()).resolves.toBe(0);

      // To about 1:02:13: a click on the seek bar where that time is.
      await clickSeekBarAt(page, LEAVE_AT);
      await expect
        .poll(async () => (await playingPosition(page)) ?? 0, { timeout: 20_000 })
        .toBeGreaterThan(LEAVE_AT - 30);
      const left = await moving(page, 0.5, 15_000);
      expect(Math.abs(left - LEAVE_AT)).toBeLessThan(30);

      await playRow(page, OTHER, 20_000);
      // Main writes it shortly after: what it keeps is where the show was left, to the second.
      await expect
        .poll(() => rememberedOnDisk(app), { timeout: 10_000 })
        .toBeGreaterThanOrEqual(Math.floor(left));
      const kept = (await rememberedOnDisk(app)) ?? 0;
      expect(kept).toBeLessThan(left + 5);

      const resumed = await playRow(page, SHOW, 20_000);
      await note(page).waitFor();
      await expect(note(page).textContent()).resolves.toBe(
        `Resumed at ${formatDuration(kept * 1000)}·Start over`,
      );
      await playsFrom(page, resumed, kept);
      // Each long track's start waited for main's answer (measured, with whatever else kept the page busy).
      const waits = await page.evaluate(
        (name) => performance.getEntriesByName(name).map((entry) => entry.duration),
        RECALL_MEASURE,
      );
      expect(waits).toHaveLength(2);

      // A few seconds on, moved on again (so main's file holds a newer place), then the app restarts on the
      // same data folder.
      const leftAgain = await moving(page, 2.5, 15_000);
      await playRow(page, OTHER, 20_000);
      await expect(note(page).count()).resolves.toBe(0);
      await expect
        .poll(() => rememberedOnDisk(app), { timeout: 10_000 })
        .toBeGreaterThanOrEqual(Math.floor(leftAgain));
      const keptBeforeRestart = (await rememberedOnDisk(app)) ?? 0;
      expect(keptBeforeRestart).toBeGreaterThan(kept);
      // The session is saved too, with the other track current: the restart does not bring the show back
      // as the current track at the session's own position.
      const otherId = await row(page, OTHER).getAttribute('data-item-id');
      await expect.poll(() => savedCurrentId(app), { timeout: 10_000 }).toBe(otherId);
      app = await restartApp(browser(), app);
      page = app.page;
      await row(page, SHOW).waitFor();

      const resumedAfterRestart = await playRow(page, SHOW, 20_000);
      await note(page).waitFor();
      await expect(note(page).textContent()).resolves.toBe(
        `Resumed at ${formatDuration(keptBeforeRestart * 1000)}·Start over`,
      );
      await playsFrom(page, resumedAfterRestart, keptBeforeRestart);

      // Start over: back to the top, the note gone, the place forgotten.
      await note(page).getByRole('button', { name: 'Start over' }).click();
      await expect(note(page).count()).resolves.toBe(0);
      await expect.poll(async () => (await playingPosition(page)) ?? 99, { timeout: 10_000 }).toBeLessThan(5);
      expect(await moving(page, 0.5, 15_000)).toBeLessThan(10);
      await expect.poll(() => rememberedOnDisk(app), { timeout: 10_000 }).toBeNull();
      await expect(streams(page)).resolves.toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});

/** Clicks the seek bar where `seconds` of the show is. */
async function clickSeekBarAt(page: Page, seconds: number): Promise<void> {
  const box = await page.getByRole('slider', { name: 'Seek' }).boundingBox();
  if (box === null) throw new Error('no seek bar');
  const fraction = seconds / (RADIO_SHOW.durationMs / 1000);
  await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
}
