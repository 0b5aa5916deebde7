// @vitest-environment jsdom
// The sounds' audio elements over many tracks: HLS sounds borrow their elements from the routing's pool, so
// however many load and unload, the graph holds no more elements and source nodes than were in use at once;
// no element keeps a listener of a sound that is gone (the sound's, the graph's, hls.js's or howler's); and
// an unloaded sound never touches the element it gave back, now another sound's.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createElementPool, poolOf } from '../../../renderer/src/audio/element-pool';
import type { MediaRouting } from '../../../renderer/src/audio/graph';
import type { Sound, SoundFactory } from '../../../renderer/src/player/sound';
import { graphFixture, loaded, PAGE } from './audio-graph-fixture';
import { recordAudioElements } from './audio-elements';
import { reaches, type FakeNode } from './fake-audio-context';

const TRACKS = 30;

interface Heard {
  listener: unknown;
  key: string;
}
/** The listeners on each media element now, as `type/capture` keys (those a signal took off are gone). */
const heard = new Map<EventTarget, Set<Heard>>();

type ListenerOptions = boolean | AddEventListenerOptions | undefined;
type Note = (on: Set<Heard>, entry: Heard, options: ListenerOptions) => void;

/** Calls `note` after each call of `method` that adds or removes a listener of a media element. */
function onListenerCall(method: 'addEventListener' | 'removeEventListener', note: Note): void {
  const native = EventTarget.prototype[method];
  vi.spyOn(EventTarget.prototype, method).mockImplementation(function (
    this: EventTarget,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: ListenerOptions,
  ) {
    native.call(this, type, listener, options);
    if (!(this instanceof HTMLMediaElement) || listener === null) return;
    const on = heard.get(this) ?? new Set<Heard>();
    heard.set(this, on);
    const capture = typeof options === 'boolean' ? options : options?.capture === true;
    note(on, { listener, key: `${type}/${String(capture)}` }, options);
  });
}

/** Notes every listener added to a media element and forgets it as it is removed (or its signal aborts). */
function tallyListeners(): void {
  const same = (on: Set<Heard>, { listener, key }: Heard): Heard[] =>
    [...on].filter((h) => h.listener === listener && h.key === key);
  onListenerCall('addEventListener', (on, entry, options) => {
    if (same(on, entry).length > 0) return;
    on.add(entry);
    if (typeof options === 'object') options.signal?.addEventListener('abort', () => on.delete(entry));
  });
  onListenerCall('removeEventListener', (on, entry) => {
    for (const found of same(on, entry)) on.delete(found);
  });
}

/** The types of the listeners `element` still has. */
const listenersOn = (element: EventTarget): string[] => [...(heard.get(element) ?? [])].map((h) => h.key);

let elements: HTMLAudioElement[];
let routedHlsSound: (routing: MediaRouting) => SoundFactory;
let routedHowlSound: (routing: MediaRouting) => SoundFactory;

beforeAll(async () => {
  tallyListeners();
  vi.spyOn(HTMLMediaElement.prototype, 'canPlayType').mockReturnValue('probably');
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  elements = recordAudioElements();
  ({ routedHlsSound } = await import('../../../renderer/src/player/hls-sound'));
  ({ routedHowlSound } = await import('../../../renderer/src/player/howl'));
});

beforeEach(() => {
  elements.length = 0;
});

/** A graph (on a fake context) and the routing the sounds get, noting each element handed to it. */
function routedGraph() {
  const fixture = graphFixture();
  const adopted: HTMLMediaElement[] = [];
  const routing: MediaRouting = {
    adopt: (element) => {
      adopted.push(element);
      fixture.graph.adopt(element);
    },
    release: (element) => fixture.graph.release(element),
  };
  return { ...fixture, adopted, routing };
}

const hls = (name: string) => ({
  src: `https://cf-hls-media.sndcdn.com/playlist/${name}.m3u8`,
  format: ['m3u8'],
  html5: true,
});
const mp3 = (name: string) => ({
  src: `https://cf-media.sndcdn.com/${name}.128.mp3`,
  format: ['mp3'],
  html5: true,
});

/** hls.js has attached its media source to `audio` (readable: a blob: URL), and the metadata has loaded. */
function attached(audio: HTMLMediaElement, name: string): void {
  audio.src = `blob:${PAGE}/${name}`;
  loaded(audio);
}

/** What a given-back element holds once load() has dropped its media (jsdom's load does nothing here). */
function emptied(audio: HTMLMediaElement): void {
  Object.defineProperty(audio, 'readyState', { configurable: true, value: 0 });
}

