// The engine's gapless change of track (crossfade 0, or a set's neighbours kept gapless): the prepared next
// sound is handed over 120 ms of wall time before the current one ends (at 1× and at 2×; earlier by as much
// as the position samples have come late), not when its 'end' comes, and then plays on as the current track; a pause, a seek back or "stop after this track" in that
// moment undoes it, a skip hears it at once; without the graph (no fader, or a sound outside it) the change
// waits for the end as before.
import { describe, expect, it, vi } from 'vitest';
import { HANDOVER_LEAD_MAX_MS, HANDOVER_LEAD_MS } from '../../../renderer/src/player/gapless';
import type { Sound } from '../../../renderer/src/player/sound';
import { idOf, playOn, playingWith, type PlayingOptions } from './crossfade-world';
import { useEngineWorld } from './engine-world';
import { FakeHowl, flush } from './fakes';

const world = useEngineWorld();

/** An HLS sound in the graph: it knows its media's length and hands over to the next sound (starting it). */
class HandingSound extends FakeHowl {
  /** What handOver answers: false stands for a sound outside the graph. */
  inGraph = true;
  /** How many more times handOver refuses (the next element has no data to start on yet). */
  refusals = 0;
  duration(): number {
    return 60;
  }
  handOver(next: Sound): boolean {
    this.calls.push('handOver');
    const handed = this.inGraph && this.refusals-- <= 0;
    if (handed) next.play();
    return handed;
  }
}

/** Track 1 playing at crossfade `seconds`, its next track prepared and loaded (past 45 s of 60). */
async function prepared(seconds = 0, options: PlayingOptions<HandingSound> = {}) {
  const playing = await playingWith(world, seconds, { make: HandingSound, ...options });
  await playOn(playing.made, 45, options.speed ?? 1, () => playing.made.length > 1);
  playing.made[1]?.emit('load');
  const [current, next] = playing.made as [HandingSound, HandingSound];
  return { ...playing, current, next };
}

/** Plays `current` on at `speed` until it hands over; the media seconds left then. */
async function leftAtHandover(current: HandingSound, speed = 1): Promise<number> {
  await playOn([current], current.position, speed, () => current.calls.includes('handOver'));
  return 60 - current.position;
}

