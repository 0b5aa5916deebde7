// The Sound for HLS grants (HLS MP3 and AAC in fMP4): an audio element fed by hls.js, which is loaded
// only when a track needs it. It speaks the same events as the howler Sound, so the engine treats both alike.
import type HlsType from 'hls.js';
import { poolOf } from '../audio/element-pool';
import type { MediaRouting } from '../audio/graph';
import { handOverElements, withdrawHandover } from './handover';
import { reportedError, withoutRetryOnRefusal } from './hls-policy';
import { loopbackOriginOf, rewriteForOrigin } from './origin-rewrite';
import { resign, sameStream, signedQuery } from './resign';
import { setElementRate } from './element-rate';
import type { Sound, SoundEvent, SoundFactory, SoundListener } from './sound';

/**
 * The output volume of every HLS sound, as Howler.volume() is of howler's: these elements are not howler's,
 * so the player's volume and mute reach them only through here.
 */
const output = { volume: 1, live: new Set<HTMLAudioElement>() };

/** Sets the volume (0–1) of the HLS sounds playing now and of those made later. */
export function setHlsVolume(volume: number): void {
  output.volume = Math.min(1, Math.max(0, volume));
  for (const audio of output.live) audio.volume = output.volume;
}

export const createHlsSound: SoundFactory = (options) => makeHlsSound(options);

/** Each HLS sound's element, so that one sound can hand the audio over to the next (handOver). */
const elements = new WeakMap<Sound, HTMLAudioElement>();

/**
 * The HLS Sound factory whose elements go through `routing` (the sound's graph): hls.js feeds them through
 * Media Source, whose blob: media the page may always read.
 */
export function routedHlsSound(routing: MediaRouting): SoundFactory {
  return (options) => makeHlsSound(options, routing);
}

function makeHlsSound({ src }: Parameters<SoundFactory>[0], routing?: MediaRouting): Sound {
  // `new Audio()`, like howler's HTML5 mode: not in the document, played by the page. A routed sound borrows
  // its element from the routing's pool, as the graph keeps every element it has given a source node.
  const pool = routing === undefined ? undefined : poolOf(routing);
  const audio = pool?.borrow() ?? new Audio();
  audio.preload = 'auto';
  audio.volume = output.volume;
  output.live.add(audio);
  routing?.adopt(audio);
  const listeners = new Map<SoundEvent, SoundListener[]>();
  let hls: HlsType | null = null;
  let unloaded = false;
  let wantPlay = false;
  let pendingSeek: number | null = null;
  let ready = false;
  const origin = loopbackOriginOf(src);
  // Segment URLs repeat the playlist's signed query; after a renewal they go out under the fresh one.
  const firstQuery = signedQuery(src);
  let currentQuery = firstQuery;

  const emit = (event: SoundEvent, error?: unknown): void => {
    for (const listener of listeners.get(event) ?? []) listener(1, error);
  };
  const start = (): void => {
    if (!ready || unloaded) return;
    if (pendingSeek !== null) {
      audio.currentTime = pendingSeek;
      pendingSeek = null;
    }
    if (wantPlay) {
      audio.play().catch((error: unknown) => {
        if (!unloaded) emit('playerror', error);
      });
    }
  };

  audio.addEventListener('loadedmetadata', () => {
    ready = true;
    emit('load');
    start();
  });
  audio.addEventListener('playing', () => emit('play'));
  audio.addEventListener('pause', () => emit('pause'));
  audio.addEventListener('ended', () => emit('end'));
  audio.addEventListener('waiting', () => {
    if (!audio.paused) emit('waiting');
  });

  void import('hls.js/light').then(
    ({ default: Hls }) => {
      if (unloaded) return;
      if (!Hls.isSupported()) {
        emit('loaderror', new Error('This system cannot play HLS streams.'));
        return;
      }
      hls = new Hls({
        // A worker would come from a blob: URL, which the window's CSP refuses.
        enableWorker: false,
        fragLoadPolicy: withoutRetryOnRefusal(Hls.DefaultConfig.fragLoadPolicy),
        playlistLoadPolicy: withoutRetryOnRefusal(Hls.DefaultConfig.playlistLoadPolicy),
        manifestLoadPolicy: withoutRetryOnRefusal(Hls.DefaultConfig.manifestLoadPolicy),
        xhrSetup: (xhr, url) =>
          xhr.open('GET', rewriteForOrigin(resign(url, firstQuery, currentQuery), origin), true),
      });
      hls.on(Hls.Events.ERROR, (_event, data) => {
        // A fatal network error, or any refusal, is what an expired policy (403/410) looks like: the engine
        // refreshes (once however many errors come: it recovers one playthrough at a time).
        const reported = reportedError(data);
        if (reported !== null) emit('loaderror', reported);
      });
      hls.loadSource(src);
      hls.attachMedia(audio);
    },
    (error: unknown) => emit('loaderror', error),
  );

  const sound: Sound = {
    play() {
      wantPlay = true;
      start();
      return 1;
    },
    pause() {
      wantPlay = false;
      // After its unload the element may be another sound's: this one leaves it alone.
      if (unloaded) return sound;
      audio.pause();
      // Paused before a handover into it was heard (undone: gapless.ts's cancel): its delay goes.
      withdrawHandover(audio);
      return sound;
    },
    seek(seconds?: number) {
      if (unloaded) return seconds === undefined ? 0 : sound;
      if (seconds === undefined) return pendingSeek ?? audio.currentTime;
      if (ready) audio.currentTime = seconds;
      else pendingSeek = seconds;
      return sound;
    },
    playing: () => !unloaded && !audio.paused && !audio.ended,
    unload() {
      if (unloaded) return;
      unloaded = true;
      output.live.delete(audio);
      routing?.release(audio);
      audio.pause();
      hls?.destroy();
      hls = null;
      audio.removeAttribute('src');
      audio.load();
      pool?.giveBack(audio);
      // Its element may be another sound's from now on: no hand-over reaches it through this sound.
      elements.delete(sound);
    },
    renew(next: string) {
      if (!sameStream(src, next)) return false;
      currentQuery = signedQuery(next);
      return true;
    },
    // After its unload the element may be another sound's.
    duration: () => (unloaded ? Number.NaN : audio.duration),
    handOver(next: Sound) {
      const incoming = elements.get(next);
      return !unloaded && incoming !== undefined && handOverElements(audio, incoming, () => next.play());
    },
    rate(rate: number) {
      if (!unloaded) setElementRate(audio, rate);
    },
    on(event, callback) {
      listeners.set(event, [...(listeners.get(event) ?? []), callback]);
      return sound;
    },
  } as Sound;
  elements.set(sound, audio);
  return sound;
}
