// @vitest-environment jsdom
// The HLS sounds' volume: their audio elements are not howler's, so Howler.volume() never reaches them;
// setHlsVolume sets the ones playing and the ones made later, and lets go of unloaded ones.
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  createHlsSound as CreateHlsSound,
  setHlsVolume as SetHlsVolume,
} from '../../../renderer/src/player/hls-sound';
import { recordAudioElements } from './audio-elements';

let createHlsSound: typeof CreateHlsSound;
let setHlsVolume: typeof SetHlsVolume;
let elements: HTMLAudioElement[];

beforeAll(async () => {
  // hls.js finds no MediaSource here: the sounds only need their elements.
  elements = recordAudioElements();
  ({ createHlsSound, setHlsVolume } = await import('../../../renderer/src/player/hls-sound'));
});

const make = () =>
  createHlsSound({ src: 'https://cf-hls-media.sndcdn.com/playlist/a.m3u8', format: ['m3u8'], html5: true });

describe('setHlsVolume', () => {
  it('sets the volume of HLS sounds playing now and of those made later', () => {
    const first = make();
    const firstElement = elements.at(-1);
    setHlsVolume(0.4);
    expect(firstElement?.volume).toBe(0.4);
    make();
    expect(elements.at(-1)?.volume).toBe(0.4);
    // Mute is volume 0, as the engine sends it.
    setHlsVolume(0);
    expect(elements.slice(-2).map((e) => e.volume)).toEqual([0, 0]);
    first.unload();
    setHlsVolume(0.8);
    expect(firstElement?.volume).toBe(0);
    expect(elements.at(-1)?.volume).toBe(0.8);
  });

  it('keeps the volume within 0–1', () => {
    make();
    setHlsVolume(1.5);
    expect(elements.at(-1)?.volume).toBe(1);
    setHlsVolume(-1);
    expect(elements.at(-1)?.volume).toBe(0);
  });
});
