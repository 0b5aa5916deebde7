// A tap read on the page: what the audio thread rendered since the last read, each sample once, both channels
// after a speaker up-mix (a mono track reads on both), at most the analysers' window after a late read.
import { describe, expect, it } from 'vitest';
import { createTapReader, TAP_FRAMES } from '../../../renderer/src/audio/meter-tap';
import { FakeAudioContext, reaches, type FakeNode } from './fake-audio-context';

function tapped() {
  const context = new FakeAudioContext();
  const point = context.createGain();
  const reader = createTapReader(context as unknown as BaseAudioContext, point as unknown as AudioNode);
  // Each analyser's window gives the frame's number, so a read shows which frames it took.
  context.analysers.forEach((analyser, channel) => (analyser.signal = (frame) => frame + channel / 10));
  const advance = (frames: number): void => {
    context.currentTime += frames / context.sampleRate;
  };
  return { context, point, reader, advance };
}

describe('a tap reader', () => {
  it('hangs an analyser per channel off the point, after an up-mix of it to two channels by the speaker rules', () => {
    const { context, point } = tapped();
    expect(context.analysers).toHaveLength(2);
    expect(context.analysers.every((analyser) => reaches(point, analyser))).toBe(true);
    const upmix = [...point.outputs][0] as FakeNode;
    expect([upmix.channelCount, upmix.channelCountMode, upmix.channelInterpretation]).toEqual([
      2,
      'explicit',
      'speakers',
    ]);
    expect(context.analysers.every((analyser) => analyser.fftSize === TAP_FRAMES)).toBe(true);
  });

  it('reads each rendered frame once, in order, per channel', () => {
    const { reader, advance } = tapped();
    advance(4410);
    const [left, right] = reader.read();
    expect(left).toHaveLength(4410);
    expect([left![0], left!.at(-1)]).toEqual([0, 4409]);
    expect(right![0]).toBeCloseTo(0.1, 6);
    advance(300);
    expect(Array.from(reader.read()[0]!.subarray(0, 2))).toEqual([4410, 4411]);
    // Nothing rendered since (a suspended context): nothing read.
    expect(reader.read().map((channel) => channel.length)).toEqual([0, 0]);
  });

  it('takes the latest window after a read too late for all of it, and goes on from there', () => {
    const { reader, advance } = tapped();
    advance(TAP_FRAMES + 1_000);
    const [late] = reader.read();
    expect(late).toHaveLength(TAP_FRAMES);
    expect(late![0]).toBe(1_000);
    advance(10);
    expect(reader.read()[0]![0]).toBe(TAP_FRAMES + 1_000);
  });
});
