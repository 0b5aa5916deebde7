// Media made on first use and kept: each track's MP3 (and its preview); HLS renditions build on these.
import type { Catalogue, SimTrack } from '../catalogue';
import { toneMp3 } from './audio';

/** Go+ previews are the first 30 seconds. */
export const PREVIEW_MS = 30_000;

export interface MediaStore {
  /** The progressive MP3 of a track, or its 30-second preview. */
  mp3(track: SimTrack, options?: { preview?: boolean }): Promise<Buffer>;
}

export function createMediaStore(_catalogue: Catalogue): MediaStore {
  const memo = new Map<string, Promise<Buffer>>();
  const once = (key: string, make: () => Promise<Buffer>): Promise<Buffer> => {
    let promise = memo.get(key);
    if (promise === undefined) {
      promise = make();
      memo.set(key, promise);
      promise.catch(() => memo.delete(key));
    }
    return promise;
  };
  return {
    mp3(track, options = {}) {
      const durationMs = options.preview ? Math.min(PREVIEW_MS, track.durationMs) : track.durationMs;
      return once(`${track.id}:${durationMs}`, () => toneMp3({ frequency: track.frequency, durationMs }));
    },
  };
}
