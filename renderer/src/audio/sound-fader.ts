// The engine's fades on the graph: each sound's element is noted as its factory hands it to the graph, so
// that a fade asked for a sound lands on that element's fade gain (or its volume, outside the graph); the
// graph is told the sound's track with its element, for that track's gain.
import type { SoundFader } from '../player/crossfade';
import type { Sound, SoundFactory } from '../player/sound';
import type { AudioGraph, MediaRouting } from './graph';

export interface SoundFading {
  /** The routing to give the sound factories: the graph's, noting each element adopted. */
  routing: MediaRouting;
  /** `factory`, each sound it makes remembered with the element it handed the graph while being made. */
  track: (factory: SoundFactory) => SoundFactory;
  fader: SoundFader;
}

export function createSoundFading(graph: Pick<AudioGraph, 'adopt' | 'release' | 'fade'>): SoundFading {
  const elements = new WeakMap<Sound, HTMLMediaElement>();
  let adopted: HTMLMediaElement | null = null;
  // The track of the sound being made (null: none said); undefined outside a factory's call.
  let making: number | null | undefined;
  return {
    routing: {
      adopt(element) {
        adopted = element;
        // A new sound starts at full level, whatever its element was faded to before.
        graph.fade(element, 1, 1, 0);
        graph.adopt(element, making);
      },
      release: (element) => graph.release(element),
    },
    track: (factory) => (options) => {
      adopted = null;
      making = options.trackId ?? null;
      try {
        const sound = factory(options);
        // The factories hand their element to the graph while they make the sound.
        if (adopted !== null) elements.set(sound, adopted);
        return sound;
      } finally {
        adopted = null;
        making = undefined;
      }
    },
    fader: {
      fade(sound, from, to, seconds) {
        const element = elements.get(sound);
        if (element !== undefined) graph.fade(element, from, to, seconds, 'equal-power');
      },
    },
  };
}
