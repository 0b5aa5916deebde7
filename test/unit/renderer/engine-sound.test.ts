// The engine and the playing sound: seek, volume, a restored position, what howler drops before playback
// starts, and the stall watchdog.
import { describe, expect, it, vi } from 'vitest';
import type { AppStore } from '../../../renderer/src/store';
import { useEngineWorld } from './engine-world';
import { flush } from './fakes';

const world = useEngineWorld();
const { sounds, setup, restartEngine, latest, startPlaying, playNow } = world;

describe('engine: seek, volume and a restored position', () => {
  function withVolume(store: AppStore): ReturnType<typeof vi.fn<(v: number) => void>> {
    const setVolume = vi.fn<(v: number) => void>();
    restartEngine(store, { setVolume });
    return setVolume;
  }

  it('seeks the playing sound when its grant is good', async () => {
    const store = await startPlaying();
    store.getState().seek(42);
    expect(latest().calls).toEqual(['play', 'seek:42']);
    expect(world.api.getStream).toHaveBeenCalledTimes(1);
  });

  it('never seeks on a grant about to expire: a fresh grant, rebuilt at the new position', async () => {
    const store = await startPlaying({ ttlMs: 4_000 });
    world.now += 3_000;
    store.getState().seek(30);
    await flush();
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    expect(sounds[0]?.unloaded).toBe(true);
    expect(latest().calls).toEqual(['seek:30', 'play']);
  });

  it('sets the output volume, and 0 while muted', async () => {
    const store = await setup();
    const setVolume = withVolume(store);
    expect(setVolume).toHaveBeenLastCalledWith(1);
    store.getState().setVolume(0.4);
    expect(setVolume).toHaveBeenLastCalledWith(0.4);
    store.getState().toggleMute();
    expect(setVolume).toHaveBeenLastCalledWith(0);
    store.getState().toggleMute();
    expect(setVolume).toHaveBeenLastCalledWith(0.4);
  });

  it('starts a restored track at its saved position', async () => {
    const store = await setup();
    store.setState({ currentId: store.getState().items[1]?.id ?? null, restoredPosition: 33.5 });
    await playNow(store);
    expect(latest().calls).toEqual(['seek:33.5', 'play']);
  });
});

describe('engine: howler dropping what was asked before playback started', () => {
  it('pauses the sound when it starts after the listener already paused', async () => {
    const store = await startPlaying();
    store.getState().pause();
    const sound = latest();
    sound.isPlaying = true; // howler started it anyway: the queued pause was lost
    sound.emit('play');
    expect(sound.calls.at(-1)).toBe('pause');
    expect(sound.isPlaying).toBe(false);
  });

  it('applies a seek asked for before playback started once it starts', async () => {
    const store = await startPlaying();
    store.getState().seek(17);
    latest().position = 0; // the queued seek was lost
    latest().emit('play');
    expect(latest().position).toBe(17);
    expect(latest().isPlaying).toBe(true);
  });

  it('leaves a started sound alone when it reports playing again', async () => {
    const store = await startPlaying();
    latest().emit('play');
    store.getState().seek(5);
    latest().emit('play');
    expect(latest().calls.filter((c) => c === 'seek:5')).toHaveLength(1);
  });
});

describe('engine: the stall watchdog', () => {
  async function playingWithWatchdog(online: { value: boolean }) {
    const store = await setup();
    restartEngine(store, { stallMs: 5_000, isOnline: () => online.value });
    store.getState().play();
    await flush();
    latest().position = 12;
    latest().emit('play');
    vi.advanceTimersByTime(300);
    return store;
  }

  it('rebuilds at the same place when playing shows no progress for 5 s while online', async () => {
    await playingWithWatchdog({ value: true });
    world.now += 5_100;
    vi.advanceTimersByTime(300);
    await flush();
    expect(sounds).toHaveLength(2);
    expect(latest().calls).toEqual(['seek:12', 'play']);
  });

  it('leaves a sound alone that keeps moving', async () => {
    await playingWithWatchdog({ value: true });
    for (let i = 0; i < 10; i++) {
      world.now += 1_000;
      latest().position += 1;
      vi.advanceTimersByTime(300);
    }
    await flush();
    expect(sounds).toHaveLength(1);
  });

  it('replaces the URL at once when playback runs out of data on an expired grant', async () => {
    const store = await setup({ ttlMs: 6_000 });
    restartEngine(store, { stallMs: 5_000 });
    store.getState().play();
    await flush();
    latest().emit('play');
    latest().position = 4;
    vi.advanceTimersByTime(300);
    world.now += 4_000; // 2 s left of a 6 s grant: inside its margin
    latest().emit('waiting');
    await flush();
    expect(sounds).toHaveLength(2);
    expect(latest().calls).toEqual(['seek:4', 'play']);
    expect(world.api.getStream.mock.calls[1]?.[0]).toEqual({ trackId: 1, fresh: true });
  });

  it('leaves a sound waiting for data on a good grant to the watchdog', async () => {
    await startPlaying();
    latest().emit('play');
    latest().emit('waiting');
    await flush();
    expect(sounds).toHaveLength(1);
  });

  it('does not count a stall while offline, or while paused', async () => {
    const online = { value: false };
    const store = await playingWithWatchdog(online);
    world.now += 10_000;
    vi.advanceTimersByTime(300);
    store.getState().pause();
    online.value = true;
    world.now += 10_000;
    vi.advanceTimersByTime(300);
    await flush();
    expect(sounds).toHaveLength(1);
  });
});
