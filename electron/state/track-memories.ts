// The two per-track memories the app keeps in userData: where long tracks were left (positions.json) and how
// loud tracks measured (loudness.json), each bounded to its most recently set tracks.
import { join } from 'node:path';
import {
  rememberedPositionSchema,
  trackLoudnessSchema,
  type TrackLoudness,
} from '../../shared/contract-memory';
import { RESUME_CAPACITY } from '../../shared/resume';
import type { FileSystem } from './atomic-file';
import { createTrackMemory, type TrackMemory } from './track-memory';

/** Loudness is worth keeping for far more tracks than positions: every track played has one, and it is small. */
export const LOUDNESS_CAPACITY = 5_000;

export interface TrackMemories {
  positions: TrackMemory<number>;
  loudness: TrackMemory<TrackLoudness>;
  /** Reads both files (once: every later call answers the same promise). */
  load(): Promise<void>;
  /** Writes both files' pending changes now (before the app quits). */
  flush(): Promise<void>;
}

export function createTrackMemories(
  dataDir: string,
  options: { debounceMs?: number; fs?: FileSystem } = {},
): TrackMemories {
  const positions = createTrackMemory({
    file: join(dataDir, 'positions.json'),
    capacity: RESUME_CAPACITY,
    value: rememberedPositionSchema,
    ...options,
  });
  const loudness = createTrackMemory({
    file: join(dataDir, 'loudness.json'),
    capacity: LOUDNESS_CAPACITY,
    value: trackLoudnessSchema,
    ...options,
  });
  return {
    positions,
    loudness,
    load: () => Promise.all([positions.load(), loudness.load()]).then(() => undefined),
    flush: () => Promise.all([positions.flush(), loudness.flush()]).then(() => undefined),
  };
}
