// The engine on a weak link: a download that dies on an expired URL is noticed from the sound's own
// signals and the grant's expiry, the old sound plays on from its buffer while a replacement waits where
// that runs out and takes over there; and fresh grants that look expired on arrival are asked for within
// a budget, never in a tight loop.
import { describe, expect, it, vi } from 'vitest';
import type { StreamGrant } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import type { AppStore } from '../../../renderer/src/store';
import { mediaLeftWhenNextStarts, soundsOf, useEngineWorld } from './engine-world';
import { FakeHlsSound, FakeHowl, flush, grant } from './fakes';

const world = useEngineWorld();
const { setup, restartEngine } = world;

/** A FakeHowl that also shows its download (where its fetched audio ends) and whether it can play at once. */
class FakeStreamSound extends FakeHowl {
  bufferedEnd = 0;
  complete = false;
  canPlay = true;
  length = Number.NaN;
  duration(): number {
    return this.length;
  }
  download(): { bufferedEnd: number; complete: boolean } {
    return { bufferedEnd: this.bufferedEnd, complete: this.complete };
  }
  ready(): boolean {
    return this.canPlay;
  }
}

/** A stream sound as a new one is: it cannot play until it has loaded enough. */
class LoadingSound extends FakeStreamSound {
  override canPlay = false;
}

