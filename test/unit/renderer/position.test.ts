// The playing position's source: its listeners hear of a new position or length, never of an unchanged tick
// (the engine reports one many times a second), and no more once they leave.
import { describe, expect, it, vi } from 'vitest';
import { createPositionSource } from '../../../renderer/src/player/position';

describe('the playing position', () => {
  it('tells its listeners of each change and of nothing else', () => {
    const source = createPositionSource();
    const listener = vi.fn();
    const leave = source.subscribe(listener);
    source.set({ position: 0, duration: 0 });
    expect(listener).not.toHaveBeenCalled();
    source.set({ position: 1.5, duration: 60 });
    source.set({ position: 1.5, duration: 60 });
    expect(listener).toHaveBeenCalledTimes(1);
    source.set({ position: 1.5, duration: 61 });
    expect(listener).toHaveBeenCalledTimes(2);
    expect(source.get()).toEqual({ position: 1.5, duration: 61 });
    leave();
    source.set({ position: 2, duration: 61 });
    expect(listener).toHaveBeenCalledTimes(2);
    expect(source.get()).toEqual({ position: 2, duration: 61 });
  });
});
