// End to end in Chromium: one paste of an embed code, a profile's likes page and a secret set becomes every
// track of them, in paste order, all resolved; the secret set's private track plays, before and after a restart.
import { describe, expect, it } from 'vitest';
import { permalinkOf, playlistPermalinkOf, userPermalinkOf } from '../simulator/catalogue';
import {
  addLinks,
  expectQueue,
  grantRequests,
  openApp,
  playerBar,
  playRow,
  restartApp,
  rows,
  savedJson,
  useChromium,
  type App,
} from './harness';

const browser = useChromium();

/** How many items main's saved session file holds (0 before it is written). */
async function savedItems(app: App): Promise<number> {
  return (await savedJson<{ items: unknown[] }>(app, 'session.json'))?.items.length ?? 0;
}

describe('pasting every kind of link', () => {
  it('turns an embed code, a likes page and a secret set into their tracks, and plays a private one after a restart too', async () => {
    let app = await openApp(browser());
    try {
      const { catalogue } = app.simulator;
      const lantern = catalogue.tracks.find((t) => t.title === 'Lantern Hum');
      const tideline = catalogue.users.find((u) => u.permalink === 'tideline');
      const secretSet = catalogue.playlists.find((p) => p.secretToken !== null);
      const liked = tideline === undefined ? undefined : catalogue.lists.likes.get(tideline.id);
      if (!lantern || !tideline || !secretSet || !liked) throw new Error('catalogue lacks the paste');
      const embed =
        '<iframe width="100%" height="166" scrolling="no" frameborder="no" allow="autoplay" ' +
        `src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/soundcloud%253Atracks%253A${lantern.id}&color=%23ff5500"></iframe>` +
        `<div><a href="${userPermalinkOf(lantern.user)}">${lantern.user.username}</a> · <a href="${permalinkOf(lantern)}">${lantern.title}</a></div>`;
      await addLinks(
        app.page,
        [embed, `${userPermalinkOf(tideline)}/likes`, playlistPermalinkOf(secretSet)].join('\n'),
      );
      const expected = [
        lantern.title,
        ...liked.flatMap((item) =>
          item.kind === 'track' ? [item.track.title] : item.playlist.tracks.map((t) => t.title),
        ),
        ...secretSet.tracks.map((t) => t.title),
      ];
      await expectQueue(app.page, expected, 30_000);
      await expect(rows(app.page).filter({ hasText: 'no longer available' }).count()).resolves.toBe(0);

      const privateTrack = secretSet.tracks.find((t) => t.secretToken !== null);
      if (privateTrack === undefined) throw new Error('the secret set has no private track');
      await playRow(app.page, privateTrack.title);
      // Its stream was granted on the first try: the secret token went with it.
      const grants = grantRequests(app.simulator, privateTrack);
      expect(grants.length).toBeGreaterThan(0);
      expect(grants.every((r) => r.status === 200)).toBe(true);

      // Restart main's backend on the same data folder: its providers have never met the private track, so
      // the token must come from the saved item.
      await expect.poll(() => savedItems(app), { timeout: 10_000 }).toBe(expected.length);
      const before = grantRequests(app.simulator, privateTrack).length;
      app = await restartApp(browser(), app);
      await expectQueue(app.page, expected, 30_000);
      await playRow(app.page, privateTrack.title);
      // Its link, as the player offers it to copy, still carries the token that opens it for anyone.
      await expect(
        playerBar(app.page).getByRole('link', { name: privateTrack.title }).getAttribute('href'),
      ).resolves.toBe(permalinkOf(privateTrack));
      // Copied from the queue (the row selected, Ctrl/Cmd+C), it keeps the token too.
      await rows(app.page).filter({ hasText: privateTrack.title }).click();
      const copied = await app.page.evaluate(`(() => {
        const data = new DataTransfer();
        document.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
        return data.getData('text/plain');
      })()`);
      expect(copied).toBe(permalinkOf(privateTrack));
      const after = grantRequests(app.simulator, privateTrack).slice(before);
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((r) => r.status === 200)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
