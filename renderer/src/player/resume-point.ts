// Resume where you left off, for the engine: where a long track chosen from its beginning starts (its
// remembered position, when main answers within a moment), and its position remembered as the listener
// leaves it, now and then while it plays (a crash loses little) and when the window goes.
import type { CloudcueApi, Track } from '../../../shared/ipc';
import { positionToKeep, resumeFrom, RESUME_MIN_DURATION_SECONDS } from '../../../shared/resume';
import type { ResumeNoteSource } from './resume-note';

/** The User Timing measure of each wait for main's answer before a long track starts (the e2e test reads it). */
export const RECALL_MEASURE = 'cloudcue:recall';

/** A recall timer that fires this much late gives main's answer one more turn of this long. */
const BUSY_GRACE_MS = 50;

/** Main's per-track memory, as the window's API offers it. */
export type TrackMemoryApi = Pick<CloudcueApi, 'recallTrack' | 'rememberTrack'>;

export interface ResumePointOptions {
  memory: TrackMemoryApi;
  /** Where the player bar's note is set. */
  note: ResumeNoteSource;
  now: () => number;
  /** Moves the open track (Start over). */
  seek: (seconds: number) => void;
  /** Main answering later than this, the track starts at its beginning: the first audio never waits longer. */
  recallTimeoutMs?: number;
  /** While a long track plays, its position is remembered this often. */
  saveEveryMs?: number;
}

export interface ResumePoint {
  /** Whether `track` is long enough to resume. */
  applies(track: Track): boolean;
  /**
   * Where `track` starts when chosen from its beginning: where it was left, or 0; at once when it was asked
   * ahead, else main's answer within the moment allowed. Never rejects.
   */
  startOf(track: Track): number | Promise<number>;
  /** Asks now where `track` (the next to play) was left, so that its start need not wait for main. */
  askAhead(track: Track): void;
  /** `track` is open in item `itemId` at `seconds`; `resumed`: at its remembered place (the note shows). */
  opened(itemId: string, track: Track, seconds: number, resumed: boolean): void;
  /** The open track plays at `seconds`: remembered when the last save is old enough. */
  progress(seconds: number): void;
  /** The listener left the open track at `seconds` (Infinity: it played to its end). */
  left(seconds: number): void;
}

/** Without main's memory (tests of other things), every track starts where the engine says. */
export const NO_RESUME: ResumePoint = {
  applies: () => false,
  startOf: () => 0,
  askAhead: () => undefined,
  opened: () => undefined,
  progress: () => undefined,
  left: () => undefined,
};

interface OpenTrack {
  itemId: string;
  trackId: number;
  durationSeconds: number;
  /** What main was last told (or answered) for this track; undefined: not known. */
  sent: number | null | undefined;
  savedAt: number;
}

export function createResumePoint(options: ResumePointOptions): ResumePoint {
  const { memory, note, now, seek } = options;
  const recallTimeoutMs = options.recallTimeoutMs ?? 300;
  const saveEveryMs = options.saveEveryMs ?? 15_000;

  let open: OpenTrack | null = null;
  /** The next track's answer, asked while the track before it plays (undefined until main answers). */
  let ahead: { trackId: number; seconds: number | undefined } | null = null;

  const applies = (track: Track): boolean => track.durationMs / 1000 > RESUME_MIN_DURATION_SECONDS;

  /** Where main says `track` starts (0 when it cannot say). */
  const recall = (track: Track): Promise<number> =>
    memory
      .recallTrack({ trackId: track.id })
      .then((result) => (result.ok ? resumeFrom(track.durationMs / 1000, result.value.positionSeconds) : 0))
      .catch(() => 0);

  function askAhead(track: Track): void {
    if (!applies(track) || ahead?.trackId === track.id) return;
    const asking: { trackId: number; seconds: number | undefined } = {
      trackId: track.id,
      seconds: undefined,
    };
    ahead = asking;
    void recall(track).then((seconds) => (asking.seconds = seconds));
  }

  function startOf(track: Track): number | Promise<number> {
    const known = ahead?.trackId === track.id ? ahead.seconds : undefined;
    ahead = null;
    if (known !== undefined) return known;
    const asked = performance.now();
    const recalled = recall(track);
    let late: ReturnType<typeof setTimeout> | undefined;
    const tooLate = new Promise<number>((resolve) => {
      late = setTimeout(() => {
        // Fired late, the timer found the page busy (the click's own work): main's answer may have come in
        // time and be queued behind it, so it gets one more turn rather than a busy page starting at 0.
        const busy = performance.now() - asked - recallTimeoutMs > BUSY_GRACE_MS;
        late = busy ? setTimeout(() => resolve(0), BUSY_GRACE_MS) : undefined;
        if (!busy) resolve(0);
      }, recallTimeoutMs);
    });
    return Promise.race([recalled, tooLate]).then((seconds) => {
      clearTimeout(late);
      performance.measure(RECALL_MEASURE, { start: asked, end: performance.now() });
      return seconds;
    });
  }

  /** Tells main what to keep of the open track at `seconds` (nothing when it knows it already). */
  function keep(track: OpenTrack, seconds: number): void {
    const kept = positionToKeep(track.durationSeconds, seconds);
    if (kept === 'ignore') return;
    const positionSeconds = kept === 'forget' ? null : kept;
    track.savedAt = now();
    // An answer asked ahead for this track is older than what it is told now.
    if (ahead?.trackId === track.trackId) ahead = null;
    if (positionSeconds === track.sent) return;
    track.sent = positionSeconds;
    memory.rememberTrack({ trackId: track.trackId, positionSeconds }).catch(() => undefined);
  }

  function startOver(track: OpenTrack): void {
    note.set(null);
    if (open !== track) return;
    seek(0);
    keep(track, 0);
  }

  function opened(itemId: string, track: Track, seconds: number, resumed: boolean): void {
    if (!applies(track)) {
      open = null;
      note.set(null);
      return;
    }
    const opening: OpenTrack = {
      itemId,
      trackId: track.id,
      durationSeconds: track.durationMs / 1000,
      sent: resumed ? seconds : undefined,
      savedAt: now(),
    };
    open = opening;
    note.set(resumed && seconds > 0 ? { itemId, seconds, startOver: () => startOver(opening) } : null);
  }

  function progress(seconds: number): void {
    if (open !== null && now() - open.savedAt >= saveEveryMs) keep(open, seconds);
  }

  function left(seconds: number): void {
    if (open !== null) keep(open, seconds);
    open = null;
    note.set(null);
  }

  return { applies, startOf, askAhead, opened, progress, left };
}
