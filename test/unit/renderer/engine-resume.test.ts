// Resume where you left off, in the engine: a long track chosen from its beginning starts where main says it
// was left (asked for a moment only), shows the note, and its position is remembered as the listener leaves
// it, while it plays and when the window goes; short tracks, the session's own position, a link's #t= and a
// repeat-one restart are left alone.
import { describe, expect, it, vi } from 'vitest';
import { appError } from '../../../shared/errors';
import type { RecalledTrack } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import { RESUME_END_MARGIN_SECONDS } from '../../../shared/resume';
import { createResumeNoteSource } from '../../../renderer/src/player/resume-note';
import type { AppStore } from '../../../renderer/src/store';
import { useEngineWorld } from './engine-world';
import { createLiveStore, fakeApi, flush, track, type FakeHowl } from './fakes';

const world = useEngineWorld();
const HOUR_MS = 3_600_000;
/** Where the listener left the two-hour show: 1:02:13. */
const LEFT_AT = 3733;

/**
 * A queue of tracks of these lengths on a fake main that keeps what it is told (world.api.memory), and an
 * engine with resuming on: its note and the window's events are the test's.
 */
async function queueOf(
  lengthsMs: number[],
  recall?: (arg: { trackId: number }) => Promise<Result<RecalledTrack>>,
) {
  world.api = fakeApi({
    answer: (link) => {
      const n = Number(link.split('-').pop());
      return { ...track(n), durationMs: lengthsMs[n - 1] ?? 60_000 };
    },
    getStream: () => Promise.resolve(world.issue(300_000)),
    ...(recall === undefined ? {} : { recall }),
  });
  const store = createLiveStore(world.api);
  await store
    .getState()
    .addText(lengthsMs.map((_, i) => `https://soundcloud.com/u/track-${i + 1}`).join('\n'));
  await flush();
  const note = createResumeNoteSource();
  const events = new EventTarget();
  world.restartEngine(store, { resume: { memory: world.api, note, events } });
  return { store, note, events };
}

const remembered = (trackId: number, positionSeconds: number | null): void => {
  world.api.memory.set(trackId, { positionSeconds, loudness: null });
};

const idOf = (store: AppStore, index: number): string => store.getState().items[index]?.id ?? 'none';

async function playItem(store: AppStore, index: number): Promise<void> {
  store.getState().play(idOf(store, index));
  await flush();
}

/** The audio moves to `seconds` and the engine samples it, `ms` later on its clock. */
function listenTo(seconds: number, ms = 300, sound = world.latest()): void {
  sound.position = seconds;
  world.now += ms;
  vi.advanceTimersByTime(ms);
}

/** The one-minute `sound` plays on to 46 s, sampled twice: near its end the engine prepares the next track. */
async function nearTheEnd(sound: FakeHowl): Promise<void> {
  for (const seconds of [45, 46]) {
    listenTo(seconds, 300, sound);
    await flush();
  }
}

const positionsSent = () =>
  world.api.rememberTrack.mock.calls.map(([arg]) => [arg.trackId, arg.positionSeconds] as const);

