// What a failure or a track's access says about trying again: which verdicts are final (a retry cannot
// help), which are the provider's problem rather than the track's, and why a blocked track cannot play.
import { appError, FINAL_CODES, type AppError, type ErrorCode } from '../../../shared/errors';
import type { Track } from '../../../shared/ipc';

const FINAL: ReadonlySet<ErrorCode> = new Set<ErrorCode>(FINAL_CODES);

/**
 * Failures of the provider (refused credentials, a human check, a rate limit), not of the track: the next
 * track would fail the same way, so playback stops there instead of running down the queue failing each.
 */
const PROVIDER: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['UNAUTHORIZED', 'CHALLENGED', 'RATE_LIMITED']);

export const isFinal = (error: AppError | undefined): boolean => error !== undefined && FINAL.has(error.code);

export const isProviderProblem = (error: AppError): boolean => PROVIDER.has(error.code);

/** Said when the provider did not say why a track is blocked. */
export const NO_STREAM = 'SoundCloud offers no stream of this track that Cloudcue can play.';

/** Why `track` cannot be played at all, or null when it can (in full, or as a preview). */
export function blockedReason(track: Track | undefined): AppError | null {
  if (track?.access !== 'blocked') return null;
  return track.reason ?? appError('NOT_FOUND', NO_STREAM);
}

/** The message shown when playback stops on a provider's failure. */
export function stoppedBecause(error: AppError): string {
  return `Playback stopped: ${error.message}`;
}
