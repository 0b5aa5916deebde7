// The real SoundFactory: howler in HTML5 mode, which streams with Range requests instead of downloading,
// plus the audio element's 'waiting' (playback ran out of data), which howler does not report.
import { Howl } from 'howler';
import type { Sound, SoundFactory, SoundListener } from './sound';

/** The HTML5 audio element of a Howl's one sound (howler keeps it on the sound, undocumented but stable). */
function audioOf(howl: Howl): HTMLAudioElement | null {
  const sounds = (howl as unknown as { _sounds?: { _node?: unknown }[] })._sounds;
  const node = sounds?.[0]?._node;
  return node instanceof HTMLAudioElement ? node : null;
}

export const createHowlSound: SoundFactory = ({ src, format, html5 }) => {
  const howl = new Howl({ src: [src], format, html5, preload: true });
  const waiting: SoundListener[] = [];
  const audio = audioOf(howl);
  const onWaiting = (): void => {
    if (audio !== null && !audio.paused) for (const listener of waiting) listener(1);
  };
  audio?.addEventListener('waiting', onWaiting);
  const sound: Sound = {
    play: () => howl.play(),
    pause: () => howl.pause(),
    seek: ((seconds?: number) => (seconds === undefined ? howl.seek() : howl.seek(seconds))) as Sound['seek'],
    playing: () => howl.playing(),
    unload: () => {
      // howler hands the element on to later sounds (its pool of unlocked audio): leave it clean.
      audio?.removeEventListener('waiting', onWaiting);
      howl.unload();
    },
    on(event, callback) {
      if (event === 'waiting') waiting.push(callback);
      else howl.on(event, callback);
      return sound;
    },
  };
  return sound;
};
