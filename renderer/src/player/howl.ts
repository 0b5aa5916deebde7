// The real SoundFactory: howler in HTML5 mode, which streams with Range requests instead of downloading,
// plus what howler does not report of its audio element: 'waiting' (playback ran out of data), 'stalled'
// (the download brings nothing), how far the download has come, and whether it can play at once. With the
// sound's graph, each element is loaded in CORS mode (so the graph may read it) and handed to the graph.
import { Howl, Howler } from 'howler';
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

/** HAVE_FUTURE_DATA: data for the position and a little beyond. */
const HAVE_FUTURE_DATA = 3;

/** What is known of an origin's media: it answers CORS loads, one failed (the next load goes plain), or it needs plain ones. */
type CorsKnowledge = 'cors' | 'doubtful' | 'plain';

/**
 * Makes howler's HTML5 sounds load in CORS mode, so the graph may read them: a fresh element each (one that
 * has fed the graph can never play around it again), whose crossorigin is settled when howler loads it. No
 * request is added: when an origin never seen answering a CORS load fails one, the engine recovers as for any
 * failure, and that recovery's load goes without CORS; if it plays, the origin's media play unprocessed from
 * then on (the graph sees elements it cannot read, and Settings says so) rather than not at all.
 */
export function loadHowlerInCorsMode(): void {
  const howler = Howler as unknown as { _obtainHtml5Audio: () => HTMLAudioElement; corsMode?: true };
  if (howler.corsMode) return;
  howler.corsMode = true;
  const known = new Map<string, CorsKnowledge>();
  const originOf = (audio: HTMLAudioElement): string => {
    try {
      return new URL(audio.currentSrc || audio.src).origin;
    } catch {
      return '';
    }
  };
  howler._obtainHtml5Audio = () => {
    const audio = new Audio();
    audio.crossOrigin = 'anonymous';
    const load = audio.load.bind(audio);
    // howler sets the source, then loads: the request's mode is settled here, before it goes out.
    audio.load = () => {
      const state = known.get(originOf(audio));
      if (state === undefined || state === 'cors') {
        audio.crossOrigin = 'anonymous';
      } else {
        audio.removeAttribute('crossorigin');
      }
      load();
    };
    audio.addEventListener('loadedmetadata', () => {
      const origin = originOf(audio);
      if (audio.crossOrigin !== null) known.set(origin, 'cors');
      else if (known.get(origin) === 'doubtful') known.set(origin, 'plain');
    });
    audio.addEventListener('error', () => {
      const origin = originOf(audio);
      const state = known.get(origin);
      if (audio.crossOrigin !== null && state === undefined) known.set(origin, 'doubtful');
      // The plain load failed too: CORS was not the cause.
      else if (audio.crossOrigin === null && state === 'doubtful') known.delete(origin);
    });
    return audio;
  };
}

export const createHowlSound: SoundFactory = (options) => makeHowlSound(options);

/** The howler Sound factory whose elements go through `routing` (the sound's graph). */
export function routedHowlSound(routing: MediaRouting): SoundFactory {
  loadHowlerInCorsMode();
  return (options) => makeHowlSound(options, routing);
}

function makeHowlSound({ src, format, html5 }: Parameters<SoundFactory>[0], routing?: MediaRouting): Sound {
  const howl = new Howl({ src: [src], format, html5, preload: true });
  const own = { waiting: [] as SoundListener[], stalled: [] as SoundListener[] };
  const audio = audioOf(howl);
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
      // howler hands the element on to later sounds (its pool of unlocked audio): leave it clean.
      audio?.removeEventListener('waiting', onWaiting);
      audio?.removeEventListener('stalled', onStalled);
      if (audio !== null) routing?.release(audio);
      if (audio !== null) setElementRate(audio, 1);
      howl.unload();
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
