// @vitest-environment jsdom
// The howler Sound's speed: set on its element with the pitch kept and as the default a new source keeps,
// kept when howler starts the sound (it puts its own rate back on every play), and reset on unload.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sound, SoundFactory } from '../../../renderer/src/player/sound';
import { recordAudioElements } from './audio-elements';

let createHowlSound: SoundFactory;
let elements: HTMLAudioElement[];

beforeAll(async () => {
  // jsdom plays nothing: make it claim MP3 support so howler builds its HTML5 sound, and keep quiet.
  vi.spyOn(HTMLMediaElement.prototype, 'canPlayType').mockReturnValue('probably');
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  elements = recordAudioElements();
  ({ createHowlSound } = await import('../../../renderer/src/player/howl'));
});

function howlWithElement(src: string): { sound: Sound; element: HTMLAudioElement } {
  const sound = createHowlSound({ src, format: ['mp3'], html5: true });
  const element = elements.find((e) => e.src === src);
  if (element === undefined) throw new Error('howler made no element for the stream');
  return { sound, element };
}

describe('the howler Sound’s speed', () => {
  it('sets the element’s rate and default rate with the pitch kept, and keeps them when howler plays', async () => {
    const { sound, element } = howlWithElement('http://127.0.0.1:1/rate.mp3');
    expect(sound.rate).toBeTypeOf('function');
    sound.rate?.(1.75);
    expect([element.playbackRate, element.defaultPlaybackRate, element.preservesPitch]).toEqual([
      1.75,
      1.75,
      true,
    ]);
    // Loaded in howler's eyes, then played: howler sets the element's rate to its own on every play.
    element.dispatchEvent(new Event('canplaythrough'));
    Object.defineProperty(element, 'readyState', { configurable: true, get: () => 4 });
    sound.play();
    await vi.waitFor(() => expect(HTMLMediaElement.prototype.play).toHaveBeenCalled());
    expect(element.playbackRate).toBe(1.75);
    sound.unload();
    expect([element.playbackRate, element.defaultPlaybackRate]).toEqual([1, 1]);
  });
});