describe('HLS sounds over many tracks', () => {
  it(`keeps as many elements and source nodes as were in use at once, over ${TRACKS} tracks`, () => {
    const { routing, adopted, context } = routedGraph();
    const make = routedHlsSound(routing);
    // Each track is made (its element loaded) while the one before still plays, as the next track is prepared.
    let playing: { sound: Sound; audio: HTMLMediaElement } | null = null;
    for (let i = 0; i < TRACKS; i++) {
      const sound = make(hls(`t${i}`));
      const audio = adopted.at(-1)!;
      attached(audio, `t${i}`);
      sound.play();
      if (playing !== null) {
        playing.sound.unload();
        emptied(playing.audio);
      }
      playing = { sound, audio };
    }
    playing?.sound.unload();

    expect(adopted).toHaveLength(TRACKS);
    // Two at once at most: the playing track's and the next one's.
    expect(new Set(adopted).size).toBe(2);
    expect(elements).toHaveLength(2);
    expect(context().sources).toHaveLength(2);
    expect(poolOf(routing).size()).toBe(2);
    for (const element of elements) expect(listenersOn(element)).toEqual([]);
  });

  it('plays each borrowed element through its one source node, at the new sound’s rate and from no source', () => {
    const { routing, adopted, context, sourceOf } = routedGraph();
    const make = routedHlsSound(routing);
    const first = make(hls('first'));
    const audio = adopted[0]!;
    attached(audio, 'first');
    first.rate?.(1.5);
    first.unload();
    emptied(audio);
    expect(audio.getAttribute('src')).toBeNull();
    expect(audio.playbackRate).toBe(1);

    make(hls('second'));
    expect(adopted[1]).toBe(audio);
    attached(audio, 'second');
    expect(context().sources).toHaveLength(1);
    expect(reaches(sourceOf(audio)!, context().destination as FakeNode)).toBe(true);
  });

  it('leaves alone the element it gave back, now another sound’s, and gives it back once', () => {
    const { routing, adopted } = routedGraph();
    const make = routedHlsSound(routing);
    const old = make(hls('old'));
    old.unload();
    const current = make(hls('current'));
    const audio = adopted[1]!;
    expect(audio).toBe(adopted[0]);
    attached(audio, 'current');
    audio.currentTime = 12;
    const pause = vi.mocked(HTMLMediaElement.prototype.pause);
    pause.mockClear();
    old.pause();
    old.seek(3);
    old.rate?.(2);
    expect(pause).not.toHaveBeenCalled();
    expect(audio.currentTime).toBe(12);
    expect(audio.playbackRate).toBe(1);
    expect(old.seek()).toBe(0);
    expect(old.playing()).toBe(false);
    // A second unload of the old sound must not hand the current sound's element to a third.
    old.unload();
    make(hls('third'));
    expect(adopted[2]).not.toBe(audio);
    expect(audio.getAttribute('src')).not.toBeNull();
    current.unload();
  });
  it('hands over to no sound that has been unloaded, though its element now plays another', () => {
    const { routing, adopted } = routedGraph();
    const make = routedHlsSound(routing);
    const current = make(hls('current'));
    const gone = make(hls('gone'));
    gone.unload();
    const other = make(hls('other'));
    const [playing, lent] = [adopted[0]!, adopted[2]!];
    expect(lent).toBe(adopted[1]);
    attached(playing, 'current');
    attached(lent, 'other');
    // The current track plays 5 s from its end; the other sound's element could start at once.
    Object.defineProperties(playing, {
      paused: { configurable: true, value: false },
      duration: { configurable: true, value: 10 },
      currentTime: { configurable: true, value: 5 },
    });
    Object.defineProperty(lent, 'readyState', { configurable: true, value: 3 });
    expect(current.handOver?.(gone)).toBe(false);
    expect(current.handOver?.(other)).toBe(true);
  });
});

describe('howler sounds over many tracks', () => {
  it('leave no listener on their elements, and no source node (their media is not the page’s to read)', () => {
    const { routing, adopted, contexts } = routedGraph();
    const make = routedHowlSound(routing);
    for (let i = 0; i < 10; i++) {
      const sound = make(mp3(`m${i}`));
      const audio = adopted.at(-1)!;
      loaded(audio);
      // Loaded in howler's eyes, then played short of data: howler waits for more with a listener of its own.
      audio.dispatchEvent(new Event('canplaythrough'));
      sound.play();
      sound.unload();
    }
    expect(adopted).toHaveLength(10);
    expect(contexts.flatMap((c) => c.sources)).toEqual([]);
    for (const element of adopted) expect(listenersOn(element)).toEqual([]);
  });
});

describe('the element pool', () => {
  it('takes off every listener added while an element was lent, whatever its options', () => {
    const pool = createElementPool();
    const audio = pool.borrow();
    const old = vi.fn();
    audio.addEventListener('ended', old);
    audio.addEventListener('ended', old, true);
    audio.addEventListener('playing', old, { once: true });
    audio.addEventListener('pause', { handleEvent: old });
    audio.removeEventListener('ended', old);
    audio.addEventListener('ended', old);
    pool.giveBack(audio);
    expect(listenersOn(audio)).toEqual([]);
    for (const type of ['ended', 'playing', 'pause']) audio.dispatchEvent(new Event(type));
    expect(old).not.toHaveBeenCalled();

    const again = pool.borrow();
    expect(again).toBe(audio);
    const next = vi.fn();
    again.addEventListener('ended', next);
    again.dispatchEvent(new Event('ended'));
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('hands out an idle element before making one, and takes an element back once', () => {
    const pool = createElementPool();
    const [a, b] = [pool.borrow(), pool.borrow()];
    expect(a).not.toBe(b);
    pool.giveBack(a);
    pool.giveBack(a);
    expect(pool.borrow()).toBe(a);
    expect(pool.borrow()).not.toBe(a);
    expect(pool.size()).toBe(3);
    // One made elsewhere is not the pool's to keep.
    const foreign = new Audio();
    pool.giveBack(foreign);
    expect(pool.borrow()).not.toBe(foreign);
    expect(pool.size()).toBe(4);
  });

  it('gives back an element silent, without media, at the defaults a sound expects', () => {
    const pool = createElementPool();
    const audio = pool.borrow();
    audio.src = `blob:${PAGE}/x`;
    audio.playbackRate = 2;
    audio.defaultPlaybackRate = 2;
    audio.muted = true;
    audio.volume = 0.3;
    const pause = vi.mocked(HTMLMediaElement.prototype.pause);
    pause.mockClear();
    pool.giveBack(audio);
    expect(pause).toHaveBeenCalled();
    expect(audio.getAttribute('src')).toBeNull();
    expect([audio.playbackRate, audio.defaultPlaybackRate, audio.muted, audio.volume]).toEqual([
      1,
      1,
      false,
      1,
    ]);
  });
});