describe('engine: resuming long tracks', () => {
  it('starts a long track where it was left, and says so in the note', async () => {
    const { store, note } = await queueOf([2 * HOUR_MS, 60_000]);
    remembered(1, LEFT_AT);
    await playItem(store, 0);
    expect(world.api.recallTrack).toHaveBeenCalledWith({ trackId: 1 });
    expect(world.latest().calls).toEqual([`seek:${LEFT_AT}`, 'play']);
    expect(note.get()).toMatchObject({ itemId: idOf(store, 0), seconds: LEFT_AT });
  });

  it('starts at 0 with no note when nothing is remembered, or the place is too near either end', async () => {
    for (const kept of [null, 5, 2 * 3600 - 10]) {
      const { store, note } = await queueOf([2 * HOUR_MS]);
      remembered(1, kept);
      await playItem(store, 0);
      expect(world.latest().calls).toEqual(['play']);
      expect(note.get()).toBeNull();
    }
  });

  it('never asks about a track of 10 minutes or less', async () => {
    const { store } = await queueOf([10 * 60_000, 60_000]);
    remembered(1, 300);
    await playItem(store, 0);
    expect(world.api.recallTrack).not.toHaveBeenCalled();
    expect(world.latest().calls).toEqual(['play']);
  });

  it('starts at 0 when main takes longer than a moment, and ignores its late answer', async () => {
    let answer: (result: Result<RecalledTrack>) => void = () => undefined;
    const slow = () => new Promise<Result<RecalledTrack>>((resolve) => (answer = resolve));
    const { store, note } = await queueOf([2 * HOUR_MS], slow);
    store.getState().play();
    await flush();
    // Still within the moment: the grant asked for meanwhile, but no sound yet.
    expect(world.api.getStream).toHaveBeenCalledWith({ trackId: 1 });
    expect(world.sounds).toHaveLength(0);
    vi.advanceTimersByTime(300);
    await flush();
    expect(world.latest().calls).toEqual(['play']);
    answer({ ok: true, value: { positionSeconds: LEFT_AT, loudness: null } });
    await flush();
    expect(world.sounds).toHaveLength(1);
    expect(world.latest().calls).toEqual(['play']);
    expect(note.get()).toBeNull();
  });

  it('gives main’s answer one more turn when the page was too busy to hear it in time', async () => {
    let answer: (result: Result<RecalledTrack>) => void = () => undefined;
    const held = () => new Promise<Result<RecalledTrack>>((resolve) => (answer = resolve));
    const { store } = await queueOf([2 * HOUR_MS], held);
    let pageTime = 1_000;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => pageTime);
    try {
      store.getState().play();
      await flush(); // 60 ms of the engine's timers
      // The page was busy for 400 ms: the 300 ms timer fires late, after main's answer came.
      pageTime += 400;
      vi.advanceTimersByTime(240);
      answer({ ok: true, value: { positionSeconds: LEFT_AT, loudness: null } });
      await flush();
      expect(world.latest().calls).toEqual([`seek:${LEFT_AT}`, 'play']);
    } finally {
      clock.mockRestore();
    }
  });

  it('starts at 0 when main cannot be reached', async () => {
    const lost = () => Promise.resolve<Result<RecalledTrack>>({ ok: false, error: appError('NETWORK') });
    const { store } = await queueOf([2 * HOUR_MS], lost);
    await playItem(store, 0);
    expect(world.latest().calls).toEqual(['play']);
  });

  it('plays the track chosen last when the cursor moves on while main is asked', async () => {
    let answer: (result: Result<RecalledTrack>) => void = () => undefined;
    const held = () => new Promise<Result<RecalledTrack>>((resolve) => (answer = resolve));
    const { store } = await queueOf([2 * HOUR_MS, 60_000], held);
    store.getState().play(idOf(store, 0));
    store.getState().play(idOf(store, 1));
    await flush();
    answer({ ok: true, value: { positionSeconds: LEFT_AT, loudness: null } });
    await flush();
    // Only the track chosen last plays (the first's grant, asked for while main was asked, goes unused).
    expect(world.sounds).toHaveLength(1);
    expect(world.api.getStream).toHaveBeenLastCalledWith({ trackId: 2 });
  });

  it('asks ahead where the next long track was left, and starts it there at once when its turn comes', async () => {
    const { store, note } = await queueOf([60_000, 2 * HOUR_MS]);
    remembered(2, LEFT_AT);
    await playItem(store, 0);
    const first = world.latest();
    // Near the end of the first track the second is prepared (at its start), then asked about.
    await nearTheEnd(first);
    expect(world.api.recallTrack).toHaveBeenCalledWith({ trackId: 2 });
    world.api.recallTrack.mockClear();
    first.emit('end');
    await flush();
    expect(world.api.recallTrack).not.toHaveBeenCalled();
    expect(world.latest().calls).toEqual([`seek:${LEFT_AT}`, 'play']);
    expect(note.get()).toMatchObject({ itemId: idOf(store, 1), seconds: LEFT_AT });
  });

  it('plays the prepared next long track from its start, without a wait, when nothing is remembered', async () => {
    const { store } = await queueOf([60_000, 2 * HOUR_MS]);
    await playItem(store, 0);
    const first = world.latest();
    await nearTheEnd(first);
    const prepared = world.latest();
    expect(prepared).not.toBe(first);
    first.emit('end');
    // The prepared sound plays at once: no answer awaited, no other sound made.
    expect(prepared.calls).toContain('play');
    await flush();
    expect(world.sounds).toHaveLength(2);
    expect(world.api.recallTrack).toHaveBeenCalledTimes(1);
  });

  it('remembers where a long track was left for another, and starts there when it is played again', async () => {
    const { store } = await queueOf([2 * HOUR_MS, 60_000]);
    await playItem(store, 0);
    listenTo(LEFT_AT + 0.6);
    store.getState().next();
    await flush();
    expect(positionsSent()).toEqual([[1, LEFT_AT]]);
    await playItem(store, 0);
    expect(world.latest().calls).toEqual([`seek:${LEFT_AT}`, 'play']);
  });

  it('forgets a long track played to its end, or left near it or near its start', async () => {
    const { store } = await queueOf([2 * HOUR_MS, 2 * HOUR_MS, 2 * HOUR_MS, 60_000]);
    await playItem(store, 0);
    listenTo(2 * 3600 - 1);
    world.latest().emit('end');
    await flush();
    listenTo(2 * 3600 - RESUME_END_MARGIN_SECONDS + 1);
    store.getState().next();
    await flush();
    listenTo(3);
    store.getState().next();
    await flush();
    expect(positionsSent()).toEqual([
      [1, null],
      [2, null],
      [3, null],
    ]);
  });

  it('remembers the place every 15 s while a long track plays, and only when it moved', async () => {
    const { store } = await queueOf([2 * HOUR_MS]);
    await playItem(store, 0);
    for (let s = 1; s <= 40; s++) listenTo(100 + s, 1_000);
    expect(positionsSent()).toEqual([
      [1, 115],
      [1, 130],
    ]);
    store.getState().pause();
    await flush();
    world.now += 60_000;
    vi.advanceTimersByTime(60_000);
    expect(positionsSent()).toHaveLength(2);
  });

  it('remembers the place when the window goes', async () => {
    const { store, events } = await queueOf([2 * HOUR_MS]);
    await playItem(store, 0);
    listenTo(2000);
    events.dispatchEvent(new Event('pagehide'));
    expect(positionsSent()).toEqual([[1, 2000]]);
  });

  it('Start over goes back to 0, forgets the place and hides the note', async () => {
    const { store, note } = await queueOf([2 * HOUR_MS]);
    remembered(1, LEFT_AT);
    await playItem(store, 0);
    note.get()?.startOver();
    await flush();
    expect(world.latest().calls).toEqual([`seek:${LEFT_AT}`, 'play', 'seek:0']);
    expect(note.get()).toBeNull();
    expect(world.api.memory.get(1)?.positionSeconds).toBeNull();
  });

  it('leaves the note when the track changes', async () => {
    const { store, note } = await queueOf([2 * HOUR_MS, 60_000]);
    remembered(1, LEFT_AT);
    await playItem(store, 0);
    store.getState().next();
    await flush();
    expect(note.get()).toBeNull();
  });

  it('keeps the session’s own restored position, and a link’s #t=, without asking', async () => {
    const { store } = await queueOf([2 * HOUR_MS]);
    remembered(1, LEFT_AT);
    store.setState({ currentId: idOf(store, 0), restoredPosition: 1234 });
    world.restartEngine(store, { resume: { memory: world.api, note: createResumeNoteSource() } });
    await flush();
    world.api.recallTrack.mockClear();
    store.getState().play();
    await flush();
    expect(world.latest().calls).toEqual(['seek:1234', 'play']);
    await store.getState().addText('https://soundcloud.com/u/track-1#t=90');
    await flush();
    await playItem(store, 1);
    expect(world.latest().calls).toEqual(['seek:90', 'play']);
    expect(world.api.recallTrack).not.toHaveBeenCalled();
  });

  it('starts again from the top on repeat one, without asking', async () => {
    const { store } = await queueOf([2 * HOUR_MS]);
    store.getState().cycleRepeat();
    store.getState().cycleRepeat();
    expect(store.getState().repeat).toBe('one');
    remembered(1, LEFT_AT);
    await playItem(store, 0);
    world.api.recallTrack.mockClear();
    listenTo(2 * 3600 - 0.2);
    world.latest().emit('end');
    await flush();
    expect(world.api.recallTrack).not.toHaveBeenCalled();
    expect(world.latest().calls).toEqual(['play']);
  });
});
