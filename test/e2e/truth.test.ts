// End to end in Chromium: the window tells the truth. Loading is not playing; what the resolver knows about a
// track shows on its row at once and such rows are skipped; adds are confirmed; settings that cannot work
// are refused before they are saved; removals are announced by a toast whose Undo names what it undoes.
import { describe, expect, it } from 'vitest';
import {
  addAndWait,
  addLinks,
  catalogue,
  currentTitle,
  entry,
  grantRequests,
  openApp,
  playingStream,
  queueTitles,
  row,
  rows,
  scrollQueue,
  simTrack,
  useChromium,
  withApp,
  type CatalogueEntry,
} from './harness';

const browser = useChromium();

function plain(entries: readonly CatalogueEntry[], count: number): CatalogueEntry[] {
  const tracks = entries.filter((e) => e.kind === 'track' && e.role === null).slice(0, count);
  if (tracks.length < count) throw new Error('catalogue too small');
  return tracks;
}

describe('playing means playing', () => {
  it('shows Loading on the row and the transport until the audio really moves', async () => {
    await withApp(openApp(browser()), async (app) => {
      const [track] = plain(await catalogue(app.simulator), 1);
      if (track === undefined) throw new Error('no track');
      await addAndWait(app.page, [track.permalink]);
      app.simulator.configure({ latencyMs: 1500 });
      await row(app.page, track.title).dblclick();

      const transport = app.page.getByRole('region', { name: 'Player' });
      await transport.getByRole('button', { name: 'Loading', exact: true }).waitFor();
      await expect(row(app.page, track.title).locator('.row-status').textContent()).resolves.toBe('Loading…');
      await expect(app.page.locator('.equalizer').count()).resolves.toBe(0);
      await expect(transport.getByRole('button', { name: 'Pause', exact: true }).count()).resolves.toBe(0);
      // Still loading a second later: at this latency the stream takes several round trips.
      await app.page.waitForTimeout(1_000);
      await expect(transport.getByRole('button', { name: 'Loading', exact: true }).count()).resolves.toBe(1);

      await transport.getByRole('button', { name: 'Pause', exact: true }).waitFor({ timeout: 30_000 });
      const audio = await playingStream(app.page, 30_000);
      expect(audio.paused).toBe(false);
      await expect(row(app.page, track.title).locator('.row-status').textContent()).resolves.toBe('Playing');
      await expect(app.page.locator('.equalizer').count()).resolves.toBe(1);
    });
  });
});

describe('reasons up front', () => {
  it('says why a geo-blocked or DRM-only track cannot play, offers no Retry, and skips it', async () => {
    await withApp(openApp(browser()), async (app) => {
      const entries = await catalogue(app.simulator);
      const [a, b] = plain(entries, 2);
      if (a === undefined || b === undefined) throw new Error('catalogue too small');
      const geo = entry(entries, 'Border Song');
      const drm = entry(entries, 'Locked Vault');
      await addAndWait(app.page, [a.permalink, geo.permalink, drm.permalink, b.permalink]);

      const geoRow = row(app.page, geo.title);
      await expect(geoRow.locator('.row-status').textContent()).resolves.toMatch(
        /^Not playable: This track is not available in your country/,
      );
      await expect(row(app.page, drm.title).locator('.row-status').textContent()).resolves.toMatch(
        /^Not playable: .*copy protection/,
      );
      for (const title of [geo.title, drm.title]) {
        await expect(row(app.page, title).getAttribute('class')).resolves.toMatch(/\bblocked\b/);
        await row(app.page, title).hover();
        await expect(row(app.page, title).getByRole('button', { name: 'Retry' }).count()).resolves.toBe(0);
      }
      // Double-clicking a blocked row plays nothing.
      await geoRow.dblclick();
      await expect(currentTitle(app.page)).resolves.toBeNull();

      await row(app.page, a.title).dblclick();
      await expect.poll(() => currentTitle(app.page)).toBe(a.title);
      const transport = app.page.getByRole('region', { name: 'Player' });
      await transport.getByRole('button', { name: 'Next', exact: true }).click();
      await expect.poll(() => currentTitle(app.page)).toBe(b.title);
      await transport.getByRole('button', { name: 'Previous', exact: true }).click();
      await expect.poll(() => currentTitle(app.page)).toBe(a.title);
      // Nothing was ever asked to play them.
      await expect(geoRow.locator('.row-status').textContent()).resolves.toMatch(/^Not playable/);
    });
  });
});

describe('a provider problem does not spread', () => {
  it('stops on the track a human check failed, and says why, instead of failing the queue', async () => {
    await withApp(openApp(browser()), async (app) => {
      const tracks = plain(await catalogue(app.simulator), 3);
      await addAndWait(
        app.page,
        tracks.map((t) => t.permalink),
      );
      app.simulator.addFault({ route: 'api-v2.soundcloud.com/media/*', kind: 'challenge' });
      const [first, ...rest] = tracks;
      if (first === undefined) throw new Error('catalogue too small');
      await row(app.page, first.title).dblclick();
      await app.page
        .locator('.add-links .notice')
        .filter({ hasText: /^Playback stopped: / })
        .waitFor();
      await expect(row(app.page, first.title).getAttribute('class')).resolves.toMatch(/\bstatus-error\b/);
      const transport = app.page.getByRole('region', { name: 'Player' });
      await transport.getByRole('button', { name: 'Play', exact: true }).waitFor();
      for (const track of rest) {
        await expect(row(app.page, track.title).locator('.row-status').textContent()).resolves.toBe('Ready');
        expect(grantRequests(app.simulator, simTrack(app.simulator, track.title))).toEqual([]);
      }
    });
  });
});

