// End to end in Chromium: the player bar's Playback options. At 2× the real audio element (HLS and MP3 alike)
// runs twice as fast as wall time with its pitch kept; "stop after this track" stops at the end of a short
// track with the next one chosen and paused; and the open menu passes axe-core.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { StreamPreference } from '../../shared/ipc';
import { axeViolations } from './axe';
import {
  button,
  colorScheme,
  currentTitle,
  openAppWith,
  playerBar,
  playingStream,
  playRow,
  streams,
  useChromium,
  withApp,
  type RecorderGlobals,
} from './harness';

const browser = useChromium();

/** What the playing element says of its speed. */
interface Speed {
  playbackRate: number;
  preservesPitch: boolean;
}

/** The playing element's rate settings, and how fast its position moved against the page's clock over `ms`. */
async function measure(page: Page, ms: number): Promise<Speed & { ratio: number }> {
  return page.evaluate(async (wait) => {
    const playing = () => {
      const found = (globalThis as unknown as RecorderGlobals).__cloudcueAudio.filter((a) => !a.paused);
      if (found.length !== 1 || found[0] === undefined) throw new Error(`${found.length} elements play`);
      // The Node type check has no DOM: the element's speed fields, named here.
      return found[0] as (typeof found)[0] & Speed;
    };
    const from = { media: playing().currentTime, wall: performance.now() };
    await new Promise((resolve) => setTimeout(resolve, wait));
    const audio = playing();
    const ratio = (audio.currentTime - from.media) / ((performance.now() - from.wall) / 1000);
    return { ratio, playbackRate: audio.playbackRate, preservesPitch: audio.preservesPitch };
  }, ms);
}

/** Checks over `ms` that the playing element is set to `rate` with its pitch kept and runs at `rate` ± `within`. */
async function expectSpeed(page: Page, rate: number, ms: number, within: number): Promise<void> {
  const speed = await measure(page, ms);
  expect(speed.playbackRate).toBe(rate);
  expect(speed.preservesPitch).toBe(true);
  expect(speed.ratio).toBeGreaterThan(rate - within);
  expect(speed.ratio).toBeLessThan(rate + within);
}

function menuButton(page: Page) {
  return playerBar(page).getByRole('button', { name: /^Playback options/ });
}

/** Opens the menu, picks the item named `name` (a speed, a sleep time, the stop option), and closes it. */
async function choose(page: Page, name: string): Promise<void> {
  await menuButton(page).click();
  const menu = page.getByRole('menu', { name: 'Playback options' });
  await menu.getByRole(/×$/.test(name) ? 'menuitemradio' : 'menuitemcheckbox', { name, exact: true }).click();
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
}

describe('playback speed', () => {
  it.each<[string, StreamPreference]>([
    ['HLS (AAC)', 'aac'],
    ['progressive MP3 (howler)', 'mp3'],
  ])('at 2× the %s element runs twice as fast as wall time, its pitch kept', async (_name, preference) => {
    const opening = openAppWith(browser(), ['Lantern Hum'], { streamPreference: preference });
    await withApp(opening, async ({ page }) => {
      await playRow(page, 'Lantern Hum');
      await expectSpeed(page, 1, 1_500, 0.2);

      await choose(page, '2×');
      await expectSpeed(page, 2, 3_000, 0.3);
      await expect(menuButton(page).locator('.player-menu-badge').textContent()).resolves.toBe('2×');
    });
  });
});

describe('stop after this track', () => {
  it('stops at the end of the track, the next one chosen and paused, and turns itself off; Play goes on', async () => {
    await withApp(openAppWith(browser(), ['Short Bell', 'Paper Boats']), async ({ page }) => {
      await playRow(page, 'Short Bell');
      await choose(page, 'Stop after this track');
      // Short Bell is 5 s long.
      await expect.poll(() => currentTitle(page), { timeout: 15_000 }).toBe('Paper Boats');
      await button(page, 'Play').waitFor();
      // And it stays silent: no element plays a second later.
      await page.waitForTimeout(1_000);
      expect((await streams(page)).filter((s) => !s.paused)).toEqual([]);
      await menuButton(page).click();
      const stop = page.getByRole('menuitemcheckbox', { name: 'Stop after this track' });
      await expect(stop.getAttribute('aria-checked')).resolves.toBe('false');
      await page.keyboard.press('Escape');
      // The waiting track (prepared before the stop) takes a speed chosen meanwhile when it starts.
      await choose(page, '1.5×');
      await button(page, 'Play').click();
      await playingStream(page);
      await expectSpeed(page, 1.5, 1_500, 0.25);
    });
  });
});

describe('the open menu', () => {
  it('finds no serious or critical axe violation, light and dark, with a speed and a sleep timer set', async () => {
    await withApp(openAppWith(browser(), ['Lantern Hum']), async ({ page }) => {
      await playRow(page, 'Lantern Hum');
      await menuButton(page).click();
      await page.getByRole('menuitemradio', { name: '1.5×' }).click();
      await page.getByRole('menuitemradio', { name: '30 min' }).click();
      await page.getByRole('group', { name: /^Sleep in 2\d:\d\d$/ }).waitFor();
      expect(await axeViolations(page), 'open menu').toEqual([]);
      await colorScheme(page, 'dark');
      expect(await axeViolations(page), 'open menu, dark').toEqual([]);
      await page.keyboard.press('Escape');
      expect(await axeViolations(page), 'the button with its badge, dark').toEqual([]);
    });
  });
});
