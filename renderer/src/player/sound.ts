// The part of a Howl the engine uses, so tests can put a FakeHowl in its place.

/**
 * howler's events, and the element's own 'waiting' (playback stopped for want of data) and 'stalled'
 * (the download has brought nothing for a while).
 */
export type SoundEvent =
  'load' | 'loaderror' | 'playerror' | 'play' | 'pause' | 'end' | 'waiting' | 'stalled';

/** What `Sound.on` calls: howler's sound id, and its error detail where there is one. */
export type SoundListener = (soundId: number, error?: unknown) => void;

export interface SoundOptions {
  src: string;
  format: string[];
  html5: boolean;
  /** The track the sound plays: the sound graph gives it that track's loudness gain. */
  trackId?: number;
}

export interface Sound {
  play(): unknown;
  pause(): unknown;
  /** The position in seconds. */
  seek(): number;
  /** Moves to `seconds` (queued by howler until the sound has loaded). */
  seek(seconds: number): unknown;
  playing(): boolean;
  unload(): void;
  on(event: SoundEvent, callback: SoundListener): unknown;
  /** The media's own length in seconds (NaN while unknown): an encoder's padding makes it differ from the track's. */
  duration?(): number;
  /** Where the audio fetched around the position ends (seconds), and whether the whole file is in. */
  download?(): { bufferedEnd: number; complete: boolean };
  /** Whether the sound can play at its position at once (it has the data there and is not seeking). */
  ready?(): boolean;
  /**
   * HLS only: carries on with the requests still to come under `src`, a freshly signed URL of the same
   * stream, without interrupting playback. False when it cannot (another stream): rebuild instead.
   */
  renew?(src: string): boolean;
  /**
   * Starts `next` (loaded, paused) now, a moment before this sound ends, silent until this one's end on the
   * audio clock, when this one's level closes as next's opens: a change of track with neither gap nor overlap.
   * False, with nothing started, when it cannot (a sound outside the graph, not ready, or ending already).
   */
  handOver?(next: Sound): boolean;
  /** Plays at `rate` times the normal speed (0.5–2), keeping the pitch; it holds through loads and seeks. */
  rate?(rate: number): void;
}

export type SoundFactory = (options: SoundOptions) => Sound;

/**
 * The error detail of a failed media request, where the backend can see it (hls.js can; an HTML5 audio
 * element cannot): the server's HTTP status, or 0 when no answer could be read at all (the connection
 * failed, or the host sent no CORS headers).
 */
export interface MediaRequestFailure {
  httpStatus: number;
}

/** The HTTP status in a Sound's error detail, when it carries one. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('httpStatus' in error)) return undefined;
  return typeof error.httpStatus === 'number' ? error.httpStatus : undefined;
}

/**
 * What a sound that runs dry on its download still holds ahead of its position: Chromium's element stops
 * 1–1.7 s short of the end of what it fetched (what it reads ahead). More, and it has the data: a page too
 * busy to decode in time paused it, and it plays on by itself.
 */
const DRY_AHEAD_S = 3;

/** Whether `sound` has played what it fetched up to its position (true when it cannot tell). */
export function outOfData(sound: Sound): boolean {
  const end = sound.download?.().bufferedEnd;
  return end === undefined || end - sound.seek() < DRY_AHEAD_S;
}

/** howler's format name for a MIME type (its streams have no file extension to go by). */
export function formatOf(mimeType: string): string {
  if (mimeType.startsWith('audio/mp4')) return 'm4a';
  if (mimeType.startsWith('audio/ogg')) return 'ogg';
  return 'mp3';
}
