// The engine's crossfade: the prepared next track starts the setting's seconds of wall time before the end
// (at 1× and at 2×) with the two levels crossing, the queue moving on as the fade starts; a skip fades the old
// sound out in 150 ms; a set's neighbours stay gapless, "stop after this track" stops; a recovery of the
// incoming track during the fade keeps its ramp; pause ends the fade.
import { describe, expect, it, vi } from 'vitest';
import { settingsView } from '../../helpers/settings';
import {
  idOf,
  playOn,
  playingWith as playingIn,
  recordingFader,
  type Playing,
  type PlayingOptions,
  type ReadySound,
} from './crossfade-world';
import { useEngineWorld } from './engine-world';
import { flush, type FakeHowl } from './fakes';

const world = useEngineWorld();

const playingWith = (seconds: number, options: PlayingOptions<ReadySound> = {}): Promise<Playing> =>
  playingIn(world, seconds, options);

describe('engine: crossfade into the next track', () => {
  it('at 1×, starts the next track 4 s before the end on equal-power ramps, the queue on it at once', async () => {
    const { store, made, fader } = await playingWith(4);
    await playOn(made, 40, 1, () => made.length > 1);
    const [current, next] = made as [ReadySound, ReadySound];
    expect(next.calls).toEqual([]);
    await playOn(made, current.position, 1, () => next.calls.includes('play'));
    const left = 60 - current.position;
    expect(left).toBeGreaterThan(3.9);
    expect(left).toBeLessThan(4.1);
    expect(fader.of(next)).toEqual([{ sound: next, from: 0, to: 1, seconds: expect.closeTo(left, 1) }]);
    expect(fader.of(current)).toEqual([
      { sound: current, from: null, to: 0, seconds: expect.closeTo(left, 1) },
    ]);
    // The queue (so the window and the media controls) is on the incoming track from the fade's start.
    expect(store.getState().currentId).toBe(idOf(store, 1));
    expect(store.getState().playing).toBe(true);
    // The outgoing sound plays out its fade, then goes.
    expect(current.unloaded).toBe(false);
    await vi.advanceTimersByTimeAsync(left * 1000 - 50);
    expect(current.unloaded).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(current.unloaded).toBe(true);
    expect(next.unloaded).toBe(false);
  });

  it('at 2×, prepares early enough and starts 4 s of wall time (8 s of media) before the end', async () => {
    const { made, fader } = await playingWith(4, { speed: 2 });
    // 40 s of media left at 2× is 20 s of wall time: the 20 s lead plus the 4 s of the fade reaches it.
    await playOn(made, 12, 2, () => made.length > 1);
    const [current, next] = made as [ReadySound, ReadySound];
    expect(60 - current.position).toBeGreaterThan(46);
    expect(60 - current.position).toBeLessThan(48.1);
    await playOn(made, current.position, 2, () => next.calls.includes('play'));
    expect(60 - current.position).toBeGreaterThan(7.8);
    expect(60 - current.position).toBeLessThan(8.2);
    expect(fader.of(next)[0]?.seconds).toBeCloseTo((60 - current.position) / 2, 1);
  });

  it('with 0 s, changes track as before: no fade, the next one started at the very end', async () => {
    const { made, fader } = await playingWith(0);
    await playOn(made, 45, 1, () => (made[1]?.calls.length ?? 0) > 0);
    expect(60 - (made[0]?.position ?? 0)).toBeLessThan(0.1);
    expect(fader.calls).toEqual([]);
  });

  it('keeps a set’s neighbours (next in the queue, same artist) gapless, unless the setting is off', async () => {
    const gapless = await playingWith(4, { sameArtist: true });
    await playOn(gapless.made, 45, 1, () => (gapless.made[1]?.calls.length ?? 0) > 0);
    expect(60 - (gapless.made[0]?.position ?? 0)).toBeLessThan(0.1);
    expect(gapless.fader.calls).toEqual([]);

    const faded = await playingWith(4, { sameArtist: true, keepAlbumsGapless: false });
    await playOn(faded.made, 45, 1, () => (faded.made[1]?.calls.length ?? 0) > 0);
    expect(60 - (faded.made[0]?.position ?? 0)).toBeCloseTo(4, 0);
  });

  it('lets "stop after this track" win: no fade, and at the end the next one waits paused', async () => {
    const { store, made, fader } = await playingWith(4);
    await playOn(made, 45, 1, () => made.length > 1);
    store.getState().setStopAfterCurrent(true);
    await playOn(made, made[0]?.position ?? 0, 1, () => false);
    expect(made[1]?.calls).toEqual([]);
    expect(fader.calls).toEqual([]);
    made[0]?.emit('end');
    await flush();
    expect(store.getState().playing).toBe(false);
    expect(store.getState().currentId).toBe(idOf(store, 1));
  });
});

