// The IPC contract's per-track memory: where a long track was left and how loud a track measured, each
// bounded to what a real track can have, so nothing absurd is kept or handed back.
import { z } from 'zod';

/** A position within a track: at most a day (SoundCloud's longest uploads are hours, not days). */
export const MAX_REMEMBERED_SECONDS = 24 * 60 * 60;

const trackIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const rememberedPositionSchema = z.number().min(0).max(MAX_REMEMBERED_SECONDS);

/** A track's measured loudness: integrated (LUFS, BS.1770) and its true peak (dBTP). */
export const trackLoudnessSchema = z.strictObject({
  integratedLufs: z.number().min(-70).max(5),
  truePeakDb: z.number().min(-70).max(20),
});
export type TrackLoudness = z.infer<typeof trackLoudnessSchema>;

export const recallTrackArgSchema = z.strictObject({ trackId: trackIdSchema });

/**
 * Absent: left as it is. `positionSeconds: null`: forgotten (the track was finished, or the listener chose
 * to start over).
 */
export const rememberTrackArgSchema = z.strictObject({
  trackId: trackIdSchema,
  positionSeconds: rememberedPositionSchema.nullable().optional(),
  loudness: trackLoudnessSchema.optional(),
});

/** What main remembers of a track: null for each thing it does not know. */
export const recalledTrackSchema = z.object({
  positionSeconds: rememberedPositionSchema.nullable(),
  loudness: trackLoudnessSchema.nullable(),
});
export type RecalledTrack = z.infer<typeof recalledTrackSchema>;
