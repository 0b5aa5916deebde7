// @vitest-environment jsdom
// howler's play() sets its element's position to where it already is, and Chromium takes any assignment as
// a seek that the start waits for: the howler Sound passes an assignment to the element only when it moves it.
import { beforeAll, expect, it, vi } from 'vitest';
import type { MediaRouting } from '../../../renderer/src/audio/graph';
import type { SoundFactory } from '../../../renderer/src/player/sound';

let routedHowlSound: (routing: MediaRouting) => SoundFactory;

beforeAll(async () => {
  vi.spyOn(HTMLMediaElement.prototype, 'canPlayType').mockReturnValue('probably');
  vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => undefined);
  ({ routedHowlSound } = await import('../../../renderer/src/player/howl'));
});

it('passes on an assignment of the element’s position only when it moves it', () => {
  const seeks = vi.spyOn(HTMLMediaElement.prototype, 'currentTime', 'set');
  const elements: HTMLMediaElement[] = [];
  const routing: MediaRouting = { adopt: (e) => elements.push(e), release: () => undefined };
  const sound = routedHowlSound(routing)({
    src: 'https://cf-media.sndcdn.com/a.128.mp3',
    format: ['mp3'],
    html5: true,
  });
  const element = elements[0];
  if (element === undefined) throw new Error('no element was made');
  seeks.mockClear();
  element.currentTime = 0;
  expect(seeks).not.toHaveBeenCalled();
  element.currentTime = 12.5;
  expect(seeks.mock.calls).toEqual([[12.5]]);
  expect(element.currentTime).toBe(12.5);
  element.currentTime = 12.5004;
  element.currentTime = 12.5;
  expect(seeks).toHaveBeenCalledTimes(1);
  element.currentTime = 3;
  expect(seeks.mock.calls).toEqual([[12.5], [3]]);
  expect(element.currentTime).toBe(3);
  sound.unload();
});