describe('engine: crossfade and the playback modes', () => {
  it('fades into the next track of the shuffled order', async () => {
    const { store, made, fader } = await playingWith(4);
    const [first, second, third] = store.getState().items.map((item) => item.id) as [string, string, string];
    store.setState({ shuffle: true, shuffleOrder: [first, third, second] });
    await playOn(made, 40, 1, () => made[1]?.calls.includes('play') === true);
    expect(store.getState().currentId).toBe(third);
    expect(fader.of(made[1] as ReadySound)[0]).toMatchObject({ from: 0, to: 1 });
  });

  it('with repeat one, starts the same track again from its top without a fade', async () => {
    const { store, made, fader } = await playingWith(4);
    store.setState({ repeat: 'one' });
    await playOn(made, 40, 1, () => false);
    expect(made).toHaveLength(1);
    expect(fader.calls).toEqual([]);
    made[0]?.emit('end');
    await flush();
    expect(store.getState().currentId).toBe(idOf(store, 0));
    expect(made.at(-1)?.calls).toContain('play');
  });

  it('waits for the fade’s moment again after a seek back just before it', async () => {
    const { made, fader } = await playingWith(4);
    await playOn(made, 40, 1, () => made.length > 1);
    const current = made[0] as ReadySound;
    // Sampled 5 s before the end (the fade's timer set for 1 s on), then moved back 20 s.
    current.position = 55;
    await vi.advanceTimersByTimeAsync(250);
    current.position = 35;
    await vi.advanceTimersByTimeAsync(1_500);
    expect(made[1]?.calls).toEqual([]);
    expect(fader.calls).toEqual([]);
    await playOn(made, 35, 1, () => made[1]?.calls.includes('play') === true);
    expect(60 - current.position).toBeCloseTo(4, 0);
  });
});

