// @vitest-environment jsdom
// The Output level meter under the volume slider: a meter on a fixed scale, showing the output's short-term
// loudness and peak while a sound plays, drawn by animation frames only then; and Settings' note when the
// sound's processing is off.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeterReading } from '../../../renderer/src/audio/meter-core';
import { outputLevel, processingStatus } from '../../../renderer/src/audio/output';
import { SoundFields } from '../../../renderer/src/components/SoundFields';
import { VolumeControl } from '../../../renderer/src/components/VolumeControl';
import { StoreContext } from '../../../renderer/src/store/context';
import { createLiveStore, fakeApi } from './fakes';

afterEach(() => {
  cleanup();
  outputLevel.set(null);
  processingStatus.set('on');
  vi.restoreAllMocks();
});

const reading = (shortTerm: number, peakDb: number): MeterReading => ({
  type: 'reading',
  generation: 0,
  momentary: shortTerm,
  shortTerm,
  integrated: shortTerm,
  mean: shortTerm,
  seconds: 10,
  peakDb,
  maxPeakDb: peakDb,
});

/** The volume control on a store, with animation frames run by hand. */
function renderVolume() {
  const frames: FrameRequestCallback[] = [];
  vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback));
  vi.spyOn(window, 'cancelAnimationFrame').mockImplementation(() => undefined);
  const store = createLiveStore(fakeApi({}));
  render(
    <StoreContext.Provider value={store}>
      <VolumeControl />
    </StoreContext.Provider>,
  );
  const runFrames = () => {
    for (const callback of frames.splice(0)) callback(0);
  };
  return { store, frames, runFrames, meter: screen.getByRole('meter', { name: 'Output level' }) };
}

describe('the Output level meter', () => {
  it('is a meter from −60 to 0, silent before anything plays', () => {
    const { meter, frames } = renderVolume();
    expect(meter.getAttribute('aria-valuemin')).toBe('-60');
    expect(meter.getAttribute('aria-valuemax')).toBe('0');
    expect(meter.getAttribute('aria-valuenow')).toBe('-60');
    expect(meter.getAttribute('aria-valuetext')).toBe('Silent');
    expect(frames).toHaveLength(0); // nothing plays: no frames asked
  });

  it('shows the output’s short-term loudness and peak while a sound plays', () => {
    const { meter, store, runFrames, frames } = renderVolume();
    act(() => store.setState({ playing: true }));
    outputLevel.set(reading(-14.26, -3.04));
    runFrames();
    expect(meter.getAttribute('aria-valuenow')).toBe('-14.3');
    expect(meter.getAttribute('aria-valuetext')).toBe('-14.3 LUFS, peak -3.0 dBFS');
    expect(meter.style.getPropertyValue('--level')).toBe(`${((60 - 14.26) / 60) * 100}%`);
    expect(frames).toHaveLength(1); // the next frame is asked for while it plays

    outputLevel.set(reading(-90, -100));
    runFrames();
    expect(meter.getAttribute('aria-valuenow')).toBe('-60');

    act(() => store.setState({ playing: false }));
    expect(frames).toHaveLength(1);
    expect(window.cancelAnimationFrame).toHaveBeenCalled();
  });
});

describe('Settings’ Sound group', () => {
  const values = { normalizeLoudness: true, loudnessTarget: -14 } as const;

  it('has the Normalize loudness switch with the target beside it', () => {
    render(<SoundFields values={values} onChange={() => undefined} />);
    expect(screen.getByRole('switch', { name: 'Normalize loudness' })).toHaveProperty('checked', true);
    expect(screen.getByRole('combobox', { name: 'Loudness target' })).toHaveProperty('value', '-14');
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('says when sound processing is off, and why', () => {
    processingStatus.set('unreadable');
    render(<SoundFields values={{ ...values, normalizeLoudness: false }} onChange={() => undefined} />);
    expect(screen.getByRole('note').textContent).toMatch(/^Sound processing is off: .*MP3 download/);
    expect(screen.getByRole('combobox', { name: 'Loudness target' })).toHaveProperty('disabled', true);
  });
});
