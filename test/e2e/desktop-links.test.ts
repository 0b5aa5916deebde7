// End to end in Chromium: links the desktop opens (a launch, a cloudcue:// link) reach the page as main's
// open-links event and are added after the queue, as a paste adds them; with play, the first one plays.
import { describe, expect, it } from 'vitest';
import {
  addAndWait,
  catalogue,
  currentTitle,
  openApp,
  playingStream,
  queueTitles,
  useChromium,
  waitForQueue,
} from './harness';

const browser = useChromium();

describe('links opened by the desktop', () => {
  it('are added after the queue, and with play the first of them plays', async () => {
    const app = await openApp(browser());
    try {
      const entries = await catalogue(app.simulator);
      const [first, second, third] = entries.filter((e) => e.kind === 'track' && e.role === null).slice(0, 3);
      if (first === undefined || second === undefined || third === undefined) throw new Error('few tracks');
      await addAndWait(app.page, [first.permalink]);

      app.bridge.emit({ type: 'open-links', links: [second.permalink], play: false });
      await waitForQueue(app.page, 2);
      expect(await queueTitles(app.page)).toEqual([first.title, second.title]);
      expect(await currentTitle(app.page)).toBeNull();

      app.bridge.emit({ type: 'open-links', links: [third.permalink], play: true });
      await waitForQueue(app.page, 3);
      expect(await queueTitles(app.page)).toEqual([first.title, second.title, third.title]);
      await playingStream(app.page);
      expect(await currentTitle(app.page)).toBe(third.title);
    } finally {
      await app.close();
    }
  }, 60_000);
});
