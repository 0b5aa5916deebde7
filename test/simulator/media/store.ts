// Media made on first use and kept: each track's MP3 (and its preview), its HLS renditions (MP3, Opus and
// AAC, built on that MP3 by ffmpeg; a long track's MP3 and AAC made by repeating one period) and its waveform.
import type { Catalogue, SimTrack } from '../catalogue';
import { LONG_FORM_MS } from '../catalogue-long';
import { toneKey, toneMp3, type ToneSpec } from './audio';
import {
  buildAacRendition,
  buildMp3Rendition,
  buildOpusRendition,
  type AacRendition,
  type Mp3Rendition,
} from './hls';
import { longMp3Rendition, longToneMp3 } from './long';
import { longAacRendition } from './long-aac';

/** Go+ previews are the first 30 seconds. */
export const PREVIEW_MS = 30_000;

export interface Waveform {
  width: number;
  height: number;
  samples: number[];
}

export interface MediaStore {
  /** The progressive MP3 of a track, or its 30-second preview. */
  mp3(track: SimTrack, options?: { preview?: boolean }): Promise<Buffer>;
  /** The HLS MP3 rendition (~10 s segments) of the track or of its preview; needs ffmpeg. */
  hlsMp3(track: SimTrack, options?: { preview?: boolean }): Promise<Mp3Rendition>;
  /** The HLS Opus rendition (~10 s Ogg Opus segments, timed like the MP3 ones); needs ffmpeg. */
  hlsOpus(track: SimTrack): Promise<Mp3Rendition>;
  /** The HLS AAC rendition (fMP4: init.mp4 and .m4s segments); needs ffmpeg. */
  hlsAac(track: SimTrack): Promise<AacRendition>;
  /** The waveform that wave.sndcdn.com serves for the track. */
  waveform(track: SimTrack): Waveform;
}

const WAVE_WIDTH = 1800;
const WAVE_HEIGHT = 140;

/** The tone's loudness at `t` seconds: it pulses once a second (see encodeTone). */
function envelope(t: number): number {
  return 0.6 + 0.4 * Math.cos(2 * Math.PI * t);
}

/**
 * Peak loudness per column, as SoundCloud draws it: the envelope's maximum over each column's span of
 * time (1 where a column holds a whole second's peak, else the louder end, as cos is monotonic between
 * peaks and troughs), so short tracks show the pulses and long ones come out nearly flat.
 */
export function toneWaveform(durationMs: number): Waveform {
  const seconds = durationMs / 1000;
  const samples = Array.from({ length: WAVE_WIDTH }, (_, i) => {
    const from = (seconds * i) / WAVE_WIDTH;
    const to = (seconds * (i + 1)) / WAVE_WIDTH;
    const peak = Math.floor(to) > Math.floor(from) ? 1 : Math.max(envelope(from), envelope(to));
    return Math.round(WAVE_HEIGHT * peak);
  });
  return { width: WAVE_WIDTH, height: WAVE_HEIGHT, samples };
}

export function createMediaStore(_catalogue: Catalogue): MediaStore {
  // One promise per item, so concurrent requests for the same track share a single build; a failed
  // build is forgotten, so the next request tries again (e.g. once ffmpeg is installed).
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    let promise = memo.get(key) as Promise<T> | undefined;
    if (promise === undefined) {
      promise = make();
      memo.set(key, promise);
      promise.catch(() => memo.delete(key));
    }
    return promise;
  };
  const tone = (track: SimTrack, preview: boolean): ToneSpec => ({
    frequency: track.frequency,
    durationMs: preview ? Math.min(PREVIEW_MS, track.durationMs) : track.durationMs,
  });
  const mp3 = (track: SimTrack, preview: boolean): Promise<Buffer> => {
    const spec = tone(track, preview);
    const long = spec.durationMs >= LONG_FORM_MS;
    return once(`mp3:${track.id}:${spec.durationMs}`, () => (long ? longToneMp3(spec) : toneMp3(spec)));
  };
  return {
    mp3(track, options = {}) {
      return mp3(track, options.preview ?? false);
    },
    hlsMp3(track, options = {}) {
      const preview = options.preview ?? false;
      const spec = tone(track, preview);
      return once(`hls-mp3:${track.id}:${spec.durationMs}`, async () =>
        spec.durationMs >= LONG_FORM_MS
          ? longMp3Rendition(await mp3(track, preview), spec.durationMs)
          : buildMp3Rendition(await mp3(track, preview), spec.durationMs, toneKey(spec, 'hls-mp3-v2')),
      );
    },
    hlsOpus(track) {
      const spec = tone(track, false);
      return once(`hls-opus:${track.id}`, async () =>
        buildOpusRendition(await mp3(track, false), spec.durationMs, toneKey(spec, 'hls-opus-v1')),
      );
    },
    hlsAac(track) {
      const spec = tone(track, false);
      return once(`hls-aac:${track.id}`, async () =>
        spec.durationMs >= LONG_FORM_MS
          ? longAacRendition(
              await mp3(track, false),
              spec.durationMs,
              toneKey({ ...spec, durationMs: 0 }, 'aac-period-v1'),
            )
          : buildAacRendition(await mp3(track, false), toneKey(spec, 'hls-aac-v1')),
      );
    },
    waveform(track) {
      return toneWaveform(track.durationMs);
    },
  };
}
