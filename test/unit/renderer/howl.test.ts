// @vitest-environment jsdom
// The howler Sound passes on its audio element's 'waiting' while playing and its 'stalled', reads its
// download and readiness, and reports nothing of the element once unloaded. Its speed is set on its element
// with the pitch kept and as the default a new source keeps, kept when howler starts the sound (it puts its
// own rate back on every play), and reset on unload.
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

/** A howler Sound of an MP3 at `src`, and the audio element howler made for it. */
function howlWithElement(src: string): { sound: Sound; element: HTMLAudioElement } {
  const sound = createHowlSound({ src, format: ['mp3'], html5: true });
  const element = elements.find((e) => e.src === src);
  if (element === undefined) throw new Error('howler made no element for the stream');
  return { sound, element };
}

function playingElement(element: HTMLAudioElement, paused: boolean): void {
  Object.defineProperty(element, 'paused', { configurable: true, get: () => paused });
}

describe('createHowlSound', () => {
  it('reports the element running out of data while it plays, and nothing after unload', () => {
    const { sound, element } = howlWithElement('http://127.0.0.1:1/a.mp3');
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
    const { sound, element } = howlWithElement('http://127.0.0.1:1/b.mp3');
    const loaderror = vi.fn();
    sound.on('loaderror', loaderror);
    element.dispatchEvent(new Event('error'));
    // howler emits its events on a timer.
    await vi.waitFor(() => expect(loaderror).toHaveBeenCalledTimes(1));
    expect(sound.playing()).toBe(false);
    sound.unload();
  });

  it('passes on the element’s stalled, and reads its download and whether it can play at once', () => {
    const { sound, element } = howlWithElement('http://127.0.0.1:1/c.mp3');
    const stalled = vi.fn();
    sound.on('stalled', stalled);
    element.dispatchEvent(new Event('stalled'));
    expect(stalled).toHaveBeenCalledTimes(1);

    const state = {
      time: 12,
      ranges: [
        [0, 4],
        [10, 18],
      ],
      duration: 30,
      readyState: 4,
      seeking: false,
    };
    const define = (name: string, get: () => unknown): void => {
      Object.defineProperty(element, name, { configurable: true, get });
    };
    define('currentTime', () => state.time);
    define('duration', () => state.duration);
    define('readyState', () => state.readyState);
    define('seeking', () => state.seeking);
    define('buffered', () => ({
      length: state.ranges.length,
      start: (i: number) => state.ranges[i]?.[0] ?? 0,
      end: (i: number) => state.ranges[i]?.[1] ?? 0,
    }));
    // The range that holds the position, not the first one.
    expect(sound.download?.()).toEqual({ bufferedEnd: 18, complete: false });
    state.ranges = [[0, 30]];
    expect(sound.download?.()).toEqual({ bufferedEnd: 30, complete: true });
    // Not before howler has loaded it: it would hold back a seek or a play.
    expect(sound.ready?.()).toBe(false);
    expect(sound.seek()).toBe(12);
    element.dispatchEvent(new Event('canplaythrough'));
    expect(sound.ready?.()).toBe(true);
    state.seeking = true;
    expect(sound.ready?.()).toBe(false);
    state.seeking = false;
    state.readyState = 2; // HAVE_CURRENT_DATA: ran dry
    expect(sound.ready?.()).toBe(false);

    sound.unload();
    element.dispatchEvent(new Event('stalled'));
    expect(stalled).toHaveBeenCalledTimes(1);
  });
});

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
    vi.mocked(HTMLMediaElement.prototype.play).mockClear();
    sound.play();
    await vi.waitFor(() => expect(HTMLMediaElement.prototype.play).toHaveBeenCalled());
    expect(element.playbackRate).toBe(1.75);
    sound.unload();
    expect([element.playbackRate, element.defaultPlaybackRate]).toEqual([1, 1]);
  });
});
