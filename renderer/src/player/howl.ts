// The real SoundFactory: howler in HTML5 mode, which streams with Range requests instead of downloading,
// plus what howler does not report of its audio element: 'waiting' (playback ran out of data), 'stalled'
// (the download brings nothing), how far the download has come, and whether it can play at once. With the
// sound's graph, each element is handed to the graph.
import { Howl, Howler } from 'howler';
import { noteListeners } from '../audio/element-pool';
import type { MediaRouting } from '../audio/graph';
import { setElementRate } from './element-rate';
import type { Sound, SoundFactory, SoundListener } from './sound';

/** The HTML5 audio element of a Howl's one sound (howler keeps it on the sound, undocumented but stable). */
function audioOf(howl: Howl): HTMLAudioElement | null {
  const sounds = (howl as unknown as { _sounds?: { _node?: unknown }[] })._sounds;
  const node = sounds?.[0]?._node;
  return node instanceof HTMLAudioElement ? node : null;
}

/**
 * Sets the rate howler puts back on its element at every play, without howl.rate(): in HTML5 mode that swaps
 * the element's 'ended' event for a timer of the time left at this rate, which ends a track early after a stall.
 */
function setHowlerRate(howl: Howl, rate: number): void {
  const inner = howl as unknown as { _rate?: number; _sounds?: { _rate?: number }[] };
  inner._rate = rate;
  for (const sound of inner._sounds ?? []) sound._rate = rate;
}

/** The end of `audio`'s buffered range that holds its position (or the last one's, before any). */
function bufferedEnd(audio: HTMLAudioElement): number {
  const { buffered, currentTime } = audio;
  let end = 0;
  for (let i = 0; i < buffered.length; i++) {
    if (buffered.start(i) <= currentTime + 0.01) end = buffered.end(i);
  }
  return end;
}

/**
 * Lets an assignment of `audio`'s position that would not move it go by. howler's play() sets the element's
 * position to where it already is (so does its seek of a playing sound, which plays it again), and Chromium
 * takes any assignment as a seek, which the start then waits for: 100–500 ms on a busy machine, heard as a
 * gap at the change of track and where a replacement takes over from a sound whose download died.
 */
function skipStillSeeks(audio: HTMLAudioElement): void {
  const native = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'currentTime');
  if (native?.get === undefined || native.set === undefined) return;
  const { get, set } = native as { get: (this: HTMLMediaElement) => number; set: (v: number) => void };
  Object.defineProperty(audio, 'currentTime', {
    configurable: true,
    get(this: HTMLMediaElement) {
      return get.call(this);
    },
    set(this: HTMLMediaElement, seconds: number) {
      if (Math.abs(seconds - get.call(this)) >= STILL_SEEK_S) set.call(this, seconds);
    },
  });
}

/** A seek closer than this to the position (a millisecond) does not move it. */
const STILL_SEEK_S = 0.001;

/** HAVE_FUTURE_DATA: data for the position and a little beyond. */
const HAVE_FUTURE_DATA = 3;

/**
 * Gives every howler sound an element of its own. howler's pool of elements unlocked by a first click or key
 * is for mobile browsers; here it did harm: a sound made before the pool existed (the first track, started
 * by that very click) came with a second, source-less element played to probe the page, "playing" for good,
 * and an element handed on from an unloaded sound had loaded howler's silent data: URL, which the graph could
 * read, so it fed the graph for good and played the next track, which it cannot read, as silence. The
 * window plays without a gesture: no unlocking, no pool, no probe.
 */
function ownElementEachSound(): void {
  const howler = Howler as unknown as {
    autoUnlock: boolean;
    _obtainHtml5Audio: () => HTMLAudioElement;
    ownElements?: true;
  };
  if (howler.ownElements) return;
  howler.ownElements = true;
  keepHowlerOffWebAudio();
  howler.autoUnlock = false;
  // Never marked unlocked, so howler does not keep it in its pool once its sound is unloaded.
  howler._obtainHtml5Audio = () => new Audio();
}

/**
 * Keeps howler off Web Audio: every sound here is HTML5 audio, yet howler makes an AudioContext of its own at
 * its first Howl or Howler.volume() call, an idle second output whose thread renders silence (about 0.6 % of
 * a core) beside the sound's graph. To be called before either.
 */
export function keepHowlerOffWebAudio(): void {
  (Howler as unknown as { usingWebAudio: boolean }).usingWebAudio = false;
}

export const createHowlSound: SoundFactory = (options) => makeHowlSound(options);

/**
 * The howler Sound factory whose elements are handed to `routing` (the sound's graph). They load as before,
 * without CORS: Chromium stalls a CORS-mode download for good once its connection drops (the recovery e2e
 * test's old sound stopped 7 s short of what it had fetched), so the graph finds them unreadable and plays
 * them as they are, at the player's volume.
 */
export function routedHowlSound(routing: MediaRouting): SoundFactory {
  return (options) => makeHowlSound(options, routing);
}

function makeHowlSound({ src, format, html5 }: Parameters<SoundFactory>[0], routing?: MediaRouting): Sound {
  ownElementEachSound();
  const howl = new Howl({ src: [src], format, html5, preload: true });
  const own = { waiting: [] as SoundListener[], stalled: [] as SoundListener[] };
  const audio = audioOf(howl);
  if (audio !== null) skipStillSeeks(audio);
  // howler leaves a listener on the element when unloaded while a play waits for data: every one added from
  // here (howler's, the graph's, this sound's) goes with the sound.
  const forgetListeners = audio === null ? undefined : noteListeners(audio);
  if (audio !== null) routing?.adopt(audio);
  const onWaiting = (): void => {
    if (audio !== null && !audio.paused) for (const listener of own.waiting) listener(1);
  };
  const onStalled = (): void => {
    for (const listener of own.stalled) listener(1);
  };
  audio?.addEventListener('waiting', onWaiting);
  audio?.addEventListener('stalled', onStalled);
  const sound: Sound = {
    play: () => howl.play(),
    pause: () => howl.pause(),
    // Before it has loaded, howler queues even a read of the position and answers with itself.
    seek: ((seconds?: number) => {
      if (seconds !== undefined) return howl.seek(seconds);
      const at: unknown = howl.seek();
      return typeof at === 'number' ? at : (audio?.currentTime ?? 0);
    }) as Sound['seek'],
    playing: () => howl.playing(),
    unload: () => {
      audio?.removeEventListener('waiting', onWaiting);
      audio?.removeEventListener('stalled', onStalled);
      if (audio !== null) routing?.release(audio);
      if (audio !== null) setElementRate(audio, 1);
      howl.unload();
      forgetListeners?.();
      // howler points the element at a silent data: URL to end its download; loading none instead ends it too,
      // without metadata that would bring the element, readable then, into the graph after its release.
      audio?.removeAttribute('src');
      audio?.load();
    },
    on(event, callback) {
      if (event === 'waiting' || event === 'stalled') own[event].push(callback);
      else howl.on(event, callback);
      return sound;
    },
  };
  if (audio !== null) {
    sound.duration = () => audio.duration;
    sound.download = () => {
      const end = bufferedEnd(audio);
      return { bufferedEnd: end, complete: Number.isFinite(audio.duration) && end >= audio.duration - 0.05 };
    };
    sound.rate = (rate) => {
      setHowlerRate(howl, rate);
      setElementRate(audio, rate);
    };
    // Loaded in howler's eyes too: until then it holds back seeks and plays in its queue.
    sound.ready = () => howl.state() === 'loaded' && audio.readyState >= HAVE_FUTURE_DATA && !audio.seeking;
  }
  return sound;
}
