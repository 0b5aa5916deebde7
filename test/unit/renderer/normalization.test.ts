// Loudness normalization of the current track on a fake graph and a hand-moved clock: a remembered loudness
// sets the gain at once; a first play keeps 0 dB for its first seconds of sound, is set by one quick ramp,
// then moves slowly (at most every few seconds, by ramps as long as the wait, no faster than the gain law's
// slew), never above +6 dB; what was measured is remembered (a replay starts at its gain without main's
// answer); readings of an earlier track are ignored; each gain is asked for its own track; the settings
// choose the target.
import { describe, expect, it } from 'vitest';
import {
  FIRST_SET_RAMP_SECONDS,
  FIRST_SET_SECONDS,
  MAX_BOOST_DB,
  SLEW_DB_PER_SECOND,
} from '../../../renderer/src/audio/gain-law';
import type { MeterReading } from '../../../renderer/src/audio/meter-core';
import {
  createNormalization,
  targetOf,
  UPDATE_EVERY_SECONDS,
  type TrackLoudness,
} from '../../../renderer/src/audio/normalization';
import { settingsView } from '../../helpers/settings';

interface GainCall {
  trackId: number | null;
  db: number;
  ramp: number;
  at: number;
}

function world(
  remembered: Record<number, TrackLoudness> = {},
  recall: (trackId: number) => Promise<TrackLoudness | null> = (trackId) =>
    Promise.resolve(remembered[trackId] ?? null),
) {
  let now = 0;
  const calls: GainCall[] = [];
  const resets: number[] = [];
  const kept: [number, TrackLoudness][] = [];
  const normalization = createNormalization({
    graph: {
      setTrackGain: (trackId, db, ramp) => calls.push({ trackId, db, ramp, at: now }),
      resetMeasure: (generation) => resets.push(generation),
    },
    recall,
    remember: (trackId, loudness) => kept.push([trackId, loudness]),
    now: () => now,
  });
  /** Plays `seconds` of a track measuring `integrated` LUFS (and `mean`), a reading every 100 ms. */
  const play = (seconds: number, integrated: number, from = 0, mean = integrated): void => {
    for (let s = 0.1; s <= seconds + 1e-9; s += 0.1) {
      now += 100;
      const reading: MeterReading = {
        type: 'reading',
        generation: resets.at(-1) ?? 0,
        momentary: integrated,
        shortTerm: integrated,
        integrated,
        mean,
        seconds: from + s,
        peakDb: integrated + 3,
        maxPeakDb: integrated + 3,
      };
      normalization.reading(reading);
    }
  };
  const advance = (ms: number): void => {
    now += ms;
  };
  return { normalization, calls, resets, kept, play, advance, settle: () => Promise.resolve() };
}

