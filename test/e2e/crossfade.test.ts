// End to end in Chromium: with a crossfade of 4 s, the next track starts 4 s before the current one ends and
// both elements play at once for those 4 s, the outgoing fade gain falling and the incoming one rising on
// equal-power curves in the graph, and the queue on the next track from the fade's start.
import { describe, expect, it } from 'vitest';
import {
  currentTitle,
  openAppWith,
  setSettings,
  useChromium,
  withApp,
  type RecorderGlobals,
} from './harness';

const browser = useChromium();

/** One sample of the page: each recorded element's position and state, and each faded gain's value. */
interface Sample {
  at: number;
  elements: { currentTime: number; paused: boolean; stream: boolean }[];
  gains: number[];
}

/** A curve the page put on a gain: its first and last values and its length (s). */
interface Curve {
  first: number;
  last: number;
  seconds: number;
}

interface FadeGlobals {
  __fadeCurves: Curve[];
  __fadeParams: AudioParam[];
  __samples: Sample[];
}

/**
 * Runs in the page before the app: notes every curve put on a gain (the graph's fades) and its parameter,
 * and samples the audio elements and those gains every 50 ms.
 */
function sampleFades(): void {
  const page = globalThis as unknown as FadeGlobals & RecorderGlobals;
  const curves: Curve[] = [];
  const params: AudioParam[] = [];
  const samples: Sample[] = [];
  const native = AudioParam.prototype.setValueCurveAtTime;
  AudioParam.prototype.setValueCurveAtTime = function (values, startTime, duration) {
    const list = [...values];
    curves.push({ first: list[0] ?? 0, last: list.at(-1) ?? 0, seconds: duration });
    if (!params.includes(this)) params.push(this);
    return native.call(this, values, startTime, duration);
  };
  Object.defineProperty(page, '__fadeCurves', { value: curves });
  Object.defineProperty(page, '__fadeParams', { value: params });
  Object.defineProperty(page, '__samples', { value: samples });
  setInterval(() => {
    const elements = (page.__cloudcueAudio ?? []).map((a) => ({
      currentTime: a.currentTime,
      paused: a.paused,
      stream: a.src.startsWith('http') || a.src.startsWith('blob:'),
    }));
    samples.push({ at: performance.now(), elements, gains: params.map((p) => p.value) });
  }, 50);
}

/** The spans (page ms) in which element `index` was moving: unpaused, its position past the sample before. */
function movingAt(samples: readonly Sample[], index: number): number[] {
  const times: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const before = samples[i - 1]?.elements[index];
    const now = samples[i]?.elements[index];
    if (before && now && now.stream && !now.paused && now.currentTime > before.currentTime) {
      times.push(samples[i]?.at ?? 0);
    }
  }
  return times;
}

describe('crossfade', () => {
  it('plays both tracks at once for 4 s, the outgoing gain falling and the incoming one rising', async () => {
    const opening = openAppWith(browser(), ['Paper Boats', 'Lantern Hum'], { initScripts: [sampleFades] });
    await withApp(opening, async (app) => {
      // Both tracks are by different artists; the setting would keep a set's neighbours gapless anyway.
      await setSettings(app.page, { crossfadeSeconds: 4, keepAlbumsGapless: false });
      await app.page.getByRole('button', { name: 'Play', exact: true }).click();

      // Paper Boats lasts 12 s: the fade runs from about 8 s in to its end.
      await expect.poll(() => currentTitle(app.page), { timeout: 20_000 }).toBe('Lantern Hum');
      await app.page.waitForTimeout(5_000);
      const { samples, curves } = await app.page.evaluate(() => {
        const page = globalThis as unknown as FadeGlobals;
        return { samples: [...page.__samples], curves: [...page.__fadeCurves] };
      });

      // Two elements moved at the same time, for the 4 s of the fade.
      const streams = samples.at(-1)?.elements.length ?? 0;
      const moving = Array.from({ length: streams }, (_, i) => movingAt(samples, i)).filter((t) => t.length);
      expect(moving.length).toBeGreaterThanOrEqual(2);
      const [outgoing, incoming] = moving as [number[], number[]];
      const together = incoming.filter((t) => outgoing.some((o) => Math.abs(o - t) <= 60));
      const overlapMs = (together.at(-1) ?? 0) - (together[0] ?? 0);
      expect(overlapMs).toBeGreaterThan(3_500);
      expect(overlapMs).toBeLessThan(4_500);

      // The graph's curves: the incoming gain from 0 up to 1, the outgoing one down to 0, each over ~4 s.
      const rising = curves.find((c) => c.first === 0 && c.last === 1);
      const falling = curves.find((c) => c.first > 0.9 && c.last === 0);
      expect(rising?.seconds).toBeGreaterThan(3.7);
      expect(rising?.seconds).toBeLessThan(4.3);
      expect(falling?.seconds).toBeCloseTo(rising?.seconds ?? 0, 1);

      // Read back while they ran: the outgoing gain fell and the incoming one rose, crossing near the middle.
      const during = samples.filter((s) => s.at >= (together[0] ?? 0) && s.at <= (together.at(-1) ?? 0));
      const [fallingGain, risingGain] = [0, 1].map((i) => during.map((s) => s.gains[i] ?? Number.NaN));
      const fell = (fallingGain ?? []).filter(Number.isFinite);
      const rose = (risingGain ?? []).filter(Number.isFinite);
      // The fades were put on in one go (incoming first): read each by its trend.
      const [down, up] = (fell[0] ?? 0) > (fell.at(-1) ?? 0) ? [fell, rose] : [rose, fell];
      expect((down[0] ?? 0) - (down.at(-1) ?? 0)).toBeGreaterThan(0.6);
      expect((up.at(-1) ?? 0) - (up[0] ?? 0)).toBeGreaterThan(0.6);
      // Equal power: half way, each is near √½ and their squares sum to about 1.
      const middle = Math.floor(during.length / 2);
      const [a, b] = [down[middle] ?? 0, up[middle] ?? 0];
      expect(a * a + b * b).toBeGreaterThan(0.8);
      expect(a * a + b * b).toBeLessThan(1.2);

      // The incoming track plays on.
      await expect(currentTitle(app.page)).resolves.toBe('Lantern Hum');
    });
  }, 60_000);
});
