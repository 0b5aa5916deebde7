// The engine at other speeds: every sound plays at its own track's speed (the prepared next one too, and a
// change reaches the playing sound at once); the next track is prepared and started early by wall time, not
// media time; and "stop after this track" leaves the next one chosen, loaded and silent.
import { describe, expect, it, vi } from 'vitest';
import type { AppStore } from '../../../renderer/src/store';
import { mediaLeftWhenNextStarts, soundsOf, useEngineWorld } from './engine-world';
import { FakeHowl, flush } from './fakes';

const world = useEngineWorld();

/** A FakeHowl that records the speeds it is given, knows its media's length and can always play at once. */
class RatedSound extends FakeHowl {
  readonly rates: number[] = [];
  length = 60;
  rate(rate: number): void {
    this.rates.push(rate);
  }
  duration(): number {
    return this.length;
  }
  ready(): boolean {
    return true;
  }
}

/** `tracks` tracks (60 s; those in `long` an hour), the engine on RatedSounds, track 1 playing. */
async function playingAt(
  speeds: { long: number; other: number },
  options: { tracks?: number; long?: readonly number[] } = {},
): Promise<{ store: AppStore; made: RatedSound[] }> {
  const store = await world.setup({ tracks: options.tracks ?? 3 });
  const long = new Set(options.long ?? []);
  store.setState((state) => ({
    speeds,
    items: state.items.map((item, index) =>
      item.track !== undefined && long.has(index + 1)
        ? { ...item, track: { ...item.track, durationMs: 3_600_000 } }
        : item,
    ),
  }));
  const { made, create } = soundsOf(RatedSound);
  world.restartEngine(store, { createSound: create });
  await world.playNow(store);
  made[0]?.emit('play');
  return { store, made };
}

/** The first sound moved to `seconds` and sampled once. */
async function sampleAt(made: RatedSound[], seconds: number): Promise<void> {
  const current = made[0] as RatedSound;
  current.position = seconds;
  await vi.advanceTimersByTimeAsync(250);
  await flush();
}

const trackIdsAsked = (): number[] => world.api.getStream.mock.calls.map(([arg]) => arg.trackId);

describe('engine: playback speed', () => {
  it('plays each sound at its own track’s speed, and a change reaches the playing sound at once', async () => {
    const { store, made } = await playingAt({ long: 1, other: 1.5 });
    expect(made[0]?.rates.at(-1)).toBe(1.5);
    store.getState().setSpeed(2);
    expect(made[0]?.rates.at(-1)).toBe(2);
    // The other kind's speed leaves this sound's as it is.
    store.setState({ speeds: { ...store.getState().speeds, long: 0.5 } });
    expect(made[0]?.rates.at(-1)).toBe(2);
  });

  it('prepares the next track at its own kind’s speed, and moves it when the speeds change', async () => {
    const { store, made } = await playingAt({ long: 0.75, other: 2 }, { long: [2] });
    await sampleAt(made, 30); // 30 s of media left: 15 s at 2×, inside the 20 s lead
    expect(trackIdsAsked()).toEqual([1, 2]);
    const next = made[1] as RatedSound;
    expect(made[0]?.rates.at(-1)).toBe(2);
    expect(next.rates.at(-1)).toBe(0.75);
    store.setState({ speeds: { long: 1.25, other: 2 } });
    expect(next.rates.at(-1)).toBe(1.25);
    expect(made[0]?.rates.at(-1)).toBe(2);
  });

  it('counts the time left in wall time: at 1× 30 s before the end is too early to prepare', async () => {
    const { made } = await playingAt({ long: 1, other: 1 });
    await sampleAt(made, 30);
    expect(trackIdsAsked()).toEqual([1]);
    await sampleAt(made, 41);
    expect(trackIdsAsked()).toEqual([1, 2]);
  });

  it('starts a loaded next sound 30 ms of wall time before the end at 2× (60 ms of media)', async () => {
    const { made } = await playingAt({ long: 1, other: 2 });
    await sampleAt(made, 45);
    const current = made[0] as RatedSound;
    const next = made[1] as RatedSound;
    // 600 ms of media left, 300 ms of wall time: sampled within the next 250 ms, as the audio moves on at 2×.
    current.position = 59.4;
    const left = await mediaLeftWhenNextStarts(current, next, 60, 0.02);
    expect(next.calls).toEqual(['play']);
    // 30 ms of wall time at 2× is 60 ms of media, within a step.
    expect(left).toBeGreaterThan(0.035);
    expect(left).toBeLessThan(0.09);
  });
});

describe('engine: stop after this track', () => {
  it('never starts the prepared next track early; at the end it is chosen, paused, and plays on Play', async () => {
    const { store, made } = await playingAt({ long: 1, other: 1 });
    await sampleAt(made, 45);
    store.getState().setStopAfterCurrent(true);
    const current = made[0] as RatedSound;
    const next = made[1] as RatedSound;
    current.position = 59.7;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(next.calls).toEqual([]);
    current.emit('end');
    await flush();
    expect(store.getState().playing).toBe(false);
    expect(store.getState().stopAfterCurrent).toBe(false);
    expect(store.getState().items.findIndex((i) => i.id === store.getState().currentId)).toBe(1);
    expect(next.calls).toEqual([]);
    store.getState().play();
    await flush();
    // The prepared sound itself, without another grant.
    expect(next.calls).toEqual(['play']);
    expect(trackIdsAsked()).toEqual([1, 2]);
  });

  it('on a queue of one track with repeat on, stops at its start and plays it again on Play', async () => {
    const { store, made } = await playingAt({ long: 1, other: 1 }, { tracks: 1 });
    store.getState().cycleRepeat();
    store.getState().setStopAfterCurrent(true);
    made[0]?.emit('end');
    await flush();
    expect(store.getState().playing).toBe(false);
    store.getState().play();
    await flush();
    expect(made.at(-1)?.calls).toContain('play');
    expect(made.at(-1)?.unloaded).toBe(false);
  });
});

describe('engine: the sleep timer’s fade', () => {
  it('scales the output volume, never the listener’s own, and pauses at full volume restored', async () => {
    const volumes: number[] = [];
    const { store } = await playingAt({ long: 1, other: 1 });
    world.restartEngine(store, { setVolume: (v) => volumes.push(v) });
    store.getState().setVolume(0.8);
    store.setState({ sleepGain: 0.5 });
    expect(volumes.at(-1)).toBeCloseTo(0.4);
    expect(store.getState().volume).toBe(0.8);
    store.setState({ sleepGain: 1 });
    expect(volumes.at(-1)).toBeCloseTo(0.8);
  });
});
