// End to end in Chromium: every way of adding links, and editing the queue (drag and keyboard moves, removal, undo).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addAndWait,
  addLinks,
  catalogue,
  entry,
  expectQueue,
  focusedItemId,
  openApp,
  queueTitles,
  row,
  rows,
  useChromium,
  withApp,
  type App,
  type CatalogueEntry,
} from './harness';

const browser = useChromium();

/** The page's side of the drag and paste events; declared here because the Node type check has no DOM. */
interface PageDataTransfer {
  setData(type: string, data: string): void;
}
interface PageTarget {
  dispatchEvent(event: unknown): boolean;
}
interface PageWindow {
  DataTransfer: new () => PageDataTransfer;
  DragEvent: new (
    type: string,
    init: { dataTransfer: PageDataTransfer; bubbles: boolean; cancelable: boolean },
  ) => unknown;
  document: { querySelector(selector: string): PageTarget | null };
}

/** Drags text onto the queue panel as a browser does for a link dropped from another window. */
async function dropText(page: Page, data: Record<string, string>, events: string[]): Promise<void> {
  await page.evaluate(
    ({ data, events }) => {
      const w = globalThis as unknown as PageWindow;
      const target = w.document.querySelector('main.queue-panel');
      if (target === null) throw new Error('no queue panel');
      const transfer = new w.DataTransfer();
      for (const [type, text] of Object.entries(data)) transfer.setData(type, text);
      for (const type of events) {
        target.dispatchEvent(
          new w.DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      }
    },
    { data, events },
  );
}

/** The titles of the first `count` featured tracks of the catalogue that play normally. */
function plainTracks(entries: readonly CatalogueEntry[], count: number): CatalogueEntry[] {
  const tracks = entries.filter((e) => e.kind === 'track' && e.role === null).slice(0, count);
  if (tracks.length < count) throw new Error('catalogue too small');
  return tracks;
}

/** Runs `body` on a new app with `count` tracks in the queue, resolved (and their titles), then closes it. */
function withTracks(count: number, body: (app: App, titles: string[]) => Promise<void>): Promise<void> {
  return withApp(openApp(browser()), async (app) => {
    const tracks = plainTracks(await catalogue(app.simulator), count);
    await addAndWait(
      app.page,
      tracks.map((t) => t.permalink),
    );
    await body(
      app,
      tracks.map((t) => t.title),
    );
  });
}

describe('adding links', () => {
  it('pastes into the box without adding, then adds on Ctrl+Enter and empties the box', async () => {
    const opening = openApp(browser(), { context: { permissions: ['clipboard-read', 'clipboard-write'] } });
    await withApp(opening, async (app) => {
      const [a, b] = plainTracks(await catalogue(app.simulator), 2);
      if (!a || !b) throw new Error('catalogue too small');
      await setClipboard(app.page, `${a.permalink}\n${b.permalink}`);
      const box = app.page.getByRole('textbox', { name: 'Add links' });
      await box.click();
      await app.page.keyboard.press('Control+V');
      await expect.poll(() => box.inputValue()).toBe(`${a.permalink}\n${b.permalink}`);
      // A paste into the text field is the field's: nothing was added yet.
      await expect(app.page.getByRole('heading', { name: 'Your queue is empty' }).isVisible()).resolves.toBe(
        true,
      );
      await app.page.keyboard.press('Control+Enter');
      await expectQueue(app.page, [a.title, b.title]);
      await expect(box.inputValue()).resolves.toBe('');
    });
  });

  it('adds the clipboard’s links on Ctrl+V outside text fields', async () => {
    const opening = openApp(browser(), { context: { permissions: ['clipboard-read', 'clipboard-write'] } });
    await withApp(opening, async (app) => {
      const [a, b, c] = plainTracks(await catalogue(app.simulator), 3);
      if (!a || !b || !c) throw new Error('catalogue too small');
      await addAndWait(app.page, [a.permalink]);
      await setClipboard(app.page, `Listen: ${c.permalink} and ${b.permalink}`);
      await app.page.locator('.queue-summary').click();
      await app.page.keyboard.press('Control+V');
      await expectQueue(app.page, [a.title, c.title, b.title]);
      await expect(app.page.getByRole('textbox', { name: 'Add links' }).inputValue()).resolves.toBe('');
    });
  });

  it('adds links dropped on the queue (text/uri-list, then plain text)', async () => {
    await withApp(openApp(browser()), async (app) => {
      const [a, b, c] = plainTracks(await catalogue(app.simulator), 3);
      if (!a || !b || !c) throw new Error('catalogue too small');
      const hint = app.page.getByText('Drop to add to the queue');
      await dropText(app.page, { 'text/uri-list': `# from a browser\n${b.permalink}\r\n${a.permalink}` }, [
        'dragenter',
        'dragover',
      ]);
      await hint.waitFor();
      await dropText(app.page, { 'text/uri-list': `# from a browser\n${b.permalink}\r\n${a.permalink}` }, [
        'drop',
      ]);
      await hint.waitFor({ state: 'detached' });
      await expectQueue(app.page, [b.title, a.title]);

      await dropText(app.page, { 'text/plain': `have a listen ${c.permalink}` }, ['dragover', 'drop']);
      await expectQueue(app.page, [b.title, a.title, c.title]);
    });
  });

  it('expands a set link to its 3 tracks, in the set’s order', async () => {
    await withApp(openApp(browser()), async (app) => {
      const set = app.simulator.catalogue.playlists.find((p) => p.tracks.length === 3);
      if (set === undefined) throw new Error('no 3-track set');
      const link = entry(await catalogue(app.simulator), set.title).permalink;
      await addLinks(app.page, link);
      await expectQueue(
        app.page,
        set.tracks.map((t) => t.title),
      );
      await expect
        .poll(() => rows(app.page).filter({ hasText: 'Ready' }).count(), { timeout: 5_000 })
        .toBe(3);
    });
  });

  it('shows "Resolving N of M" while a 125-link paste resolves, and removes it when done', async () => {
    // A little latency per request, so the line is on screen long enough to be seen.
    await withApp(openApp(browser(), { latencyMs: 60 }), async (app) => {
      const set = app.simulator.catalogue.playlists.find((p) => p.tracks.length === 125);
      if (set === undefined) throw new Error('no 125-track set');
      const entries = await catalogue(app.simulator);
      const links = set.tracks.map((t) => entry(entries, t.title).permalink);
      await addLinks(app.page, links.join('\n'));
      const status = app.page.getByRole('status').filter({ hasText: /Resolving \d+ of 125/ });
      await status.waitFor({ timeout: 10_000 });
      const seen = await status.textContent();
      expect(seen).toMatch(/^Resolving \d+ of 125$/);
      await status.waitFor({ state: 'detached', timeout: 30_000 });
      await expect(app.page.locator('.queue-summary').textContent()).resolves.toMatch(/^125 items/);
      await expect(rows(app.page).filter({ hasText: 'Resolving…' }).count()).resolves.toBe(0);
      const titles = await queueTitles(app.page);
      expect(titles.length).toBeGreaterThan(3);
      expect(titles).toEqual(set.tracks.slice(0, titles.length).map((t) => t.title));
    });
  });
});

describe('editing the queue', () => {
  it('reorders by dragging a row with the mouse', async () => {
    await withTracks(4, async (app, titles) => {
      const [t0, t1, t2, t3] = titles;
      const from = await row(app.page, t0 ?? '').boundingBox();
      const to = await row(app.page, t2 ?? '').boundingBox();
      if (from === null || to === null) throw new Error('rows not on screen');
      // Grab the row by its text (not a button), past the drag threshold, in several steps as a hand would.
      const x = from.x + from.width * 0.4;
      await app.page.mouse.move(x, from.y + from.height / 2);
      await app.page.mouse.down();
      await app.page.mouse.move(x, from.y + from.height / 2 + 10, { steps: 3 });
      await app.page.mouse.move(x, to.y + to.height / 2 + 4, { steps: 10 });
      await app.page.mouse.up();
      await expect.poll(() => queueTitles(app.page)).toEqual([t1, t2, t0, t3]);

      // And back up, over the first row.
      const moved = await row(app.page, t0 ?? '').boundingBox();
      const top = await row(app.page, t1 ?? '').boundingBox();
      if (moved === null || top === null) throw new Error('rows not on screen');
      await app.page.mouse.move(x, moved.y + moved.height / 2);
      await app.page.mouse.down();
      await app.page.mouse.move(x, moved.y + moved.height / 2 - 10, { steps: 3 });
      await app.page.mouse.move(x, top.y + top.height / 2 - 4, { steps: 10 });
      await app.page.mouse.up();
      await expect.poll(() => queueTitles(app.page)).toEqual([t0, t1, t2, t3]);
    });
  });

  it('moves the selection with Alt+↓/↑, keeping the focus on the moved row', async () => {
    await withTracks(4, async (app, titles) => {
      const [t0, t1, t2, t3] = titles;
      await row(app.page, t0 ?? '').click();
      await app.page.keyboard.press('Alt+ArrowDown');
      await expect.poll(() => queueTitles(app.page)).toEqual([t1, t0, t2, t3]);
      await app.page.keyboard.press('Alt+ArrowDown');
      await expect.poll(() => queueTitles(app.page)).toEqual([t1, t2, t0, t3]);
      const movedId = await row(app.page, t0 ?? '').getAttribute('data-item-id');
      await expect(focusedItemId(app.page)).resolves.toBe(movedId);

      // A block of two (Shift+↓ extends the selection) moves together.
      await app.page.keyboard.press('Shift+ArrowDown');
      await app.page.keyboard.press('Alt+ArrowUp');
      await expect.poll(() => queueTitles(app.page)).toEqual([t1, t0, t3, t2]);
      await app.page.keyboard.press('Alt+ArrowUp');
      await app.page.keyboard.press('Alt+ArrowUp');
      // Already at the top: the block stays put.
      await expect.poll(() => queueTitles(app.page)).toEqual([t0, t3, t1, t2]);
    });
  });

  it('removes with Delete (one row, then a range) and puts them back with Ctrl+Z', async () => {
    await withTracks(5, async (app, titles) => {
      const [t0, t1, t2, t3, t4] = titles;
      await row(app.page, t1 ?? '').click();
      await app.page.keyboard.press('Delete');
      await expect.poll(() => queueTitles(app.page)).toEqual([t0, t2, t3, t4]);
      // The focus moved on to the next row, which is now selected: Shift+↓ and Backspace take two.
      await app.page.keyboard.press('Shift+ArrowDown');
      await app.page.keyboard.press('Backspace');
      await expect.poll(() => queueTitles(app.page)).toEqual([t0, t4]);

      await app.page.keyboard.press('Control+z');
      await expect.poll(() => queueTitles(app.page)).toEqual([t0, t2, t3, t4]);
      await app.page.keyboard.press('Control+z');
      await expect.poll(() => queueTitles(app.page)).toEqual(titles);
      await app.page.getByRole('button', { name: 'Undo' }).waitFor({ state: 'detached' });
    });
  });

  it('removes with a row’s "Remove" button and puts it back with "Undo"', async () => {
    await withTracks(3, async (app, titles) => {
      const [t0, t1, t2] = titles;
      await expect(app.page.getByRole('button', { name: 'Undo' }).count()).resolves.toBe(0);
      const target = row(app.page, t1 ?? '');
      await target.hover();
      await target.getByRole('button', { name: 'Remove' }).click();
      await expect.poll(() => queueTitles(app.page)).toEqual([t0, t2]);
      await app.page.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => queueTitles(app.page)).toEqual([t0, t1, t2]);
      await app.page.getByRole('button', { name: 'Undo' }).waitFor({ state: 'detached' });
    });
  });

  it('"Remove all failed" takes only the failed items, and Undo puts them back in place', async () => {
    await withApp(openApp(browser()), async (app) => {
      const entries = await catalogue(app.simulator);
      const [a, b] = plainTracks(entries, 2);
      const gone = entries.find((e) => e.role === 'removed');
      if (!a || !b || gone === undefined) throw new Error('catalogue too small');
      const missing = 'https://soundcloud.com/nobody-here/missing';
      await addAndWait(app.page, [a.permalink, missing, b.permalink, gone.permalink]);
      await expect(app.page.locator('.queue-summary').textContent()).resolves.toMatch(/2 failed/);
      const before = await queueTitles(app.page);
      expect(before[0]).toBe(a.title);
      expect(before[2]).toBe(b.title);

      await app.page.getByRole('button', { name: 'Remove all failed' }).click();
      await expect.poll(() => queueTitles(app.page)).toEqual([a.title, b.title]);
      await app.page.getByRole('button', { name: 'Remove all failed' }).waitFor({ state: 'detached' });

      await app.page.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => queueTitles(app.page)).toEqual(before);
      await app.page.getByRole('button', { name: 'Remove all failed' }).waitFor();
    });
  });

  it('"Clear" empties the queue, and Undo brings it all back in order', async () => {
    await withTracks(4, async (app, titles) => {
      await app.page.getByRole('button', { name: 'Clear' }).click();
      await app.page.getByRole('heading', { name: 'Your queue is empty' }).waitFor();
      await expect(app.page.getByRole('grid', { name: 'Queue' }).count()).resolves.toBe(0);
      await app.page.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => queueTitles(app.page)).toEqual(titles);
      await expect
        .poll(() => rows(app.page).filter({ hasText: 'Ready' }).count(), { timeout: 5_000 })
        .toBe(4);
    });
  });
});

/** Puts `text` on the system clipboard (the context needs the clipboard permissions). */
async function setClipboard(page: Page, text: string): Promise<void> {
  await page.evaluate(async (value) => {
    const w = globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void> } } };
    await w.navigator.clipboard.writeText(value);
  }, text);
}
