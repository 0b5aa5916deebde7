// The playthrough policy on its own, with the clock as an argument: usable grants, the retry budget,
// the stall test, the spent item's error and the next track's lead.
import { describe, expect, it } from 'vitest';
import { appError, MEDIA_UNREADABLE } from '../../../shared/errors';
import {
  exhaustedError,
  grantUsable,
  MAX_RETRIES,
  newPlaythrough,
  prepareLead,
  RETRY_WINDOW_MS,
  spendRetry,
  stallVerdict,
  takeGrant,
  type Playthrough,
} from '../../../renderer/src/player/playthrough';
import { grant } from './fakes';

const T0 = 1_800_000_000_000;

/** A playthrough holding a grant received at T0 that lives `lifetimeMs`. */
function holding(lifetimeMs: number): Playthrough {
  const p = newPlaythrough('item', 1, 0, T0);
  takeGrant(p, grant('http://media/1.mp3', T0 + lifetimeMs), T0);
  return p;
}

describe('a grant’s usability', () => {
  it('is none without a grant', () => {
    expect(grantUsable(newPlaythrough('item', 1, 0, T0), T0, 20_000)).toBe(false);
  });

  it('lasts until the safety margin before expiry, for a grant that lives long', () => {
    const p = holding(300_000);
    const end = T0 + 300_000 - 20_000;
    expect(grantUsable(p, end - 1, 20_000)).toBe(true);
    expect(grantUsable(p, end, 20_000)).toBe(false);
  });

  it('lasts half the lifetime of a grant shorter than twice the margin', () => {
    const p = holding(10_000);
    expect(grantUsable(p, T0 + 4_999, 20_000)).toBe(true);
    expect(grantUsable(p, T0 + 5_000, 20_000)).toBe(false);
  });

  it('counts the lifetime from when the grant was received, not from the playthrough’s start', () => {
    const p = newPlaythrough('item', 1, 0, T0);
    takeGrant(p, grant('http://media/2.mp3', T0 + 70_000), T0 + 60_000);
    // 10 s of life: a margin of 5 s, so 6 s left is still usable, 4 s is not.
    expect(grantUsable(p, T0 + 64_000, 20_000)).toBe(true);
    expect(grantUsable(p, T0 + 66_000, 20_000)).toBe(false);
  });
});

describe('the retry budget', () => {
  it(`allows ${MAX_RETRIES} recoveries within the window, then none`, () => {
    let retries: number[] = [];
    for (let i = 0; i < MAX_RETRIES; i++) {
      const spent = spendRetry(retries, T0 + i * 1_000);
      expect(spent).not.toBeNull();
      retries = spent ?? [];
    }
    expect(retries).toHaveLength(MAX_RETRIES);
    expect(spendRetry(retries, T0 + MAX_RETRIES * 1_000)).toBeNull();
  });

  it('forgets recoveries once they are a window old, and leaves the list it was given alone', () => {
    const retries = Array.from({ length: MAX_RETRIES }, (_, i) => T0 + i);
    expect(spendRetry(retries, T0 + RETRY_WINDOW_MS - 1)).toBeNull();
    const later = T0 + RETRY_WINDOW_MS;
    expect(spendRetry(retries, later)).toEqual([...retries.slice(1), later]);
    expect(retries).toHaveLength(MAX_RETRIES);
  });
});

describe('the spent item’s error', () => {
  it.each([
    { status: 0, error: appError('NETWORK', MEDIA_UNREADABLE) },
    { status: 500, error: appError('SERVER') },
    { status: 503, error: appError('SERVER') },
    { status: 499, error: appError('EXPIRED') },
    { status: 403, error: appError('EXPIRED') },
    { status: 410, error: appError('EXPIRED') },
    { status: undefined, error: appError('EXPIRED') },
  ])('after a last failure with status $status is $error.code', ({ status, error }) => {
    expect(exhaustedError(status)).toEqual(error);
  });
});

describe('the stall test', () => {
  /** A playthrough at `position` s whose memory saw `seen` s at T0. */
  function watched(position: number, seen: number): Playthrough {
    const p = newPlaythrough('item', 1, seen, T0);
    p.position = position;
    return p;
  }

  it('starts its memory again when the position moved or no progress is expected', () => {
    expect(stallVerdict(watched(12.5, 12), true, T0 + 60_000, 5_000)).toBe('moving');
    expect(stallVerdict(watched(12, 12), false, T0 + 60_000, 5_000)).toBe('moving');
  });

  it('waits while the silence is shorter than the stall time, and calls it a stall from then on', () => {
    const p = watched(12, 12);
    expect(stallVerdict(p, true, T0 + 4_999, 5_000)).toBe('waiting');
    expect(stallVerdict(p, true, T0 + 5_000, 5_000)).toBe('stalled');
  });

  it('remembers the starting position of a new playthrough, when its clock starts', () => {
    const p = newPlaythrough('item', 1, 90, T0);
    expect(p).toMatchObject({ position: 90, progressPosition: 90, progressAt: T0, retries: [] });
    expect(stallVerdict(p, true, T0 + 5_000, 5_000)).toBe('stalled');
  });
});

describe('the next track’s lead', () => {
  it('is the configured lead for a long-lived grant, and a quarter of a short one’s life', () => {
    const long = grant('http://media/1.mp3', T0 + 300_000);
    expect(prepareLead(long, T0, 20_000)).toBe(20_000);
    const short = grant('http://media/2.mp3', T0 + 8_000);
    expect(prepareLead(short, T0, 20_000)).toBe(2_000);
    // A grant received late has less life left to stand in for the next one's.
    expect(prepareLead(long, T0 + 260_000, 20_000)).toBe(10_000);
  });
});
