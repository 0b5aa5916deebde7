// The engine preparing the next track near the end of the current one, and handing over to it.
import { describe, expect, it, vi } from 'vitest';
import { useEngineWorld } from './engine-world';
import { type FakeHowl, flush } from './fakes';

const world = useEngineWorld();
const { sounds, issue, setup, holdNextGrant, latest, startPlaying } = world;

/** The playing sound moved to `seconds` and sampled once by the engine (which may then ask ahead). */
async function sampleAt(seconds: number): Promise<void> {
  latest().position = seconds;
  vi.advanceTimersByTime(300);
  await flush();
}

/** Plays track 1 of `tracks`, and lets the engine prepare track 2 at `at` s in (its sound made, not playing). */
async function preparedSecond(options: { tracks?: number; ttlMs?: number; at?: number } = {}) {
  const store = await startPlaying({ tracks: options.tracks ?? 3, ttlMs: options.ttlMs ?? 300_000 });
  latest().emit('play');
  await sampleAt(options.at ?? 45);
  expect(sounds).toHaveLength(2);
  return { store, current: sounds[0] as FakeHowl, next: sounds[1] as FakeHowl };
}

describe('engine: preparing the next track', () => {
  it('asks for the next track’s grant once, about 20 s before the current one ends', async () => {
    await startPlaying({ tracks: 3 });
    expect(world.api.getStream.mock.calls.map(([arg]) => arg.trackId)).toEqual([1]);
    await sampleAt(30); // 30 s into a 60 s track: too early
    expect(world.api.getStream).toHaveBeenCalledTimes(1);
    await sampleAt(41);
    await sampleAt(45);
    expect(world.api.getStream.mock.calls.map(([arg]) => arg.trackId)).toEqual([1, 2]);
  });

  it('waits for the current track’s grant before preparing, even near the end', async () => {
    const store = await setup({ tracks: 2, ttlMs: 8_000 });
    // Restored 4 s before the end of track 1; main is slow to answer for it.
    store.setState({ currentId: store.getState().items[0]?.id ?? null, restoredPosition: 56 });
    const answer = holdNextGrant();
    store.getState().play();
    vi.advanceTimersByTime(1_000);
    await flush();
    expect(world.api.getStream.mock.calls.map(([arg]) => arg.trackId)).toEqual([1]);
    // With the grant in, the lead is a quarter of its 8 s life: 4 s before the end is still too early.
    answer(issue(8_000));
    await flush();
    vi.advanceTimersByTime(1_000);
    await flush();
    expect(world.api.getStream).toHaveBeenCalledTimes(1);
  });

  it('prepares nothing for the last track without repeat, nor while paused', async () => {
    const store = await setup({ tracks: 2 });
    store.getState().play(store.getState().items[1]?.id);
    await flush();
    await sampleAt(50);
    store.getState().pause();
    store.getState().play(store.getState().items[0]?.id);
    await flush();
    store.getState().pause();
    await sampleAt(55);
    expect(world.api.getStream.mock.calls.map(([arg]) => arg.trackId)).toEqual([2, 1]);
  });
});

describe('engine: the prepared next track', () => {
  /** The prepared sound `next` was dropped, and track 3 plays on a sound of its own. */
  function expectThirdFresh(next: FakeHowl): void {
    expect(next.unloaded).toBe(true);
    expect(latest()).not.toBe(next);
    expect(latest().options.src).toBe('http://media/3.mp3');
    expect(latest().calls).toEqual(['play']);
  }

  it('loads the next track’s sound without playing it, then starts that very sound when the track ends', async () => {
    const { store, current, next } = await preparedSecond();
    expect(next.options.src).toBe('http://media/2.mp3');
    expect(next.calls).toEqual([]);
    current.emit('end');
    expect(store.getState().items.findIndex((i) => i.id === store.getState().currentId)).toBe(1);
    // Synchronously, within the 'end' event: no grant to wait for, no new sound.
    expect(next.calls).toEqual(['play']);
    expect(current.unloaded).toBe(true);
    await flush();
    expect(sounds).toHaveLength(2);
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
  });

  it('starts the prepared sound when the listener skips to it with Next, too', async () => {
    const { store, next } = await preparedSecond();
    store.getState().next();
    expect(next.calls).toEqual(['play']);
  });

  it('drops the prepared sound when another track is chosen, and plays that one from a fresh grant', async () => {
    const { store, next } = await preparedSecond();
    store.getState().play(store.getState().items[2]?.id);
    await flush();
    expectThirdFresh(next);
  });

  it('fetches a fresh grant instead when the prepared one has aged into the safety margin', async () => {
    const { current, next } = await preparedSecond();
    world.now += 290_000; // paused over lunch at the end of track 1: the prepared grant is nearly dead
    current.emit('end');
    await flush();
    expectThirdFresh(next);
  });

  it('starts the ordinary way when the prepared sound failed to load', async () => {
    const { current, next } = await preparedSecond();
    next.emit('loaderror');
    expect(next.unloaded).toBe(true);
    current.emit('end');
    await flush();
    expectThirdFresh(next);
  });

  it('ignores a prepared grant that arrives after the listener moved on', async () => {
    const store = await startPlaying({ tracks: 3 });
    const answer = holdNextGrant();
    await sampleAt(45);
    store.getState().play(store.getState().items[2]?.id);
    await flush();
    answer(issue(300_000));
    await flush();
    // Track 1's sound and track 3's: none was built for the late grant of track 2.
    expect(sounds.map((s) => s.options.src)).toEqual(['http://media/1.mp3', 'http://media/2.mp3']);
    expect(latest().calls).toEqual(['play']);
  });

  it('prepares earlier than a short grant’s lifetime allows: a quarter of it before the end', async () => {
    await startPlaying({ tracks: 2, ttlMs: 8_000 });
    await sampleAt(57); // 3 s before the end: more than a quarter of 8 s
    expect(world.api.getStream).toHaveBeenCalledTimes(1);
    await sampleAt(58.2);
    expect(world.api.getStream.mock.calls.map(([arg]) => arg.trackId)).toEqual([1, 2]);
  });
});

describe('engine: the next track on a slow link', () => {
  it('is prepared twice as long before the end as the current track took to load', async () => {
    await startPlaying({ tracks: 2, ttlMs: 8_000 });
    world.now += 4_500;
    latest().emit('load'); // 4.5 s to load: the lead is 9 s, not a quarter of the 8 s grant
    latest().emit('play');
    await sampleAt(50.5);
    expect(world.api.getStream).toHaveBeenCalledTimes(1);
    await sampleAt(51.2);
    expect(world.api.getStream.mock.calls.map(([arg]) => arg.trackId)).toEqual([1, 2]);
  });

  it('starts a prepared sound that has loaded at once, though its grant has aged into its margin', async () => {
    const { current, next } = await preparedSecond({ tracks: 2, ttlMs: 8_000, at: 58.5 });
    next.emit('load');
    world.now += 5_000; // 3 s left of the next track's 8 s grant: inside its 4 s margin, not expired
    current.emit('end');
    expect(next.calls).toEqual(['play']);
    await flush();
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
  });

  it('asks afresh for a prepared sound that has loaded once its grant has expired', async () => {
    const { current, next } = await preparedSecond({ tracks: 2, ttlMs: 8_000, at: 58.5 });
    next.emit('load');
    world.now += 8_000;
    current.emit('end');
    await flush();
    expect(next.unloaded).toBe(true);
    expect(world.api.getStream).toHaveBeenCalledTimes(3);
    expect(latest().calls).toEqual(['play']);
  });
});
