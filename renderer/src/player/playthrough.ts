// One queue item's time in the player (its grant, its sound, where it is), and the pure policy it is
// played by: when a grant may still start audio, how often a fresh one may be asked for, when a track is
// given up, when silence is a stall, and what the item says then. No store, no timers: the clock is an argument.
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
  /** When fresh grants were asked for (recoveries and renewals), within the last ASK_WINDOW_MS. */
  asks: number[];
  /** Recoveries in a row after which the audio never moved again (a moving sound sets it back to 0). */
  failedRecoveries: number;
  /** Incremented by every command, so a late answer to an older one is ignored. */
  generation: number;
  /** Whether the sound has reported that it plays (howler's 'play' event). */
  started: boolean;
  /** A seek asked for before the sound started: howler may drop it, so it is applied again then. */
  pendingSeek: number | null;
  /** The position last seen moving, and when: the stall watchdog's memory. */
  progressPosition: number;
  progressAt: number;
  /** Where the sound's downloaded audio was last seen to end, and when it last grew. */
  downloadEnd: number;
  downloadAt: number;
  /** The generation of the recovery in flight (it is in flight while the generation stands). */
  recovering: number | null;
  /**
   * A sound loading on a fresh grant beside `for` (p's sound), whose download has outlived its grant's
   * margin: if that download dies, the standby is well on its way to take over. Its sound and grant are
   * null while the grant is being asked for.
   */
  standby: {
    for: Sound;
    sound: Sound | null;
    grant: StreamGrant | null;
    /** Where the standby's fetched audio was last seen to end, and when that last grew (its transfer runs). */
    fetchedTo?: number;
    grewAt?: number;
  } | null;
  /** Whether the current sound has loaded (it can play from what it has fetched). */
  loaded: boolean;
  /** How long the last sound took from its making to loading: the link's speed, as the listener meets it. */
  startupMs: number | null;
  /** When the current sound was made. */
  builtAt: number;
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
    asks: [],
    failedRecoveries: 0,
    generation: 0,
    started: false,
    pendingSeek: null,
    progressPosition: position,
    progressAt: time,
    downloadEnd: 0,
    downloadAt: time,
    recovering: null,
    standby: null,
    loaded: false,
    startupMs: null,
    builtAt: time,
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

/** A track is given up after this many recoveries in a row that never got its audio moving again. */
export const MAX_FAILED_RECOVERIES = 3;

/**
 * The budget of fresh grants per playthrough, whatever asks (a recovery, an HLS renewal): the first
 * ASK_FREE within ASK_WINDOW_MS go at once, then each waits ASK_BASE_MS × 2^k after the one before, at
 * most ASK_MAX_MS. So a grant that looks expired the moment it arrives is never asked for in a tight loop,
 * while a track whose recoveries succeed is never given up for having needed many.
 */
export const ASK_WINDOW_MS = 60_000;
export const ASK_FREE = 2;
export const ASK_BASE_MS = 1_000;
export const ASK_MAX_MS = 8_000;

/** How long the next ask for a fresh grant must wait at `time`, given when the earlier ones were made. */
export function askDelay(asks: readonly number[], time: number): number {
  const recent = asks.filter((t) => time - t < ASK_WINDOW_MS);
  if (recent.length < ASK_FREE) return 0;
  const step = Math.min(ASK_MAX_MS, ASK_BASE_MS * 2 ** (recent.length - ASK_FREE));
  return Math.max(0, (recent.at(-1) ?? time) + step - time);
}

/**
 * A grant in hand that lived at least this long and has served half its life was a URL that worked: a
 * fresh one asked now renews it rather than asking again in vain (main counts the same way).
 */
export const SERVED_MS = 2_000;

/**
 * How long a fresh grant for `p` asked at `time` must wait: nothing when it renews a grant that has served
 * (URLs that live a few seconds need one at every cut or reconnect, and a backoff there stood the audio
 * still for 1, 2, then 4 s while the listener waited); else the budget's wait (askDelay). A grant that
 * looks expired the moment it arrives never serves, so asks for those stay spaced.
 */
export function askWait(p: Playthrough, time: number): number {
  const life = p.grant === null ? 0 : p.grant.expiresAt - p.grantReceivedAt;
  const served = time - p.grantReceivedAt;
  if (life >= 2 * SERVED_MS && served >= life / 2) return 0;
  return askDelay(p.asks, time);
}

/** Records an ask at `time`, forgetting those older than the window. */
export function recordAsk(p: Playthrough, time: number): void {
  p.asks = [...p.asks.filter((t) => time - t < ASK_WINDOW_MS), time];
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

/** What a sound's download shows: where the audio it has fetched ends (seconds), and whether that is all. */
export interface DownloadState {
  bufferedEnd: number;
  complete: boolean;
}

/**
 * Whether the sound's URL has died mid-download, judged at `time` from its download and its grant's known
 * expiry: the grant has expired (a request for the rest would be refused), the download is not complete,
 * and it has not grown for `stillMs`. The element retries such a request quietly for many seconds; this
 * notices it while the audio already fetched still plays. Updates the download's memory in `p`.
 */
export function downloadDied(
  p: Playthrough,
  download: DownloadState,
  time: number,
  stillMs: number,
): boolean {
  // Any change counts as life (a seek may make another buffered range the current one).
  if (download.bufferedEnd !== p.downloadEnd || download.complete) {
    p.downloadEnd = download.bufferedEnd;
    p.downloadAt = time;
    return false;
  }
  const expired = p.grant !== null && time >= p.grant.expiresAt;
  return expired && time - p.downloadAt >= stillMs;
}

/**
 * How long before the end of a track the next one is prepared: `prepareAheadMs`, or a quarter of the
 * current grant's lifetime when that is shorter, so the next grant (whose lifetime is unknown until it is
 * asked for; the current one's stands in for it) does not age before its turn; but never less than
 * twice the time the current track's sound took to load (`startupMs`), so that on a slow link the next
 * one has loaded by then. Such a sound starts even when its grant has aged (see preparedPlayable).
 */
export function prepareLead(
  grant: StreamGrant,
  receivedAt: number,
  prepareAheadMs: number,
  startupMs: number | null = null,
): number {
  return Math.max(Math.min(prepareAheadMs, (grant.expiresAt - receivedAt) / 4), 2 * (startupMs ?? 0));
}

/**
 * Whether a prepared sound may start at `time` on the grant it was made on, though that may be inside its
 * margin or past it: it has loaded, and its grant has not expired yet or it holds audio beyond its
 * position. What it fetched plays at once; if its download has died, the recovery that watches it takes
 * over before that runs out.
 */
export function preparedPlayable(p: Playthrough, time: number): boolean {
  if (p.sound === null || !p.loaded || p.grant === null) return false;
  return time < p.grant.expiresAt || (p.sound.download?.().bufferedEnd ?? 0) > p.position + 1;
}

/**
 * Whether `p`'s sound may start (or go on) at `time` without a fresh grant: its grant is `usable`, or the
 * sound may play on an aged one (preparedPlayable) and has not started yet, or plays already: a prepared
 * sound started a moment before its turn (next-track.ts). Replacing that one would stop running audio for
 * a new sound that loads from nothing (seconds on a slow link), while the recovery renews its URL well
 * before what it fetched runs out.
 */
export function startsAsIs(p: Playthrough, time: number, usable: boolean): boolean {
  if (p.sound === null) return false;
  return usable || ((!p.started || p.sound.playing()) && preparedPlayable(p, time));
}