describe('engine: the gapless change of track', () => {
  it('hands over 120 ms before the end at 1×, and the next sound plays on as the current track', async () => {
    const { store, made, current, next } = await prepared();
    const left = await leftAtHandover(current);
    expect(left).toBeGreaterThan(HANDOVER_LEAD_MS / 1000 - 0.02);
    expect(left).toBeLessThanOrEqual(HANDOVER_LEAD_MS / 1000 + 0.01);
    expect(next.calls).toEqual(['play']);
    // The queue moves on when the current sound has played out.
    expect(store.getState().currentId).toBe(idOf(store, 0));
    current.emit('end');
    await flush();
    expect(store.getState().currentId).toBe(idOf(store, 1));
    expect(next.calls).toEqual(['play']);
    expect(next.unloaded).toBe(false);
    expect(made).toHaveLength(2);
  });

  it('at 2×, hands over 120 ms of wall time (0.24 s of media) before the end', async () => {
    const { current } = await prepared(0, { speed: 2 });
    const left = await leftAtHandover(current, 2);
    expect(left).toBeGreaterThan((2 * HANDOVER_LEAD_MS) / 1000 - 0.04);
    expect(left).toBeLessThanOrEqual((2 * HANDOVER_LEAD_MS) / 1000 + 0.02);
  });

  it('on a busy page, starts earlier by as much as the position samples came late (up to 300 ms)', async () => {
    for (const [late, lead] of [
      [100, HANDOVER_LEAD_MS + 100],
      [400, HANDOVER_LEAD_MAX_MS],
    ] as const) {
      const { current } = await prepared();
      // The page's clock runs ahead of the timers: each 250 ms sample comes `late` ms after its time.
      while (!current.calls.includes('handOver') && current.position < 60) {
        world.now += 10 + late / 25;
        await vi.advanceTimersByTimeAsync(10);
        current.position += 0.01;
      }
      expect(60 - current.position, `${late} ms late`).toBeCloseTo(lead / 1000, 1);
    }
  });

  it('tries a refused handover again shortly, while the end is still ahead', async () => {
    const { current, next } = await prepared();
    current.refusals = 2;
    await playOn([current], current.position, 1, () => next.calls.includes('play'));
    const left = 60 - current.position;
    expect(current.calls.filter((call) => call === 'handOver')).toHaveLength(3);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(HANDOVER_LEAD_MS / 1000 - 0.02);
  });

  it('leaves a crossfade its own start, and hands over between a set’s neighbours kept gapless', async () => {
    const faded = await prepared(4);
    await playOn([faded.current], faded.current.position, 1, () => false);
    expect(faded.current.calls).not.toContain('handOver');
    expect(faded.fader.of(faded.next)[0]).toMatchObject({ from: 0, to: 1 });

    const album = await prepared(4, { sameArtist: true });
    expect(await leftAtHandover(album.current)).toBeCloseTo(HANDOVER_LEAD_MS / 1000, 1);
  });

  it('hands over to the next track of the shuffled order', async () => {
    const { store, made, current } = await prepared();
    const [first, second, third] = store.getState().items.map((item) => item.id) as [string, string, string];
    store.setState({ shuffle: true, shuffleOrder: [first, third, second] });
    await playOn([current], current.position, 1, () => false);
    // The prepared second track is not what comes next now: no handover to it.
    expect(current.calls).not.toContain('handOver');
    current.emit('end');
    await flush();
    expect(store.getState().currentId).toBe(third);
    expect(made.at(-1)?.calls).toContain('play');
  });

  it('with "stop after this track" or repeat one, leaves the change to the end', async () => {
    const stopping = await prepared();
    stopping.store.getState().setStopAfterCurrent(true);
    await playOn([stopping.current], stopping.current.position, 1, () => false);
    expect(stopping.current.calls).not.toContain('handOver');
    expect(stopping.next.calls).toEqual([]);

    const repeating = await prepared();
    repeating.store.setState({ repeat: 'one' });
    await playOn([repeating.current], repeating.current.position, 1, () => false);
    expect(repeating.current.calls).not.toContain('handOver');
  });

  it('undoes the handover on a pause in its moment: the next sound paused at its start, both levels full', async () => {
    const { store, fader, current, next } = await prepared();
    await leftAtHandover(current);
    store.getState().pause();
    await flush();
    expect(next.calls).toEqual(['play', 'pause', 'seek:0']);
    expect(fader.of(next).at(-1)).toEqual({ sound: next, from: null, to: 1, seconds: 0 });
    expect(fader.of(current).at(-1)).toEqual({ sound: current, from: null, to: 1, seconds: 0 });
  });

  it('undoes it on a seek back, and hands over again near the new end', async () => {
    const { store, current, next } = await prepared();
    await leftAtHandover(current);
    store.getState().seek(50);
    await flush();
    expect(next.calls).toEqual(['play', 'pause', 'seek:0']);
    current.calls.length = 0;
    expect(await leftAtHandover(current)).toBeCloseTo(HANDOVER_LEAD_MS / 1000, 1);
  });

  it('undoes it when "stop after this track" is asked in its moment', async () => {
    const { store, next, current } = await prepared();
    await leftAtHandover(current);
    store.getState().setStopAfterCurrent(true);
    await flush();
    expect(next.calls).toEqual(['play', 'pause', 'seek:0']);
  });

  it('on a skip in its moment, the next sound is heard at once and plays on as the current track', async () => {
    const { store, made, fader, current, next } = await prepared();
    await leftAtHandover(current);
    store.getState().next();
    await flush();
    expect(store.getState().currentId).toBe(idOf(store, 1));
    expect(fader.of(next).at(-1)).toEqual({ sound: next, from: null, to: 1, seconds: 0 });
    expect(next.calls).toEqual(['play']);
    expect(current.unloaded).toBe(true);
    expect(made).toHaveLength(2);
  });

  it('without the graph (no fader, or a sound outside it) waits for the end as before', async () => {
    const bare = await prepared(0, { noFader: true });
    await playOn([bare.current], bare.current.position, 1, () => false);
    expect(bare.current.calls).not.toContain('handOver');
    expect(bare.next.calls).toEqual([]);

    const outside = await prepared();
    outside.current.inGraph = false;
    await playOn([outside.current], outside.current.position, 1, () => false);
    expect(outside.next.calls).toEqual([]);
    outside.current.emit('end');
    await flush();
    expect(outside.next.calls).toEqual(['play']);
  });
});
