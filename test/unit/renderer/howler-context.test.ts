// @vitest-environment jsdom
// howler stays off Web Audio where the page has it: every sound is HTML5 audio played into the sound's graph,
// so howler's own AudioContext would only be a second output rendering silence. The player's audio starting,
// and its sounds being made and played, make no context but the graph's.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../../renderer/src/store';
import { recordAudioElements } from './audio-elements';
import { FakeAudioContext } from './fake-audio-context';
import { fakeApi } from './fakes';

const made: FakeAudioContext[] = [];

beforeAll(() => {
  vi.spyOn(HTMLMediaElement.prototype, 'canPlayType').mockReturnValue('probably');
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  recordAudioElements();
  vi.stubGlobal(
    'AudioContext',
    class extends FakeAudioContext {
      constructor() {
        super();
        made.push(this);
      }
    },
  );
});

describe('howler beside the sound graph', () => {
  it('makes no AudioContext of its own when the player’s audio starts or a sound is made and played', async () => {
    const { startPlayerAudio } = await import('../../../renderer/src/audio/player-audio');
    const audio = startPlayerAudio({ store: createAppStore(fakeApi({})) });
    audio.setVolume(0.5);
    expect(made).toEqual([]);
    const sound = audio.createSound({
      src: 'https://cf-media.sndcdn.com/a.128.mp3',
      format: ['mp3'],
      html5: true,
    });
    sound.play();
    // jsdom's element never loads its media, so the graph, which adopts it once loaded, makes nothing either.
    expect(made).toEqual([]);
    sound.unload();
  });
});
