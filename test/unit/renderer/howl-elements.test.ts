// @vitest-environment jsdom
// Each howler Sound gets an element of its own, whether or not the page has seen a click yet: no second,
// source-less element is played to probe the page, no element is handed on from an unloaded sound, and an
// unloaded sound's element is left without a source (howler's silent data: URL would be readable by the graph).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createAudioGraph } from '../../../renderer/src/audio/graph';
import type { MediaRouting } from '../../../renderer/src/audio/graph';
import type { SoundFactory } from '../../../renderer/src/player/sound';
import { recordAudioElements } from './audio-elements';
import { FakeAudioContext } from './fake-audio-context';

let routedHowlSound: (routing: MediaRouting) => SoundFactory;
let elements: HTMLAudioElement[];
let play: ReturnType<typeof vi.fn<() => Promise<void>>>;

beforeAll(async () => {
  vi.spyOn(HTMLMediaElement.prototype, 'canPlayType').mockReturnValue('probably');
  play = vi.fn<() => Promise<void>>().mockResolvedValue(undefined);
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(play);
  elements = recordAudioElements();
  ({ routedHowlSound } = await import('../../../renderer/src/player/howl'));
});

const options = (name: string) => ({
  src: `https://cf-media.sndcdn.com/${name}.128.mp3`,
  format: ['mp3'],
  html5: true,
});

/** A routing that notes the elements handed to it. */
function noting(): MediaRouting & { adopted: HTMLMediaElement[] } {
  const adopted: HTMLMediaElement[] = [];
  return { adopted, adopt: (e) => adopted.push(e), release: () => undefined };
}

describe('the howler Sound’s elements', () => {
  it('makes one element for a sound and plays no other, before and after the first click', () => {
    const routing = noting();
    const first = routedHowlSound(routing)(options('first'));
    // howler's probe would be a play() of an element of its own, made as the sound is.
    expect(play).not.toHaveBeenCalled();
    // A click is when howler would unlock its pool (and reload the elements it had not unlocked).
    const load = vi.mocked(HTMLMediaElement.prototype.load);
    load.mockClear();
    document.dispatchEvent(new MouseEvent('click'));
    expect(load.mock.contexts).toEqual([]);
    const second = routedHowlSound(routing)(options('second'));
    expect(play).not.toHaveBeenCalled();
    expect(routing.adopted[1]).not.toBe(routing.adopted[0]);
    expect(elements.filter((e) => e.src.startsWith('https:'))).toEqual(routing.adopted);
    first.unload();
    second.unload();
  });

  it('never hands an unloaded sound’s element to a later sound, and leaves it without a source', () => {
    const routing = noting();
    const sounds = ['a', 'b', 'c'].map((name) => {
      const sound = routedHowlSound(routing)(options(name));
      sound.unload();
      return sound;
    });
    expect(sounds).toHaveLength(3);
    expect(new Set(routing.adopted).size).toBe(3);
    for (const element of routing.adopted) expect(element.getAttribute('src')).toBeNull();
  });

  it('lets the graph make no source for an unloaded sound’s element when it loads later', () => {
    const context = new FakeAudioContext();
    const graph = createAudioGraph({
      createContext: () => context as unknown as AudioContext,
      pageOrigin: 'http://app.test',
    });
    let element: HTMLMediaElement | undefined;
    const sound = routedHowlSound({
      adopt: (e) => ((element = e), graph.adopt(e)),
      release: (e) => graph.release(e),
    })(options('late'));
    sound.unload();
    // What the element holds when a late 'loadedmetadata' reaches the graph.
    Object.defineProperty(element, 'readyState', { configurable: true, value: 1 });
    element?.dispatchEvent(new Event('loadedmetadata'));
    expect(context.sources).toEqual([]);
  });
});
