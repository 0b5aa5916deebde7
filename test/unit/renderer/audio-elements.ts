// jsdom's audio elements, quiet and recorded, for the tests of the sounds: they read the elements the code
// under test made.
import { vi } from 'vitest';

/**
 * Stubs `window.Audio` so that every element made lands in the list returned, and makes load and pause
 * no-ops (jsdom plays nothing). Call it before importing the module under test.
 */
export function recordAudioElements(): HTMLAudioElement[] {
  vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => undefined);
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
  const elements: HTMLAudioElement[] = [];
  const NativeAudio = window.Audio;
  vi.stubGlobal('Audio', function (src?: string) {
    const element = new NativeAudio(src);
    elements.push(element);
    return element;
  } as unknown as typeof Audio);
  return elements;
}
