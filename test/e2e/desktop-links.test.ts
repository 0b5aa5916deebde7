// End to end in Chromium: links the desktop opens (a launch, a cloudcue:// link) reach the page as main's
// open-links event and are added after the queue, as a paste adds them; with play, the first one plays.
import { describe, expect, it } from 'vitest';
import {
  currentTitle,
  expectQueue,
  openAppWith,
  permalinks,
  playingStream,
  useChromium,
  withApp,
} from './harness';

const [FIRST, SECOND, THIRD] = ['Lantern Hum', 'Harbour Lights', 'Paper Boats'];
const browser = useChromium();

describe('links opened by the desktop', () => {
  it('are added after the queue, and with play the first of them plays', async () => {
    await withApp(openAppWith(browser(), [FIRST]), async (app) => {
      const [second, third] = await permalinks(app.simulator, [SECOND, THIRD]);
      app.bridge.emit({ type: 'open-links', links: [second ?? ''], play: false });
      await expectQueue(app.page, [FIRST, SECOND]);
      expect(await currentTitle(app.page)).toBeNull();

      app.bridge.emit({ type: 'open-links', links: [third ?? ''], play: true });
      await expectQueue(app.page, [FIRST, SECOND, THIRD]);
      await playingStream(app.page);
      expect(await currentTitle(app.page)).toBe(THIRD);
    });
  }, 60_000);
});
