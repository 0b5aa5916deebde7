// The real SoundFactory: howler in HTML5 mode, which streams with Range requests instead of downloading.
import { Howl } from 'howler';
import type { Sound, SoundFactory } from './sound';

export const createHowlSound: SoundFactory = ({ src, format, html5 }) =>
  new Howl({ src: [src], format, html5, preload: true }) as unknown as Sound;
