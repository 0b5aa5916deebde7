// The audio benchmarks' arithmetic: the audio threads' CPU share between two readings of /proc, and the
// hand-over times read from the audio elements' events.
import { describe, expect, it } from 'vitest';
import { elementGaps } from '../bench/audio-gap';
import { audioLoad, type ThreadTimes } from '../bench/audio-threads';

const times = (entries: [string, string, number][]): ThreadTimes =>
  new Map(entries.map(([key, name, ms]) => [key, { name, ms }]));

describe('audioLoad', () => {
  it('is the audio threads’ CPU over the span as a share of one core, the worklet thread apart', () => {
    const before = times([
      ['9/1', 'AudioOutputDevi', 100],
      ['9/2', 'Realtime AudioW', 50],
      ['9/4', 'AudioOutputDevi', 10],
    ]);
    // 9/3 started during the span (it counts from zero); 9/4 did not run (it is left out).
    const after = times([
      ['9/1', 'AudioOutputDevi', 110],
      ['9/2', 'Realtime AudioW', 90],
      ['9/3', 'AudioOutputDevi', 30],
      ['9/4', 'AudioOutputDevi', 10],
    ]);
    const load = audioLoad(before, after, 2_000);
    expect(load.totalPercent).toBeCloseTo(4);
    expect(load.workletPercent).toBeCloseTo(2);
    expect(load.threads).toBe('AudioOutputDevi 0.50, Realtime AudioW 2.00, AudioOutputDevi 1.50');
  });
});

describe('elementGaps', () => {
  it('runs from each stream’s end to the next one’s first playing, negative when it started before', () => {
    const gaps = elementGaps([
      { type: 'playing', src: 'a', at: 0 },
      { type: 'playing', src: 'b', at: 990 },
      { type: 'ended', src: 'a', at: 1_000 },
      // 'b' plays again after a seek: its first 'playing' counts.
      { type: 'playing', src: 'b', at: 1_500 },
      { type: 'ended', src: 'b', at: 2_000 },
      { type: 'playing', src: 'c', at: 2_030 },
    ]);
    expect(gaps).toEqual([-10, 30]);
  });
});
