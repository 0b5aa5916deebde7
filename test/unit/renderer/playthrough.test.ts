// The playthrough policy on its own, with the clock as an argument: usable grants, the budget of fresh
// grants, a download that died, the stall test, the spent item's error and the next track's lead.
import { describe, expect, it } from 'vitest';
import { appError, MEDIA_UNREADABLE } from '../../../shared/errors';
import {
  ASK_FREE,
  ASK_WINDOW_MS,
  askDelay,
  askWait,
  downloadDied,
  exhaustedError,
  grantUsable,
  newPlaythrough,
  preparedPlayable,
  prepareLead,
  recordAsk,
  stallVerdict,
  startsAsIs,
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

describe('the budget of fresh grants', () => {
  it(`lets ${ASK_FREE} asks go at once, then spaces the next 1, 2, 4, 8, 8 s after the one before`, () => {
    const p = newPlaythrough('item', 1, 0, T0);
    let time = T0;
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const wait = askDelay(p.asks, time);
      waits.push(wait);
      time += wait;
      recordAsk(p, time);
    }
    expect(waits).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('counts only what waited less than its step, and forgets asks a window old', () => {
    const p = newPlaythrough('item', 1, 0, T0);
    recordAsk(p, T0);
    recordAsk(p, T0 + 100);
    // The third is due 1 s after the second.
    expect(askDelay(p.asks, T0 + 600)).toBe(500);
    expect(askDelay(p.asks, T0 + 1_100)).toBe(0);
    // A window later, the first has gone: one ask in the window, so the next is free.
    expect(askDelay(p.asks, T0 + ASK_WINDOW_MS)).toBe(0);
    recordAsk(p, T0 + ASK_WINDOW_MS + 200);
    expect(p.asks).toEqual([T0 + ASK_WINDOW_MS + 200]);
  });
});

describe('the wait before a fresh grant', () => {
  /** A playthrough whose four asks of the last 12 s came 3 s apart, now holding the grant of the last. */
  function busy(lifetimeMs: number): Playthrough {
    const p = newPlaythrough('item', 1, 0, T0);
    for (const at of [T0 - 9_000, T0 - 6_000, T0 - 3_000, T0]) recordAsk(p, at);
    takeGrant(p, grant('http://media/4.mp3', T0 + lifetimeMs), T0);
    return p;
  }

  it('is none once the grant in hand has served half its life: it renews a URL that worked', () => {
    const p = busy(6_000);
    // The budget alone would space this fifth ask 4 s after the fourth.
    expect(askDelay(p.asks, T0 + 3_000)).toBe(1_000);
    expect(askWait(p, T0 + 3_000)).toBe(0);
    expect(askWait(p, T0 + 2_999)).toBe(1_001);
  });

  it('is the budget’s for a grant that looked expired on arrival or lived too short to have served', () => {
    for (const lifetime of [-1_000, 0, 3_999]) {
      const p = busy(lifetime);
      expect(askWait(p, T0 + 3_000), String(lifetime)).toBe(askDelay(p.asks, T0 + 3_000));
      expect(askWait(p, T0 + 3_000), String(lifetime)).toBe(1_000);
    }
  });
});

describe('a download that died', () => {
  /** A playthrough on a grant that expires at T0 + 8 s, its download last growing to 12 s at T0. */
  function downloading(): Playthrough {
    const p = holding(8_000);
    expect(downloadDied(p, { bufferedEnd: 12, complete: false }, T0, 1_000)).toBe(false);
    return p;
  }

  it('is a download not grown for the still time on an expired grant', () => {
    const p = downloading();
    expect(downloadDied(p, { bufferedEnd: 12, complete: false }, T0 + 8_500, 1_000)).toBe(true);
  });

  it('is not one that grows, nor one still for less than the still time', () => {
    const p = downloading();
    expect(downloadDied(p, { bufferedEnd: 13, complete: false }, T0 + 9_000, 1_000)).toBe(false);
    expect(downloadDied(p, { bufferedEnd: 13, complete: false }, T0 + 9_999, 1_000)).toBe(false);
    expect(downloadDied(p, { bufferedEnd: 13, complete: false }, T0 + 10_000, 1_000)).toBe(true);
  });

  it('is not one on a grant that has not expired (the browser’s own retry gets through), nor a complete one', () => {
    const p = downloading();
    expect(downloadDied(p, { bufferedEnd: 12, complete: false }, T0 + 7_999, 1_000)).toBe(false);
    expect(downloadDied(p, { bufferedEnd: 12, complete: true }, T0 + 20_000, 1_000)).toBe(false);
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
    expect(p).toMatchObject({
      position: 90,
      progressPosition: 90,
      progressAt: T0,
      asks: [],
      failedRecoveries: 0,
    });
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

  it('is at least twice the time the current track took to load, on a slow link', () => {
    const short = grant('http://media/2.mp3', T0 + 8_000);
    expect(prepareLead(short, T0, 20_000, 4_500)).toBe(9_000);
    expect(prepareLead(short, T0, 20_000, 300)).toBe(2_000);
  });
});

describe('a prepared sound', () => {
  it('starts on its grant inside the margin once it has loaded, but not once the grant has expired', () => {
    const p = holding(8_000);
    p.sound = { playing: () => false } as unknown as Playthrough['sound'];
    expect(preparedPlayable(p, T0 + 6_000)).toBe(false);
    p.loaded = true;
    expect(preparedPlayable(p, T0 + 6_000)).toBe(true);
    expect(preparedPlayable(p, T0 + 8_000)).toBe(false);
  });
});

describe('a sound that starts as it is', () => {
  /** A playthrough on an 8 s grant, at 1 s into its track, its sound loaded with audio fetched to `fetched` s. */
  function loaded(fetched: number, playing: boolean): Playthrough {
    const p = holding(8_000);
    p.position = 1;
    p.loaded = true;
    const download = () => ({ bufferedEnd: fetched, complete: false });
    p.sound = { playing: () => playing, download } as unknown as Playthrough['sound'];
    return p;
  }

  it('is one on a usable grant, and none without a sound', () => {
    expect(startsAsIs(loaded(1, false), T0 + 20_000, true)).toBe(true);
    expect(startsAsIs(holding(8_000), T0, true)).toBe(false);
  });

  it('is a prepared one started ahead of its turn, playing on an expired grant with audio ahead of it', () => {
    const p = loaded(14, true);
    p.started = true;
    expect(startsAsIs(p, T0 + 9_000, false)).toBe(true);
  });

  it('is not one that started and was paused (its resume takes a fresh grant), nor one with nothing ahead', () => {
    const paused = loaded(14, false);
    paused.started = true;
    expect(startsAsIs(paused, T0 + 9_000, false)).toBe(false);
    const dry = loaded(1.5, true);
    dry.started = true;
    expect(startsAsIs(dry, T0 + 9_000, false)).toBe(false);
  });
});
