// @vitest-environment jsdom
// The howler Sound with the sound's graph: its element is handed to the graph when made and let go when the
// sound unloads; it loads without CORS (a CORS-mode download stalls for good in Chromium once its connection
// drops), so the graph leaves it out and sets its volume.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createAudioGraph } from '../../../renderer/src/audio/graph';
import type { MediaRouting } from '../../../renderer/src/audio/graph';
import type { SoundFactory } from '../../../renderer/src/player/sound';

let routedHowlSound: (routing: MediaRouting) => SoundFactory;

beforeAll(async () => {
  vi.spyOn(HTMLMediaElement.prototype, 'canPlayType').mockReturnValue('probably');
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
  vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => undefined);
  ({ routedHowlSound } = await import('../../../renderer/src/player/howl'));
});

const options = () => ({
  src: `https://cf-media.sndcdn.com/${Math.random()}.128.mp3`,
  format: ['mp3'],
  html5: true,
});

describe('the routed howler Sound', () => {
  it('hands its element to the graph when made, and lets it go when unloaded', () => {
    const adopted: HTMLMediaElement[] = [];
    const released: HTMLMediaElement[] = [];
    const sound = routedHowlSound({ adopt: (e) => adopted.push(e), release: (e) => released.push(e) })(
      options(),
    );
    expect(adopted).toHaveLength(1);
    expect(adopted[0]?.src).toMatch(/^https:\/\/cf-media\.sndcdn\.com\//);
    expect(released).toEqual([]);
    sound.unload();
    expect(released).toEqual(adopted);
  });

  it('loads without CORS, so the graph leaves it out and plays it at the player’s volume', () => {
    const statuses: string[] = [];
    const createContext = vi.fn(() => null);
    const graph = createAudioGraph({
      createContext,
      pageOrigin: 'http://app.test',
      onStatus: (s) => statuses.push(s),
    });
    graph.setVolume(0.35);
    let element: HTMLMediaElement | undefined;
    routedHowlSound({ adopt: (e) => ((element = e), graph.adopt(e)), release: (e) => graph.release(e) })(
      options(),
    );
    expect(element?.crossOrigin).toBeNull();
    Object.defineProperty(element, 'readyState', { configurable: true, value: 1 });
    element?.dispatchEvent(new Event('loadedmetadata'));
    expect(statuses).toEqual(['unreadable']);
    expect(createContext).not.toHaveBeenCalled();
    expect(element?.volume).toBe(0.35);
  });
});
