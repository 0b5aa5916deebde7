// End to end in Chromium: two playlists made in the Playlists panel, a link pasted into one, tracks added to
// the other from the queue's selection, that playlist played (the queue becomes its items and the audio moves
// on from one to the next), and after a restart on the same data everything is back.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addAndWait,
  addLinks,
  button,
  currentTitle,
  expectQueue,
  moving,
  openApp,
  permalinks,
  playingStream,
  queueTitles,
  restartApp,
  row,
  savedJson,
  useChromium,
  withApp,
  type App,
} from './harness';

const browser = useChromium();

const panel = (page: Page) => page.getByRole('navigation', { name: 'Playlists' });
/** The panel's entry for a playlist (or "Now playing"): its name, then its count. */
const entryOf = (page: Page, name: string, count: string) =>
  panel(page).getByRole('button', { name: new RegExp(`^${name}[,\\s]*${count}$`) });
const openList = (page: Page, name: string) => page.getByRole('grid', { name, exact: true });

interface SavedPlaylists {
  version: number;
  playlists: { name: string; items: { track?: { title: string } }[] }[];
}

const savedPlaylists = (app: App) => savedJson<SavedPlaylists>(app, 'playlists.json');

describe('playlists', () => {
  it('makes two playlists, pastes into one, fills and plays the other, and has all back after a restart', async () => {
    let app = await openApp(browser());
    try {
      const titles = ['Lantern Hum', 'Short Bell', 'Paper Boats'];
      await addAndWait(app.page, await permalinks(app.simulator, titles));

      await button(app.page, 'New playlist').click();
      await button(app.page, 'New playlist').click();
      await entryOf(app.page, 'Playlist 1', '0 tracks').waitFor();
      await entryOf(app.page, 'Playlist 2', '0 tracks').click();
      await app.page.getByRole('heading', { name: /^Playlist 2/ }).waitFor();
      // The paste box adds to the open playlist, resolved there: the queue keeps its three tracks.
      const [harbour] = await permalinks(app.simulator, ['Harbour Lights']);
      await addLinks(app.page, harbour ?? '');
      await openList(app.page, 'Playlist 2').getByText('Harbour Lights').waitFor();
      await openList(app.page, 'Playlist 2').getByText('Ready', { exact: true }).waitFor();

      // Back to the queue: select two tracks and add them with the panel's button (the keyboard's way).
      await entryOf(app.page, 'Playlist 2', '1 track').waitFor();
      await entryOf(app.page, 'Now playing', '3 tracks').click();
      await row(app.page, 'Short Bell').click();
      await row(app.page, 'Paper Boats').click({ modifiers: ['ControlOrMeta'] });
      await button(app.page, 'Add 2 tracks to Playlist 1').click();
      await entryOf(app.page, 'Playlist 1', '2 tracks').click();
      await expect
        .poll(() => openList(app.page, 'Playlist 1').locator('.row-title').allTextContents())
        .toEqual(['Short Bell', 'Paper Boats']);

      await app.page.locator('.playlist-view').getByRole('button', { name: 'Play', exact: true }).click();
      // The toast offers the queue back (shown for a few seconds only: read at once).
      await app.page.getByRole('status').filter({ hasText: 'Playing “Playlist 1” (2 tracks).' }).waitFor();
      // The queue is the playlist now, and plays from its first track on to the next.
      await expect.poll(() => queueTitles(app.page)).toEqual(['Short Bell', 'Paper Boats']);
      await playingStream(app.page);
      await expect.poll(() => currentTitle(app.page), { timeout: 15_000 }).toBe('Paper Boats');
      await moving(app.page);

      await expect
        .poll(async () => {
          const saved = await savedPlaylists(app);
          return saved?.playlists.map((p) => [p.name, p.items.map((i) => i.track?.title)]);
        })
        .toEqual([
          ['Playlist 1', ['Short Bell', 'Paper Boats']],
          ['Playlist 2', ['Harbour Lights']],
        ]);

      app = await restartApp(browser(), app);

      await expectQueue(app.page, ['Short Bell', 'Paper Boats']);
      await entryOf(app.page, 'Playlist 2', '1 track').waitFor();
      await entryOf(app.page, 'Playlist 1', '2 tracks').click();
      await expect
        .poll(() => openList(app.page, 'Playlist 1').locator('.row-title').allTextContents())
        .toEqual(['Short Bell', 'Paper Boats']);
      await expect(
        openList(app.page, 'Playlist 1').getByText('Ready', { exact: true }).count(),
      ).resolves.toBe(2);
    } finally {
      await app.close();
    }
  });

  it('adds queue rows dragged onto a playlist in the panel, and keeps the queue as it was', async () => {
    await withApp(openApp(browser()), async (app) => {
      await addAndWait(app.page, await permalinks(app.simulator, ['Lantern Hum', 'Short Bell']));
      await button(app.page, 'New playlist').click();
      await entryOf(app.page, 'Now playing', '2 tracks').click();
      const from = await row(app.page, 'Short Bell').boundingBox();
      const to = await entryOf(app.page, 'Playlist 1', '0 tracks').boundingBox();
      if (from === null || to === null) throw new Error('nothing to drag, or nowhere to drop');
      await app.page.mouse.move(from.x + 60, from.y + from.height / 2);
      await app.page.mouse.down();
      await app.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
      await app.page.mouse.up();
      await entryOf(app.page, 'Playlist 1', '1 track').waitFor();
      await expect(queueTitles(app.page)).resolves.toEqual(['Lantern Hum', 'Short Bell']);
      // For 50 ms after a drag (longer on a busy page: it is a timer), dnd-kit stops every click on the page,
      // so that the drop's own click reaches nothing; a click that quick goes unheard, and is made again.
      const entry = entryOf(app.page, 'Playlist 1', '1 track');
      await expect
        .poll(async () => {
          if (!(await openList(app.page, 'Playlist 1').isVisible())) await entry.click();
          return openList(app.page, 'Playlist 1').locator('.row-title').allTextContents();
        })
        .toEqual(['Short Bell']);
    });
  });
});
