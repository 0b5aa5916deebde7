// The audio elements the sounds of one routing borrow and give back, and the listeners a sound's element is
// given, taken off with the sound. An element the sound graph has fed into a MediaElementAudioSourceNode is
// kept, with its listeners and all they hold, for as long as the AudioContext runs, and can never feed another
// source: so such elements are reused, and the number of them (and of source nodes) stays at the most that
// were in use at once, however many tracks, recoveries and renewals play.
import type { MediaRouting } from './graph';

export interface ElementPool {
  /** An idle element (or a new one when none is idle): silent, without media, heard by no one. */
  borrow(): HTMLAudioElement;
  /** `element`'s sound is gone: its media is dropped, every listener added since it was lent is removed. */
  giveBack(element: HTMLAudioElement): void;
  /** How many elements the pool has made (lent or idle). */
  size(): number;
}

interface Listening {
  type: string;
  listener: EventListenerOrEventListenerObject;
  capture: boolean;
}

const captureOf = (options: boolean | EventListenerOptions | undefined): boolean =>
  typeof options === 'boolean' ? options : options?.capture === true;

/**
 * Notes from now on every listener added to `element`; the function returned takes off those still on it. The
 * sound, the graph, howler and hls.js each add their own, and not every library removes all of its own: one
 * left behind keeps its sound alive and, on a pooled element, would hear the element's next sound.
 */
export function noteListeners(element: HTMLMediaElement): () => void {
  const listening = new Set<Listening>();
  const add = element.addEventListener.bind(element);
  const remove = element.removeEventListener.bind(element);
  const find = (type: string, listener: unknown, capture: boolean): Listening | undefined =>
    [...listening].find((l) => l.type === type && l.listener === listener && l.capture === capture);
  Object.defineProperty(element, 'addEventListener', {
    configurable: true,
    value(
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | AddEventListenerOptions,
    ) {
      // A null listener is no listener: the element's own method ignores it too.
      if (listener === null) return;
      const capture = captureOf(options);
      if (find(type, listener, capture) === undefined) listening.add({ type, listener, capture });
      add(type, listener, options);
    },
  });
  Object.defineProperty(element, 'removeEventListener', {
    configurable: true,
    value(
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | EventListenerOptions,
    ) {
      if (listener === null) return;
      const found = find(type, listener, captureOf(options));
      if (found !== undefined) listening.delete(found);
      remove(type, listener, options);
    },
  });
  return () => {
    for (const { type, listener, capture } of [...listening])
      element.removeEventListener(type, listener, capture);
  };
}

export function createElementPool(make: () => HTMLAudioElement = () => new Audio()): ElementPool {
  const idle: HTMLAudioElement[] = [];
  const forgetting = new WeakMap<HTMLAudioElement, () => void>();
  let made = 0;
  return {
    borrow() {
      const reused = idle.pop();
      if (reused !== undefined) return reused;
      const element = make();
      forgetting.set(element, noteListeners(element));
      made += 1;
      return element;
    },
    giveBack(element) {
      const forget = forgetting.get(element);
      if (forget === undefined || idle.includes(element)) return;
      forget();
      element.pause();
      element.removeAttribute('src');
      // Ends the download (and drops hls.js's media source) without loading anything in its place.
      element.load();
      // What a sound set on it, back to an element's defaults, so the next sound starts from them.
      element.defaultPlaybackRate = 1;
      element.playbackRate = 1;
      element.muted = false;
      element.volume = 1;
      idle.push(element);
    },
    size: () => made,
  };
}

const pools = new WeakMap<MediaRouting, ElementPool>();

/**
 * The pool of the sounds routed through `routing`, made at the first ask: one per routing, so an element only
 * ever goes to the graph that may already hold its source node.
 */
export function poolOf(routing: MediaRouting): ElementPool {
  let pool = pools.get(routing);
  if (pool === undefined) {
    pool = createElementPool();
    pools.set(routing, pool);
  }
  return pool;
}
