// End to end in Chromium: an open playlist takes the queue's gestures. Ctrl/Cmd+click and Shift+click select,
// Alt+↑ moves the selection, a mouse drag reorders, Delete removes the selection and Ctrl/Cmd+Z (the one undo
// history) brings it back; the queue keeps its own order throughout, and the new order is what main saves.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addAndWait,
  button,
  dragRow,
  openApp,
  permalinks,
  queueTitles,
  savedJson,
  useChromium,
  withApp,
} from './harness';

const TITLES = ['Lantern Hum', 'Harbour Lights', 'Short Bell', 'Paper Boats'];

const browser = useChromium();

const grid = (page: Page) => page.getByRole('grid', { name: 'Playlist 1', exact: true });
const rowOf = (page: Page, title: string) => grid(page).getByRole('row').filter({ hasText: title });
const titles = (page: Page) => grid(page).locator('.row-title').allTextContents();
const selectedTitles = (page: Page) =>
  grid(page).locator('[aria-selected="true"] .row-title').allTextContents();

interface SavedPlaylists {
  playlists: { items: { track?: { title: string } }[] }[];
}

describe('editing an open playlist', () => {
  it('selects, moves by key and by drag, removes and undoes as the queue does', async () => {
    await withApp(openApp(browser()), async (app) => {
      const { page } = app;
      await addAndWait(page, await permalinks(app.simulator, TITLES));
      await button(page, 'Save queue as playlist').click();
      await page
        .getByRole('navigation', { name: 'Playlists' })
        .getByRole('button', { name: /^Playlist 1/ })
        .click();
      await expect.poll(() => titles(page)).toEqual(TITLES);

      await rowOf(page, 'Harbour Lights').click();
      await rowOf(page, 'Paper Boats').click({ modifiers: ['ControlOrMeta'] });
      expect(await selectedTitles(page)).toEqual(['Harbour Lights', 'Paper Boats']);
      await page.keyboard.press('Alt+ArrowUp');
      await expect
        .poll(() => titles(page))
        .toEqual(['Harbour Lights', 'Lantern Hum', 'Paper Boats', 'Short Bell']);

      // A range from the anchor (the last Ctrl/Cmd+click) to the row Shift+clicked.
      await rowOf(page, 'Lantern Hum').click({ modifiers: ['Shift'] });
      expect(await selectedTitles(page)).toEqual(['Lantern Hum', 'Paper Boats']);

      // A drag of an unselected row moves it alone.
      await dragRow(page, rowOf(page, 'Short Bell'), rowOf(page, 'Harbour Lights'), -4);
      await expect
        .poll(() => titles(page))
        .toEqual(['Short Bell', 'Harbour Lights', 'Lantern Hum', 'Paper Boats']);

      await rowOf(page, 'Lantern Hum').click();
      await rowOf(page, 'Paper Boats').click({ modifiers: ['Shift'] });
      await page.keyboard.press('Delete');
      await expect.poll(() => titles(page)).toEqual(['Short Bell', 'Harbour Lights']);
      await rowOf(page, 'Short Bell').focus();
      await page.keyboard.press('ControlOrMeta+z');
      await expect
        .poll(() => titles(page))
        .toEqual(['Short Bell', 'Harbour Lights', 'Lantern Hum', 'Paper Boats']);

      // The playlist is saved in its new order; the queue kept its own.
      await expect
        .poll(async () => {
          const saved = await savedJson<SavedPlaylists>(app, 'playlists.json');
          return saved?.playlists[0]?.items.map((item) => item.track?.title);
        })
        .toEqual(['Short Bell', 'Harbour Lights', 'Lantern Hum', 'Paper Boats']);
      await page
        .getByRole('navigation', { name: 'Playlists' })
        .getByRole('button', { name: /^Now playing/ })
        .click();
      await expect.poll(() => queueTitles(page)).toEqual(TITLES);
    });
  }, 60_000);
});