describe('loudness normalization', () => {
  it('starts a remembered track at its gain from the first moment', async () => {
    const w = world({ 7: { integratedLufs: -8, truePeakDb: -1 } });
    w.normalization.setTarget(-14);
    w.normalization.setTrack(7);
    await w.settle();
    expect(w.calls.at(-1)).toMatchObject({ trackId: 7, db: -6 });
    expect(w.calls.at(-1)?.ramp).toBeLessThan(0.1);
  });

  it('starts a track measured earlier on the page at its gain at once, whatever main answers', async () => {
    const asked: number[] = [];
    // Main knows nothing (its answer lost, or late): the page's own measurement is enough.
    const w = world({}, (trackId) => {
      asked.push(trackId);
      return new Promise(() => undefined);
    });
    w.normalization.setTarget(-14);
    w.normalization.setTrack(4);
    w.play(6, -8);
    w.normalization.setTrack(5);
    w.play(6, -20);
    const before = w.calls.length;
    w.normalization.setTrack(4);
    expect(w.calls.slice(before)).toEqual([
      { trackId: 4, db: -6, ramp: expect.any(Number), at: expect.any(Number) },
    ]);
    expect(w.calls.at(-1)!.ramp).toBeLessThan(0.1);
    // Main is not asked again for what the page knows.
    expect(asked).toEqual([4, 5]);
    await w.settle();
    expect(w.normalization.gainDb()).toBe(-6);
  });

  it('measures a track as a first play when main cannot answer', async () => {
    const w = world({}, () => Promise.reject(new Error('main is gone')));
    w.normalization.setTarget(-14);
    w.normalization.setTrack(3);
    await w.settle();
    w.play(FIRST_SET_SECONDS + 0.1, -4);
    expect(w.calls.at(-1)).toMatchObject({ trackId: 3, db: -10 });
  });

  it('asks each gain for the track it is for, so a change of track leaves the last one at its own', () => {
    const w = world();
    w.normalization.setTarget(-14);
    w.normalization.setTrack(1);
    w.play(5, -4);
    expect(w.calls.filter((c) => c.db !== 0).every((c) => c.trackId === 1)).toBe(true);
    w.normalization.setTrack(2);
    expect(w.calls.at(-1)).toMatchObject({ trackId: 2, db: 0 });
    w.normalization.setTrack(null);
    expect(w.calls.at(-1)).toMatchObject({ trackId: null, db: 0 });
  });

  it('sets a first play by one quick ramp once its first seconds are heard, then only glides', () => {
    const w = world();
    w.normalization.setTarget(-14);
    w.normalization.setTrack(1);
    w.play(FIRST_SET_SECONDS - 0.2, -4);
    expect(w.calls.every((c) => c.db === 0)).toBe(true);
    w.play(0.3, -4, FIRST_SET_SECONDS - 0.2);
    const set = w.calls.at(-1)!;
    expect(set.db).toBe(-10);
    expect(set.ramp).toBe(FIRST_SET_RAMP_SECONDS);
    // Quick, but a ramp of a few hundred milliseconds: a move, not a click.
    expect(set.ramp).toBeGreaterThanOrEqual(0.1);
    expect(set.ramp).toBeLessThanOrEqual(0.5);

    // The measurement then says the track is 2 dB louder: the gain follows slowly.
    w.play(30, -2, FIRST_SET_SECONDS + 0.1);
    const moves = w.calls.slice(w.calls.indexOf(set));
    expect(moves.length).toBeGreaterThan(2);
    // At most every UPDATE_EVERY_SECONDS, each by a ramp as long as the wait, never faster than the slew.
    for (let i = 1; i < moves.length; i++) {
      const gap = (moves[i]!.at - moves[i - 1]!.at) / 1000;
      expect(gap).toBeGreaterThanOrEqual(UPDATE_EVERY_SECONDS - 1e-9);
      expect(moves[i]!.ramp).toBeCloseTo(gap, 6);
      expect(Math.abs(moves[i]!.db - moves[i - 1]!.db)).toBeLessThanOrEqual(SLEW_DB_PER_SECOND * gap + 1e-9);
    }
    expect(w.normalization.gainDb()).toBeCloseTo(-12, 6);
  });

  it('sets a first play by the mean of its first seconds, and glides to the gated figure once it has run long', () => {
    const w = world();
    w.normalization.setTarget(-14);
    w.normalization.setTrack(1);
    // A short measurement's gated figure leans on the middle of its stretch: its mean is what the ear had.
    w.play(FIRST_SET_SECONDS, -12, 0, -10);
    expect(w.normalization.gainDb()).toBe(-4);
    w.play(30, -12, FIRST_SET_SECONDS, -10);
    expect(w.normalization.gainDb()).toBeCloseTo(-2, 6);
  });

  it('counts only the sound toward the first setting (each audible reading’s 400 ms), not the silence before', () => {
    const w = world();
    w.normalization.setTarget(-14);
    w.normalization.setTrack(1);
    w.play(5, Number.NEGATIVE_INFINITY);
    // The first audible reading's window may hold 400 ms of sound: 0.4 s, then 0.1 s a reading.
    w.play(FIRST_SET_SECONDS - 0.5, -20, 5);
    expect(w.normalization.gainDb()).toBe(0);
    w.play(0.3, -20, 5 + FIRST_SET_SECONDS - 0.5);
    expect(w.normalization.gainDb()).toBe(6);
  });

  it('brings two first plays 12 dB apart within 1 dB of the target by 5 s, each at most +6 dB', () => {
    for (const loudness of [-9, -21, -17.5]) {
      const w = world();
      w.normalization.setTarget(-23);
      w.normalization.setTrack(1);
      // A real start is uneven: the first seconds a little quieter than the rest.
      w.play(1, loudness - 1.5);
      w.play(4, loudness, 1);
      const gain = w.normalization.gainDb();
      expect(gain).toBeLessThanOrEqual(MAX_BOOST_DB);
      expect(Math.abs(loudness + gain - -23)).toBeLessThanOrEqual(1);
    }
  });

  it('never boosts by more than 6 dB', () => {
    const w = world();
    w.normalization.setTarget(-14);
    w.normalization.setTrack(2);
    w.play(30, -40);
    expect(w.normalization.gainDb()).toBe(MAX_BOOST_DB);
    expect(Math.max(...w.calls.map((c) => c.db))).toBe(MAX_BOOST_DB);
  });

  it('reaches the target the settings choose, and does nothing when off', () => {
    const w = world({ 3: { integratedLufs: -10, truePeakDb: 0 } });
    w.normalization.setTarget(-23);
    w.normalization.setTrack(3);
    w.play(20, -10);
    expect(w.normalization.gainDb()).toBeCloseTo(-13, 6);
    w.normalization.setTarget(null);
    expect(w.calls.at(-1)).toMatchObject({ db: 0 });
    expect(w.calls.at(-1)!.ramp).toBeGreaterThanOrEqual(0.5);
  });

  it('remembers a measurement once it has run long enough, and when the track changes', () => {
    const w = world();
    w.normalization.setTarget(-14);
    w.normalization.setTrack(4);
    w.play(9.5, -12);
    expect(w.kept).toEqual([]);
    w.play(1, -12, 9.5);
    expect(w.kept).toEqual([[4, { integratedLufs: -12, truePeakDb: -9 }]]);
    w.play(5, -11, 10.5);
    w.normalization.setTrack(5);
    expect(w.kept.at(-1)).toEqual([4, { integratedLufs: -11, truePeakDb: -8 }]);
  });

  it('remembers nothing of silence or of a few seconds', () => {
    const w = world();
    w.normalization.setTarget(-14);
    w.normalization.setTrack(8);
    w.play(20, Number.NEGATIVE_INFINITY);
    w.normalization.setTrack(9);
    w.play(2, -12);
    w.normalization.setTrack(10);
    expect(w.kept).toEqual([]);
  });

  it('starts a new measurement for each track and ignores readings of the one before', async () => {
    const w = world({ 6: { integratedLufs: -20, truePeakDb: -6 } });
    w.normalization.setTarget(-14);
    w.normalization.setTrack(5);
    w.normalization.setTrack(6);
    await w.settle();
    expect(w.resets).toEqual([1, 2]);
    const stale: MeterReading = {
      type: 'reading',
      generation: 1,
      momentary: -2,
      shortTerm: -2,
      integrated: -2,
      mean: -2,
      seconds: 60,
      peakDb: 0,
      maxPeakDb: 0,
    };
    w.advance(5_000);
    w.normalization.reading(stale);
    expect(w.normalization.gainDb()).toBe(6);
    // The same loudness measured on this track would have moved it.
    w.play(5, -2);
    expect(w.normalization.gainDb()).toBeLessThan(6);
  });
});

describe('targetOf', () => {
  it.each([
    [null, -14],
    [settingsView(), -14],
    [settingsView({ loudnessTarget: -18 }), -18],
    [settingsView({ normalizeLoudness: true, loudnessTarget: -23 }), -23],
    [settingsView({ normalizeLoudness: false, loudnessTarget: -23 }), null],
  ] as const)('%j → %s', (settings, expected) => {
    expect(targetOf(settings)).toBe(expected);
  });
});