describe('engine: during a crossfade', () => {
  /** Track 1 playing into its fade; returns the sounds once track 2 has started. */
  async function fading(): Promise<Playing & { current: ReadySound; next: ReadySound }> {
    const playing = await playingWith(4);
    await playOn(playing.made, 45, 1, () => playing.made[1]?.calls.includes('play') === true);
    const [current, next] = playing.made as [ReadySound, ReadySound];
    return { ...playing, current, next };
  }

  it('recovers the incoming track from a 403 at its place, its new sound going on from the fade’s level', async () => {
    const { store, made, fader, next } = await fading();
    next.position = 1;
    await vi.advanceTimersByTimeAsync(250);
    world.now += 2_000; // half of the fade
    next.emit('loaderror', { httpStatus: 403 });
    await flush();
    const replacement = made.at(-1) as ReadySound;
    expect(replacement).not.toBe(next);
    expect(replacement.calls).toEqual(['seek:1', 'play']);
    expect(world.api.getStream.mock.calls.at(-1)?.[0]).toEqual({ trackId: 2, fresh: true });
    await vi.advanceTimersByTimeAsync(250);
    const [ramp] = fader.of(replacement);
    expect(ramp?.to).toBe(1);
    // Half way along an equal-power rise: sin(π/4).
    expect(ramp?.from).toBeCloseTo(Math.SQRT1_2, 1);
    expect(ramp?.seconds).toBeCloseTo(2, 0);
    expect(store.getState().currentId).toBe(idOf(store, 1));
  });

  it('leaves a failure of the outgoing track alone: no grant asked, the incoming one plays on', async () => {
    const { store, current, next } = await fading();
    const asked = world.api.getStream.mock.calls.length;
    current.emit('loaderror', { httpStatus: 403 });
    await flush();
    expect(world.api.getStream.mock.calls.length).toBe(asked);
    expect(next.playing()).toBe(true);
    expect(store.getState().currentId).toBe(idOf(store, 1));
  });

  it('on a skip, fades both sounds out in 150 ms instead of cutting them', async () => {
    const { store, made, fader, current, next } = await fading();
    store.getState().next();
    await flush();
    expect(store.getState().currentId).toBe(idOf(store, 2));
    for (const sound of [current, next]) {
      expect(fader.of(sound).at(-1)).toEqual({ sound, from: null, to: 0, seconds: 0.15 });
      expect(sound.unloaded).toBe(false);
    }
    await vi.advanceTimersByTimeAsync(300);
    expect(current.unloaded).toBe(true);
    expect(next.unloaded).toBe(true);
    expect(made.at(-1)?.unloaded).toBe(false);
  });

  it('on pause, ends the fade: the outgoing sound stops, the incoming one pauses at its full level', async () => {
    const { store, fader, current, next } = await fading();
    store.getState().pause();
    await flush();
    expect(current.unloaded).toBe(true);
    expect(next.playing()).toBe(false);
    expect(fader.of(next).at(-1)).toEqual({ sound: next, from: null, to: 1, seconds: 0 });
  });
});

describe('engine: a skip with crossfade', () => {
  it('fades the old sound out in 150 ms; with 0 s it is cut as before', async () => {
    const faded = await playingWith(4);
    faded.made[0]!.position = 10;
    faded.store.getState().next();
    await flush();
    expect(faded.fader.of(faded.made[0]!)).toEqual([
      { sound: faded.made[0], from: null, to: 0, seconds: 0.15 },
    ]);
    expect(faded.made[0]?.unloaded).toBe(false);
    await vi.advanceTimersByTimeAsync(300);
    expect(faded.made[0]?.unloaded).toBe(true);

    const cut = await playingWith(0);
    cut.store.getState().next();
    await flush();
    expect(cut.made[0]?.unloaded).toBe(true);
    expect(cut.fader.calls).toEqual([]);
  });
});

describe('engine: crossfade into a sound that cannot tell whether it is ready (HLS)', () => {
  it('fades it in once it has loaded, and not before', async () => {
    const store = await world.setup({ tracks: 2 });
    store.setState((state) => ({
      settings: settingsView({ crossfadeSeconds: 4, keepAlbumsGapless: false }),
      items: state.items.map((item, index) =>
        item.track === undefined ? item : { ...item, track: { ...item.track, artist: `Artist ${index}` } },
      ),
    }));
    const fader = recordingFader();
    world.restartEngine(store, { fader });
    await world.playNow(store);
    const current = world.sounds[0] as FakeHowl;
    current.emit('play');
    current.position = 50;
    await vi.advanceTimersByTimeAsync(250);
    await flush();
    const next = world.sounds[1] as FakeHowl;
    // Not loaded yet: the fade's moment passes without it.
    current.position = 56.1;
    await vi.advanceTimersByTimeAsync(500);
    expect(next.calls).toEqual([]);
    next.emit('load');
    current.position = 56.5;
    await vi.advanceTimersByTimeAsync(600);
    expect(next.calls).toEqual(['play']);
    expect(fader.of(next)[0]).toMatchObject({ from: 0, to: 1 });
    expect(store.getState().currentId).toBe(idOf(store, 1));
  });
});
