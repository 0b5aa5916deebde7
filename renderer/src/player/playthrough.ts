// One queue item's time in the player (its grant, its sound, where it is), and the pure policy it is
// played by: when a grant may still start audio, how many recoveries a track gets, when silence is a
// stall, and what the item says once its recoveries are spent. No store, no timers: the clock is an argument.
import { appError, MEDIA_UNREADABLE, type AppError } from '../../../shared/errors';
import type { StreamGrant } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import type { Sound } from './sound';

/** Where the engine's grants come from: main's getStream, answering lost contact as an error too. */
export type GrantSource = (arg: { trackId: number; fresh?: boolean }) => Promise<Result<StreamGrant>>;

export interface Playthrough {
  itemId: string;
  trackId: number;
  grant: StreamGrant | null;
  grantReceivedAt: number;
  sound: Sound | null;
  /** Last known position in seconds. */
  position: number;
  /** When the recoveries of the last RETRY_WINDOW_MS happened. */
  retries: number[];
  /** Incremented by every command, so a late answer to an older one is ignored. */
  generation: number;
  /** Whether the sound has reported that it plays (howler's 'play' event). */
  started: boolean;
  /** A seek asked for before the sound started: howler may drop it, so it is applied again then. */
  pendingSeek: number | null;
  /** The position last seen moving, and when: the stall watchdog's memory. */
  progressPosition: number;
  progressAt: number;
}

/** A playthrough of `trackId` for the queue item `itemId`, starting at `position` seconds, at `time`. */
export function newPlaythrough(itemId: string, trackId: number, position: number, time: number): Playthrough {
  return {
    itemId,
    trackId,
    grant: null,
    grantReceivedAt: 0,
    sound: null,
    position,
    retries: [],
    generation: 0,
    started: false,
    pendingSeek: null,
    progressPosition: position,
    progressAt: time,
  };
}

/** Records `grant` as the one in hand, received at `time` (its lifetime counts from there). */
export function takeGrant(p: Playthrough, grant: StreamGrant, time: number): void {
  p.grant = grant;
  p.grantReceivedAt = time;
}

/**
 * Whether the playthrough's grant may start or resume audio at `time`: more than the safety margin left
 * before it expires, the margin capped at half the grant's lifetime so that a short-lived grant is usable.
 */
export function grantUsable(p: Playthrough, time: number, safetyMarginMs: number): boolean {
  if (p.grant === null) return false;
  const lifetime = p.grant.expiresAt - p.grantReceivedAt;
  const margin = Math.min(safetyMarginMs, lifetime / 2);
  return p.grant.expiresAt - time > margin;
}

/** At most this many recoveries per track within RETRY_WINDOW_MS; then the item fails. */
export const MAX_RETRIES = 3;
export const RETRY_WINDOW_MS = 60_000;

/**
 * The recoveries within the window before `time`, with one more at `time`; null when the budget is spent
 * (the track has had MAX_RETRIES recoveries within RETRY_WINDOW_MS).
 */
export function spendRetry(retries: readonly number[], time: number): number[] | null {
  const recent = retries.filter((t) => time - t < RETRY_WINDOW_MS);
  return recent.length >= MAX_RETRIES ? null : [...recent, time];
}

/**
 * The item's error once its recoveries are spent, from the HTTP status of the last failure where the
 * backend saw one: expired (403/410) or unknown, a server error, or no readable answer at all.
 */
export function exhaustedError(httpStatus: number | undefined): AppError {
  if (httpStatus === 0) return appError('NETWORK', MEDIA_UNREADABLE);
  if (httpStatus !== undefined && httpStatus >= 500) return appError('SERVER');
  return appError('EXPIRED');
}

/**
 * What the stall watchdog makes of one sample: 'moving' (the position moved, or no progress is expected,
 * so its memory starts again from here), 'stalled' (expected to move, still for `stallMs` or longer) or
 * 'waiting' (still, not for long enough yet).
 */
export type StallVerdict = 'moving' | 'waiting' | 'stalled';

export function stallVerdict(p: Playthrough, expected: boolean, time: number, stallMs: number): StallVerdict {
  if (!expected || p.position !== p.progressPosition) return 'moving';
  return time - p.progressAt >= stallMs ? 'stalled' : 'waiting';
}

/**
 * How long before the end of a track the next one is prepared: `prepareAheadMs`, or a quarter of the
 * current grant's lifetime when that is shorter, so the next grant (whose lifetime is unknown until it is
 * asked for; the current one's stands in for it) does not age before its turn.
 */
export function prepareLead(grant: StreamGrant, receivedAt: number, prepareAheadMs: number): number {
  return Math.min(prepareAheadMs, (grant.expiresAt - receivedAt) / 4);
}