describe('adds are confirmed', () => {
  it('a single link gets a progress line, the new row is marked and the window says where it went', async () => {
    await withApp(openApp(browser()), async (app) => {
      const entries = await catalogue(app.simulator);
      const tracks = plain(entries, 7);
      const [last] = tracks.slice(-1);
      if (last === undefined) throw new Error('catalogue too small');
      await addAndWait(
        app.page,
        tracks.slice(0, 6).map((t) => t.permalink),
      );
      // The "Resolving N of M" line ends on the true final count.
      await app.page.getByRole('status').filter({ hasText: 'Resolved 6 of 6' }).waitFor();

      await addLinks(app.page, 'no links in here');
      const notice = app.page.locator('.add-links .notice');
      await notice.waitFor();
      app.simulator.configure({ latencyMs: 600 });
      await addLinks(app.page, last.permalink);
      await app.page
        .getByRole('status')
        .filter({ hasText: /Resolving 0 of 1|Resolved 1 of 1/ })
        .waitFor();
      await app.page
        .getByRole('status')
        .filter({ hasText: 'Added 1 link at the end of the queue (row 7).' })
        .waitFor();
      // The old notice went away with the paste that succeeded.
      await expect(notice.count()).resolves.toBe(0);
      await expect(rows(app.page).last().getAttribute('class')).resolves.toMatch(/\bjust-added\b/);
      await app.page.getByRole('status').filter({ hasText: 'Resolved 1 of 1' }).waitFor();
      await expect.poll(() => queueTitles(app.page)).toContain(last.title);
    });
  });
});

describe('a paste into a long queue', () => {
  it('scrolls the list to the rows it added', async () => {
    await withApp(openApp(browser()), async (app) => {
      const entries = await catalogue(app.simulator);
      const set = entries.find((e) => e.kind === 'playlist' && (e.track_count ?? 0) > 100);
      const [single] = plain(entries, 1);
      if (set === undefined || single === undefined) throw new Error('catalogue too small');
      await addLinks(app.page, set.permalink);
      const summary = app.page.locator('.queue-summary');
      await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toMatch(/^\d{3} items/);
      await scrollQueue(app.page, 'top');
      await addLinks(app.page, single.permalink);
      // The new row, far below the first screen, is in view without the listener scrolling.
      const added = row(app.page, single.title).last();
      await expect.poll(() => added.isVisible(), { timeout: 5_000 }).toBe(true);
      const box = await added.boundingBox();
      const viewport = app.page.viewportSize();
      expect(box).not.toBeNull();
      expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(viewport?.height ?? 0);
    });
  });
});

describe('settings that cannot work are caught', () => {
  it('refuses the official API with empty or refused credentials, saving nothing', async () => {
    await withApp(openApp(browser()), async (app) => {
      const { page } = app;
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: /Official API/ }).check();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog
        .getByRole('alert')
        .filter({ hasText: /needs your app.s client id and secret/ })
        .waitFor();

      await dialog.getByLabel('Client ID').fill('not-a-real-client');
      await dialog.getByLabel('Client secret').fill('not-a-real-secret');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog
        .getByRole('alert')
        .filter({ hasText: 'SoundCloud refused the client id and secret' })
        .waitFor();
      const saved = await page.evaluate(() =>
        (
          globalThis as unknown as { cloudcue: { getSettings(a: object): Promise<unknown> } }
        ).cloudcue.getSettings({}),
      );
      expect(saved).toMatchObject({ ok: true, value: { provider: 'v2', officialClientId: '' } });

      const { clientId, clientSecret } = app.simulator.officialApp;
      await dialog.getByLabel('Client ID').fill(clientId);
      await dialog.getByLabel('Client secret').fill(clientSecret);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
    });
  });
});

describe('undo says what it undoes', () => {
  it('a clear is announced by a toast whose Undo names it, and is never merged into a newer queue', async () => {
    await withApp(openApp(browser()), async (app) => {
      const tracks = plain(await catalogue(app.simulator), 4);
      const titles = tracks.slice(0, 3).map((t) => t.title);
      await addAndWait(
        app.page,
        tracks.slice(0, 3).map((t) => t.permalink),
      );
      await app.page.getByRole('button', { name: 'Clear' }).click();
      const toast = app.page.locator('.toast');
      await toast.filter({ hasText: 'Cleared 3 tracks.' }).waitFor();
      await toast.getByRole('button', { name: 'Undo clear (3 tracks)' }).click();
      await expect.poll(() => queueTitles(app.page)).toEqual(titles);
      await toast.waitFor({ state: 'detached' });

      await app.page.getByRole('button', { name: 'Clear' }).click();
      await toast.filter({ hasText: 'Cleared 3 tracks.' }).waitFor();
      const fourth = tracks[3];
      if (fourth === undefined) throw new Error('catalogue too small');
      await addAndWait(app.page, [fourth.permalink]);
      // The clear can no longer be undone: its toast went with the new paste.
      await expect(toast.count()).resolves.toBe(0);
      await expect(app.page.getByRole('button', { name: /Undo clear/ }).count()).resolves.toBe(0);
      await expect(queueTitles(app.page)).resolves.toEqual([fourth.title]);
    });
  });
});