describe('engine: a download that dies on an expired URL', () => {
  let made: FakeStreamSound[];

  /** Track 1 playing on an 8-second grant, its sound 4 s in with 14 s fetched, the clock 2 s on. */
  async function playing(): Promise<{ store: AppStore; old: FakeStreamSound }> {
    const store = await setup({ ttlMs: 8_000 });
    const sounds = soundsOf(FakeStreamSound);
    made = sounds.made;
    restartEngine(store, { createSound: sounds.create });
    store.getState().play();
    await flush();
    const old = made[0] as FakeStreamSound;
    old.emit('play');
    old.position = 4;
    old.bufferedEnd = 14;
    world.now += 2_000;
    vi.advanceTimersByTime(250);
    return { store, old };
  }

  /** `steps` of playback 250 ms long, while `sound`'s download grows by half a second a step. */
  async function playGrowing(sound: FakeStreamSound, steps: number): Promise<void> {
    for (let i = 0; i < steps; i++) {
      sound.bufferedEnd += 0.5;
      await play(250);
    }
  }

  /** `ms` of playback in 250 ms steps: the clock and the playing sounds' positions move on together. */
  async function play(ms: number): Promise<void> {
    for (let t = 0; t < ms; t += 250) {
      world.now += 250;
      for (const sound of made) if (sound.isPlaying && sound.canPlay) sound.position += 0.25;
      await vi.advanceTimersByTimeAsync(250);
    }
  }

  /**
   * The old sound playing with 16 s fetched, its URL expired at 8 s and its download still since then: the
   * replacement made, waiting where that buffer runs out.
   */
  async function waitingReplacement(): Promise<{ old: FakeStreamSound; next: FakeStreamSound }> {
    const { old } = await playing();
    old.bufferedEnd = 16;
    await play(8_500);
    return { old, next: made[1] as FakeStreamSound };
  }

  /** `sound` playing on to `seconds`, a hundredth of a second of audio each 10 ms of the clock. */
  async function playOn(sound: FakeStreamSound, seconds: number): Promise<void> {
    while (sound.position < seconds) {
      sound.position = Math.min(seconds, sound.position + 0.01);
      world.now += 10;
      await vi.advanceTimersByTimeAsync(10);
    }
  }

  it('loads a standby on a fresh grant once the download outlives its grant’s margin, and hands over to it when it dies', async () => {
    const { old } = await playing();
    // The transfer still runs into the grant's margin (its last 4 s): a standby starts loading beside it.
    await playGrowing(old, 12);
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    expect(world.api.getStream.mock.calls[1]?.[0]).toEqual({ trackId: 1, fresh: true });
    const standby = made[1] as FakeStreamSound;
    expect(standby.calls).toEqual([]);
    // Past the grant's expiry the transfer still runs: nothing more is asked.
    await playGrowing(old, 16);
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    // The cut: the download stops growing; within a second the standby waits where the buffer runs out.
    await play(750);
    expect(standby.calls).toEqual([]);
    await play(500);
    expect(standby.calls).toEqual(['seek:26']);
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    expect(old.isPlaying).toBe(true);
  });

  it('does not hand over to a standby whose own URL has expired (its transfer may have dropped too)', async () => {
    const { old } = await playing();
    // The old transfer runs on past the standby's own 8 s; then both are cut.
    await playGrowing(old, 44);
    const standby = made[1] as FakeStreamSound;
    expect(standby.calls).toEqual([]);
    await play(1_500);
    expect(standby.unloaded).toBe(true);
    expect(standby.calls).toEqual(['unload']);
    expect(world.api.getStream).toHaveBeenCalledTimes(3);
    expect(made[2]?.calls).toEqual(['seek:34']);
    expect(old.isPlaying).toBe(true);
  });

  it('hands over to a standby whose own URL has expired while its transfer still runs', async () => {
    const { old } = await playing();
    await playGrowing(old, 12);
    const standby = made[1] as FakeStreamSound;
    // Both transfers run on past the standby's own 8 s; then the old one's is cut, the standby's runs on.
    for (let i = 0; i < 32; i++) {
      standby.bufferedEnd += 0.5;
      await playGrowing(old, 1);
    }
    for (let i = 0; i < 6; i++) {
      standby.bufferedEnd += 0.5;
      await play(250);
    }
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    expect(standby.unloaded).toBe(false);
    expect(standby.calls).toEqual([`seek:${old.bufferedEnd - 2}`]);
    expect(old.isPlaying).toBe(true);
  });

  it('keeps the old sound playing while the replacement waits where its buffer runs out, then hands over', async () => {
    const { old } = await playing();
    old.bufferedEnd = 16;
    await play(8_500); // expired at 8 s, still since: noticed
    expect(made).toHaveLength(2);
    const next = made[1] as FakeStreamSound;
    // Loading at the end of the old one's buffer (less two seconds), not playing; the old one plays on.
    expect(next.calls).toEqual(['seek:14']);
    expect(old.unloaded).toBe(false);
    expect(old.isPlaying).toBe(true);
    // The old sound reaches the replacement's position: the replacement starts, the old one goes.
    const before = old.position;
    while (!next.isPlaying) {
      old.position += 0.01;
      world.now += 10;
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(old.position).toBeGreaterThanOrEqual(14 - 0.03);
    expect(old.position - before).toBeGreaterThan(1);
    expect(old.unloaded).toBe(true);
    expect(next.calls).toEqual(['seek:14', 'play']);
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
  });

  it('moves the replacement to where the old sound ran dry, when that comes first, and starts it there', async () => {
    const { old, next } = await waitingReplacement();
    next.canPlay = false; // still fetching up to its position
    await playOn(old, 13.4);
    old.canPlay = false; // the old one ran dry short of the end of its buffer
    await vi.advanceTimersByTimeAsync(20);
    expect(next.calls).toEqual(['seek:14', 'seek:13.4']);
    expect(next.isPlaying).toBe(false);
    next.canPlay = true;
    await vi.advanceTimersByTimeAsync(20);
    expect(next.calls).toEqual(['seek:14', 'seek:13.4', 'play']);
    expect(old.unloaded).toBe(true);
  });

  it('moves the replacement ahead again when the old sound ran dry only for a moment and plays on past it', async () => {
    const { old, next } = await waitingReplacement();
    next.canPlay = false;
    await playOn(old, 13.4);
    old.canPlay = false; // a moment without data
    await vi.advanceTimersByTimeAsync(20);
    expect(next.calls).toEqual(['seek:14', 'seek:13.4']);
    old.canPlay = true;
    await playOn(old, 13.75); // playing on, past where the replacement went
    // A second ahead of the old one, once that is past the replacement by more than the slack.
    const ahead = Number(next.calls[2]?.slice('seek:'.length));
    expect(next.calls).toHaveLength(3);
    expect(ahead).toBeGreaterThan(14.5);
    expect(ahead).toBeLessThan(14.52);
    next.canPlay = true;
    while (!next.isPlaying) {
      old.position += 0.01;
      world.now += 10;
      await vi.advanceTimersByTimeAsync(10);
    }
    // It takes over where it waits, as the old one reaches it: nothing heard twice.
    expect(old.position).toBeGreaterThanOrEqual(ahead - 0.03);
    expect(next.calls).toEqual(['seek:14', 'seek:13.4', `seek:${ahead}`, 'play']);
  });

  it('takes over where the old sound stood when its position leaps ahead as it runs dry', async () => {
    const { old, next } = await waitingReplacement();
    await playOn(old, 13.2);
    const stood = old.position;
    old.position = 13.95; // 0.75 s on within 10 ms: the element's position at the end of what it decoded
    await vi.advanceTimersByTimeAsync(30);
    expect(next.calls).toEqual(['seek:14', `seek:${stood}`, 'play']);
    expect(old.unloaded).toBe(true);
  });

  it('takes over where the old sound stood when its leap comes after a late look, less than twice its speed on', async () => {
    const { old, next } = await waitingReplacement();
    await playOn(old, 13.56);
    const stood = old.position;
    // A busy page looks 250 ms late, and the element, run dry where it stood, reports 0.44 s on: more than
    // its one-times speed covers in that time, though less than twice that speed would.
    world.now += 250;
    old.position = 14;
    await vi.advanceTimersByTimeAsync(10);
    await vi.advanceTimersByTimeAsync(20);
    expect(next.calls).toEqual(['seek:14', `seek:${stood}`, 'play']);
    expect(old.unloaded).toBe(true);
  });

  it('takes over where the old sound stood when it leaps after playing behind the wall clock', async () => {
    const { old, next } = await waitingReplacement();
    // A busy machine: the element's audio holds still 0.6 s (its position with it) and plays on behind the
    // wall clock, so that the 0.44 s it leaps, run dry, stays within where its speed could have taken it
    // since the wait began.
    for (let held = 0; held < 600; held += 10) {
      world.now += 10;
      await vi.advanceTimersByTimeAsync(10);
    }
    await playOn(old, 13.3);
    const stood = old.position;
    old.position = stood + 0.44;
    await vi.advanceTimersByTimeAsync(30);
    expect(next.calls).toEqual(['seek:14', `seek:${stood}`, 'play']);
    expect(old.unloaded).toBe(true);
  });

  it('judges the old sound’s moves from where it was when the recovery began, not from a sample a poll old', async () => {
    const { old } = await playing();
    world.holdNextGrant(); // the standby's grant never comes
    const answer = world.holdNextGrant();
    old.bufferedEnd = 16;
    await play(8_500); // expired at 8 s, still since: noticed, a fresh grant asked for
    expect(world.api.getStream).toHaveBeenCalledTimes(3);
    // The grant comes 0.2 s after the last sample, on a busy page; the old sound played on meanwhile.
    world.now += 200;
    old.position += 0.2;
    answer(world.issue(8_000));
    await flush();
    const next = made.at(-1) as FakeStreamSound;
    expect(next.calls).toEqual(['seek:14']);
    // It plays on: no leap, so the replacement waits where it is and takes over there.
    await playOn(old, 13.5);
    expect(next.calls).toEqual(['seek:14']);
    while (!next.isPlaying) {
      old.position += 0.01;
      world.now += 10;
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(old.position).toBeGreaterThanOrEqual(14 - 0.03);
    expect(next.calls).toEqual(['seek:14', 'play']);
  });

  it('leaves a download that still grows past its URL’s expiry alone, and drops its standby once it is complete', async () => {
    const { old } = await playing();
    await playGrowing(old, 40);
    old.complete = true;
    await play(5_000);
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    expect(made).toHaveLength(2);
    expect(made[1]?.unloaded).toBe(true);
    expect(made[1]?.calls).toEqual(['unload']);
    expect(old.unloaded).toBe(false);
    expect(old.isPlaying).toBe(true);
  });

  it('hands over at once to a standby that has loaded when the old sound runs dry on its expired URL', async () => {
    const { old } = await playing();
    await playGrowing(old, 12);
    const standby = made[1] as FakeStreamSound;
    await playGrowing(old, 4); // the old grant has expired
    // It plays to where Chromium's element stops, short of the end of what it fetched, and is sampled there.
    old.position = old.bufferedEnd - 1.5;
    await vi.advanceTimersByTimeAsync(250);
    old.canPlay = false;
    old.emit('waiting');
    await flush();
    // The standby plays from where the old one stopped: no grant asked, no sound loading from nothing.
    expect(standby.calls).toEqual([`seek:${old.position}`, 'play']);
    expect(old.unloaded).toBe(true);
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    expect(made).toHaveLength(2);
  });

  it('asks at once for the fresh grant of each URL that worked and died, however many came before', async () => {
    const { store, old } = await playing();
    old.bufferedEnd = 60;
    let sound = old;
    // Six deaths 4.1 s apart, each after its grant served half its 8 s: a backoff would hold the sixth 3.9 s.
    for (let death = 1; death <= 6; death++) {
      await play(3_750);
      world.now += 350;
      sound.canPlay = false;
      sound.bufferedEnd = sound.position + 1.5;
      sound.emit('waiting');
      await flush();
      expect(world.api.getStream, `death ${death}`).toHaveBeenCalledTimes(1 + death);
      sound = made.at(-1) as FakeStreamSound;
      sound.bufferedEnd = 60;
      sound.emit('play');
    }
    expect(store.getState().items[0]?.status).toBe('ready');
  });

  it('lets a sound with seconds fetched ahead play on when it waits on an expired grant: a busy page', async () => {
    const { old } = await playing();
    world.now += 6_500; // the grant has expired; 10 s fetched beyond the position
    old.emit('waiting');
    await flush();
    expect(world.api.getStream).toHaveBeenCalledTimes(1);
    // Run dry where Chromium's element stops, 1.5 s short of the end of what it fetched: replaced at once.
    old.position = 12.5;
    old.emit('waiting');
    await flush();
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
  });

  it('takes the element’s stalled event on an expired grant as the download’s death, at once', async () => {
    const { old } = await playing();
    old.emit('stalled');
    await flush();
    expect(world.api.getStream).toHaveBeenCalledTimes(1); // the grant has not expired: the browser retries
    world.now += 6_500;
    old.emit('stalled');
    await flush();
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    expect(made).toHaveLength(2);
  });
});

describe('engine: the change of track', () => {
  /** Two tracks, the first playing 50 s into media `length` s long, sampled once; the sounds made so far. */
  async function nearTheEnd(length: number) {
    const store = await setup({ tracks: 2 });
    const { made, create } = soundsOf(FakeStreamSound);
    restartEngine(store, { createSound: create });
    store.getState().play();
    await flush();
    const current = made[0] as FakeStreamSound;
    current.emit('play');
    current.length = length;
    current.position = 50;
    await vi.advanceTimersByTimeAsync(250);
    return { store, made, current };
  }

  it('starts a loaded next sound 30 ms before the current one’s media ends, and plays it on at its turn', async () => {
    // The encoder's padding: the media is longer than the track's 60 s.
    const { store, made, current } = await nearTheEnd(60.22);
    const next = made[1] as FakeStreamSound;
    expect(next.calls).toEqual([]);
    current.position = 59.92; // 300 ms left when next sampled: its start is timed 270 ms after that
    const left = await mediaLeftWhenNextStarts(current, next, 60.22, 0.01);
    expect(next.calls).toEqual(['play']);
    // Within a step of 30 ms before the end.
    expect(left).toBeGreaterThan(0.015);
    expect(left).toBeLessThan(0.045);
    current.emit('end');
    await flush();
    // Its turn: the same sound plays on, not started a second time.
    expect(next.calls).toEqual(['play']);
    expect(store.getState().items.findIndex((i) => i.id === store.getState().currentId)).toBe(1);
    next.position = 0.5;
    await vi.advanceTimersByTimeAsync(250);
    expect(store.getState().sounding).toBe(true);
  });

  it('starts the next sound once, though the current one’s end comes late', async () => {
    const { made, current } = await nearTheEnd(60);
    const next = made[1] as FakeStreamSound;
    current.position = 59.8;
    await mediaLeftWhenNextStarts(current, next, 60, 0.01);
    expect(next.calls).toEqual(['play']);
    // A busy page: the current sound plays its last moments and its 'end' comes half a second late, while
    // the samples go on.
    for (let t = 0; t < 500; t += 10) {
      current.position = Math.min(60, current.position + 0.01);
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(next.calls).toEqual(['play']);
  });

  it('starts nothing early when the listener seeks back meanwhile', async () => {
    const { store, made, current } = await nearTheEnd(60);
    current.position = 58.5; // the start is timed for 1.47 s on
    await vi.advanceTimersByTimeAsync(250);
    store.getState().seek(20);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(made[1]?.calls).toEqual([]);
  });

  it('starts nothing early when the next sound has not loaded, or the listener has paused', async () => {
    const { store, made, current } = await nearTheEnd(60);
    const next = made[1] as FakeStreamSound;
    next.canPlay = false;
    current.position = 59.8;
    await vi.advanceTimersByTimeAsync(500);
    expect(next.calls).toEqual([]);
    next.canPlay = true;
    current.position = 59.7;
    await vi.advanceTimersByTimeAsync(250);
    store.getState().pause();
    await vi.advanceTimersByTimeAsync(500);
    expect(next.calls).toEqual([]);
  });
});

describe('engine: the next track on 8-second grants and a slow link', () => {
  /**
   * Two tracks on 8 s grants, the first taking 4.5 s to load, then sampled 51 s into its 60 s: the second
   * is prepared 9 s ahead (twice that), on a grant that expires before its turn; it has loaded nothing yet.
   */
  async function preparedAhead() {
    const store = await setup({ tracks: 2, ttlMs: 8_000 });
    const { made, create } = soundsOf(LoadingSound);
    restartEngine(store, { createSound: create });
    store.getState().play();
    await flush();
    const current = made[0] as FakeStreamSound;
    current.canPlay = true;
    world.now += 4_500;
    current.emit('load');
    current.emit('play');
    current.length = 60;
    current.complete = true;
    current.position = 51;
    await vi.advanceTimersByTimeAsync(250);
    expect(made).toHaveLength(2);
    return { store, made, current, next: made[1] as FakeStreamSound };
  }

  it('starts the prepared sound ahead of its turn and plays it on, though its grant expired meanwhile', async () => {
    const { store, made, current, next } = await preparedAhead();
    next.canPlay = true;
    next.emit('load');
    next.bufferedEnd = 14;
    world.now += 8_500; // the next grant expired 0.5 s ago
    current.position = 59.8;
    await vi.advanceTimersByTimeAsync(250);
    await mediaLeftWhenNextStarts(current, next, 60, 0.01);
    expect(next.calls).toEqual(['play']);
    current.emit('end');
    await flush();
    // Its turn: the running sound plays on; a new one would load from nothing, seconds on this link.
    expect(store.getState().items.findIndex((i) => i.id === store.getState().currentId)).toBe(1);
    expect(next.calls).toEqual(['play']);
    expect(made).toHaveLength(2);
    expect(world.api.getStream).toHaveBeenCalledTimes(2);
    // Its URL is renewed while it plays: a standby loads on a fresh grant by the next sample.
    next.position = 0.25;
    await vi.advanceTimersByTimeAsync(250);
    expect(world.api.getStream.mock.calls[2]?.[0]).toEqual({ trackId: 2, fresh: true });
    expect(made).toHaveLength(3);
    expect(made[2]?.calls).toEqual([]);
  });

  it('prepares the next track again, once, when its download dies on the expired URL before it loaded', async () => {
    const { current, made, next } = await preparedAhead();
    next.bufferedEnd = 3;
    for (let i = 0; i < 40; i++) {
      world.now += 250; // 10 s: the grant expires 3.5 s on, then the download stands still
      current.position += 0.25;
      await vi.advanceTimersByTimeAsync(250);
    }
    expect(world.api.getStream.mock.calls.map(([arg]) => arg)).toEqual([
      { trackId: 1 },
      { trackId: 2 },
      { trackId: 2, fresh: true },
    ]);
    expect(next.unloaded).toBe(true);
    expect(made).toHaveLength(3);
    const again = made[2] as FakeStreamSound;
    expect(again.calls).toEqual([]);
    // Its turn: the sound made again starts, without another grant.
    current.emit('end');
    await flush();
    expect(again.calls).toEqual(['play']);
    expect(world.api.getStream).toHaveBeenCalledTimes(3);
  });

  it('prepares it again at once when the prepared sound fails to load, and not a second time', async () => {
    const { current, made, next } = await preparedAhead();
    next.emit('loaderror');
    current.position += 0.25;
    await vi.advanceTimersByTimeAsync(250);
    expect(world.api.getStream.mock.calls[2]?.[0]).toEqual({ trackId: 2, fresh: true });
    const again = made[2] as FakeStreamSound;
    again.emit('loaderror');
    current.position += 0.25;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(world.api.getStream).toHaveBeenCalledTimes(3);
    expect(made).toHaveLength(3);
  });
});

describe('engine: grants that look expired the moment they arrive', () => {
  /** A grant of `url` that expired a second ago. */
  const expired = (url: string, protocol: StreamGrant['protocol']): Result<StreamGrant> => ({
    ok: true,
    value: { ...grant(url, world.now - 1_000), protocol },
  });

  /**
   * 10 s of playback in 250 ms samples, the latest sound moving (so its recoveries count as working);
   * `each` is done to it every second.
   */
  async function tenSeconds(sounds: FakeHowl[], each?: (sound: FakeHowl) => void): Promise<void> {
    for (let t = 250; t <= 10_000; t += 250) {
      world.now += 250;
      const sound = sounds.at(-1);
      if (sound !== undefined) {
        sound.emit('play');
        sound.position += 0.25;
        if (t % 1_000 === 0) each?.(sound);
      }
      await vi.advanceTimersByTimeAsync(250);
    }
  }

  it('renews an HLS stream within the budget: a handful of asks in 10 s, not one per sample', async () => {
    const store = await setup();
    const hls = soundsOf(FakeHlsSound);
    world.api.getStream.mockImplementation(() =>
      Promise.resolve(expired('http://media/aac.m3u8?p=1', 'hls')),
    );
    restartEngine(store, { createHlsSound: hls.create });
    store.getState().play();
    await flush();
    await tenSeconds(hls.made);
    // The first play, then renewals at once, at once, 1, 2 and 4 s apart.
    expect(world.api.getStream.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(world.api.getStream.mock.calls.length).toBeLessThanOrEqual(6);
    expect(store.getState().items[0]?.status).toBe('ready');
  });

  it('recovers a progressive sound that keeps running dry within the same budget', async () => {
    const store = await setup();
    let n = 0;
    world.api.getStream.mockImplementation(() =>
      Promise.resolve(expired(`http://media/${++n}.mp3`, 'progressive')),
    );
    restartEngine(store, {});
    store.getState().play();
    await flush();
    await tenSeconds(world.sounds, (sound) => sound.emit('waiting'));
    expect(world.api.getStream.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(world.api.getStream.mock.calls.length).toBeLessThanOrEqual(6);
    // Each recovery got the audio moving again: the track is not given up.
    expect(store.getState().items[0]?.status).toBe('ready');
  });
});
