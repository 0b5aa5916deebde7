// @vitest-environment jsdom
// The howler Sound passes on its audio element's 'waiting' while playing, and leaves the element clean
// when unloaded (howler hands elements on to later sounds).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SoundFactory } from '../../../renderer/src/player/sound';
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

function playingElement(element: HTMLAudioElement, paused: boolean): void {
  Object.defineProperty(element, 'paused', { configurable: true, get: () => paused });
}

describe('createHowlSound', () => {
  it('reports the element running out of data while it plays, and nothing after unload', () => {
    const sound = createHowlSound({ src: 'http://127.0.0.1:1/a.mp3', format: ['mp3'], html5: true });
    const element = elements.find((e) => e.src === 'http://127.0.0.1:1/a.mp3');
    if (element === undefined) throw new Error('howler made no element for the stream');
    const waiting = vi.fn();
    sound.on('waiting', waiting);

    playingElement(element, true);
    element.dispatchEvent(new Event('waiting'));
    expect(waiting).not.toHaveBeenCalled(); // paused: not a stall

    playingElement(element, false);
    element.dispatchEvent(new Event('waiting'));
    expect(waiting).toHaveBeenCalledTimes(1);

    sound.unload();
    element.dispatchEvent(new Event('waiting'));
    expect(waiting).toHaveBeenCalledTimes(1);
  });

  it('passes howler’s own events and controls through', async () => {
    const sound = createHowlSound({ src: 'http://127.0.0.1:1/b.mp3', format: ['mp3'], html5: true });
    const loaderror = vi.fn();
    sound.on('loaderror', loaderror);
    const element = elements.find((e) => e.src === 'http://127.0.0.1:1/b.mp3');
    element?.dispatchEvent(new Event('error'));
    // howler emits its events on a timer.
    await vi.waitFor(() => expect(loaderror).toHaveBeenCalledTimes(1));
    expect(sound.playing()).toBe(false);
    sound.unload();
  });
});
