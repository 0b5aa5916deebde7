// Why a resolved track is blocked, found at resolve time: the provider's own refusal of a stream (geo-blocked,
// DRM only, removed…), so the row says it at once instead of after a failed attempt to play.
import type { AppError, ErrorCode } from '../../shared/errors';
import type { Track } from '../../shared/ipc';
import { SoundCloudError } from './http';
import type { Provider, ResolvedTrack } from './provider';

/** Verdicts about the track itself; anything else (a 429, a refused client id) says nothing about it. */
const VERDICTS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'GEO_BLOCKED',
  'DRM_ONLY',
  'NOT_FOUND',
  'PRIVATE',
  'PREVIEW_ONLY',
]);

/** At most this many blocked tracks of one link are asked about (a large set's rest shows the generic reason). */
export const MAX_EXPLAINED = 20;

/** The reason `provider` gives for refusing `track` a stream, or null when it gives none worth showing. */
async function reasonOf(provider: Provider, track: Track): Promise<AppError | null> {
  try {
    // A stream after all (the verdict changed since the metadata): no reason; the row stays as resolved.
    await provider.getStream(track.id);
    return null;
  } catch (error) {
    if (error instanceof SoundCloudError && VERDICTS.has(error.code)) return error.toAppError();
    return null;
  }
}

/**
 * `tracks` with each blocked track's reason filled in where the provider can tell it. Providers decide a
 * blocked stream from the metadata they already hold, so this rarely costs a request.
 */
export async function explainBlocked(
  run: <T>(work: (provider: Provider) => Promise<T>) => Promise<T>,
  tracks: ResolvedTrack[],
): Promise<ResolvedTrack[]> {
  const blocked = tracks
    .filter((t): t is Extract<ResolvedTrack, { ok: true }> => t.ok && t.track.access === 'blocked')
    .filter((t) => t.track.reason === undefined)
    .slice(0, MAX_EXPLAINED);
  if (blocked.length === 0) return tracks;
  const reasons = new Map<number, AppError>();
  await Promise.all(
    blocked.map(async ({ track }) => {
      const reason = await run((provider) => reasonOf(provider, track)).catch(() => null);
      if (reason !== null) reasons.set(track.id, reason);
    }),
  );
  return tracks.map((t) => {
    const reason = t.ok ? reasons.get(t.track.id) : undefined;
    return t.ok && reason !== undefined ? { ok: true, track: { ...t.track, reason } } : t;
  });
}

/** One track, explained the same way. */
export async function explainTrack(
  run: <T>(work: (provider: Provider) => Promise<T>) => Promise<T>,
  track: Track,
): Promise<Track> {
  const [explained] = await explainBlocked(run, [{ ok: true, track }]);
  return explained?.ok === true ? explained.track : track;
}
