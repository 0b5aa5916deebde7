// End to end in Chromium: with a crossfade of 4 s, the next track starts 4 s before the current one ends and
// both elements play at once for those 4 s, the outgoing fade gain falling and the incoming one rising on
// equal-power curves in the graph, the level at the output (read by the test's recorder at the limiter) never
// more than 1 dB above either track's own level while they cross (normalized, the outgoing track keeping its
// gain), and the queue on the next track from the fade's start.
import { describe, expect, it } from 'vitest';
import {
  currentTitle,
  openAppWith,
  setSettings,
  useChromium,
  withApp,
  type App,
  type RecorderGlobals,
} from './harness';
import { outputReadings, recordOutputLevel, type OutputReading } from './output-level';

const browser = useChromium();

/** One sample of the page: each recorded element's position and state, and each faded gain's value. */
interface Sample {
  at: number;
  elements: { currentTime: number; paused: boolean; stream: boolean; volume: number }[];
  gains: number[];
}

/** A curve the page put on a gain: its first and last values and its length (s). */
interface Curve {
  first: number;
  last: number;
  seconds: number;
}

/** The part of a page's AudioParam the sampler uses; declared here because the Node type check has no DOM. */
interface PageParam {
  value: number;
  setValueCurveAtTime(values: ArrayLike<number>, startTime: number, duration: number): unknown;
}

interface FadeGlobals {
  AudioParam: { prototype: PageParam };
  __fadeCurves: Curve[];
  __fadeParams: PageParam[];
  __samples: Sample[];
}

/**
 * Runs in the page before the app: notes every curve put on a gain (the graph's fades) and its parameter, and
 * samples the audio elements and those gains every 50 ms.
 */
function sampleFades(): void {
  const page = globalThis as unknown as FadeGlobals & RecorderGlobals;
  const curves: Curve[] = [];
  const params: PageParam[] = [];
  const samples: Sample[] = [];
  const prototype = page.AudioParam.prototype;
  const native = prototype.setValueCurveAtTime;
  prototype.setValueCurveAtTime = function (this: PageParam, values, startTime, duration) {
    const list = Array.from(values);
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
      volume: a.volume,
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

/** What a crossfade from Paper Boats (12 s) into Signal Fire looked like in the page. */
interface Run {
  samples: Sample[];
  curves: Curve[];
  /** The two elements' indices (outgoing, incoming) and the page times both were moving. */
  outgoing: number;
  incoming: number;
  together: number[];
  /** The output's readings, every 100 ms. */
  output: OutputReading[];
}

/** Plays Paper Boats into Signal Fire with a crossfade of 4 s, and reads back the page's samples. */
async function crossfadeRun(app: App): Promise<Run> {
  // The two tracks are by different artists; the setting would keep a set's neighbours gapless anyway.
  // Normalization on, as by default: both tracks come out at −14 LUFS (their tones are 1 dB apart, and
  // Signal Fire's first play starts at 0 dB, below its level), the outgoing one at its own gain while the
  // incoming one is measured alone, so the level at the output while they cross is the fade's doing.
  await setSettings(app.page, {
    crossfadeSeconds: 4,
    keepAlbumsGapless: false,
    normalizeLoudness: true,
    loudnessTarget: -14,
  });
  await app.page.getByRole('button', { name: 'Play', exact: true }).click();
  // The fade runs from about 8 s into Paper Boats to its end; the queue is on Signal Fire from its start.
  await expect.poll(() => currentTitle(app.page), { timeout: 20_000 }).toBe('Signal Fire');
  // The fade's 4 s, and 3 s of Signal Fire alone.
  await app.page.waitForTimeout(7_000);
  const { samples, curves } = await app.page.evaluate(() => {
    const page = globalThis as unknown as FadeGlobals;
    return { samples: [...page.__samples], curves: [...page.__fadeCurves] };
  });
  const output = await outputReadings(app.page);
  const count = samples.at(-1)?.elements.length ?? 0;
  const moved = Array.from({ length: count }, (_, i) => ({ index: i, at: movingAt(samples, i) })).filter(
    (m) => m.at.length > 0,
  );
  expect(moved.length).toBeGreaterThanOrEqual(2);
  const [outgoing, incoming] = moved as [{ index: number; at: number[] }, { index: number; at: number[] }];
  const together = incoming.at.filter((t) => outgoing.at.some((o) => Math.abs(o - t) <= 60));
  return { samples, curves, outgoing: outgoing.index, incoming: incoming.index, together, output };
}

/**
 * The output's level (dB) over the ten readings (a second of them) ending at `end`: their mean power, in
 * which the tones' pulse (once a second) cancels out.
 */
function levelEnding(output: readonly OutputReading[], end: number): number {
  const span = output.slice(end - 9, end + 1);
  const power = span.reduce((sum, r) => sum + 10 ** (r.momentary / 10), 0) / span.length;
  return 10 * Math.log10(power);
}

/** Each track's own level at the output (the outgoing one's before the fade, the incoming one's after it) and the levels while they cross. */
function outputLevels(run: Run): { own: [number, number]; crossing: number[] } {
  const { output } = run;
  const [start, end] = [run.together[0] ?? 0, run.together.at(-1) ?? 0];
  const before = output.findLastIndex((r) => r.at <= start - 100);
  // The first second whose readings' 400 ms windows all come after the fade.
  const after = output.findIndex((r) => r.at >= end + 1_500);
  expect(before).toBeGreaterThanOrEqual(9);
  expect(after).toBeGreaterThanOrEqual(9);
  const crossing: number[] = [];
  for (let i = 9; i < output.length; i++) {
    if (output[i - 9]!.at >= start && output[i]!.at <= end) crossing.push(levelEnding(output, i));
  }
  return { own: [levelEnding(output, before), levelEnding(output, after)], crossing };
}

/** How long (ms) both elements were moving at once. */
const overlapOf = (run: Run): number => (run.together.at(-1) ?? 0) - (run.together[0] ?? 0);

/** The samples taken while both elements were moving. */
const duringFade = (run: Run): Sample[] =>
  run.samples.filter((s) => s.at >= (run.together[0] ?? 0) && s.at <= (run.together.at(-1) ?? 0));

describe('crossfade', () => {
  it('plays both tracks at once for 4 s, the outgoing gain falling and the incoming one rising', async () => {
    const opening = openAppWith(browser(), ['Paper Boats', 'Signal Fire'], {
      initScripts: [recordOutputLevel, sampleFades],
    });
    await withApp(opening, async (app) => {
      const run = await crossfadeRun(app);
      // Both elements moved at the same time, for the 4 s of the fade (sampled every 50 ms by a page timer,
      // which a busy machine delays: the fade's own length, ± 0.3 s, is read from its curves below).
      expect(overlapOf(run)).toBeGreaterThan(3_500);
      expect(overlapOf(run)).toBeLessThan(4_500);

      // At the output, while they cross: the summed level is never more than 1 dB above either track's own
      // level (equal power: the two powers' shares always sum to one, where both at full level would be 3 dB
      // above), nor 1 dB below (a linear fade would sag 3 dB half way).
      const { own, crossing } = outputLevels(run);
      expect(Math.abs(own[0] - own[1])).toBeLessThan(1);
      expect(crossing.length).toBeGreaterThan(20);
      expect(Math.max(...crossing)).toBeLessThanOrEqual(Math.min(...own) + 1);
      expect(Math.min(...crossing)).toBeGreaterThanOrEqual(Math.max(...own) - 1);

      // The graph's curves: the incoming gain from 0 up to 1, the outgoing one down to 0, each over ~4 s.
      const rising = run.curves.find((c) => c.first === 0 && c.last === 1);
      const falling = run.curves.find((c) => c.first > 0.9 && c.last === 0);
      expect(rising?.seconds).toBeGreaterThan(3.7);
      expect(rising?.seconds).toBeLessThan(4.3);
      expect(falling?.seconds).toBeCloseTo(rising?.seconds ?? 0, 1);

      // Read back while they ran (the incoming fade was put on first): one gain fell, the other rose.
      const during = duringFade(run);
      const [up, down] = [0, 1].map((i) => during.map((s) => s.gains[i] ?? Number.NaN)) as [
        number[],
        number[],
      ];
      expect((down[0] ?? 0) - (down.at(-1) ?? 0)).toBeGreaterThan(0.6);
      expect((up.at(-1) ?? 0) - (up[0] ?? 0)).toBeGreaterThan(0.6);
      // Equal power: half way, their squares sum to about 1.
      const middle = Math.floor(during.length / 2);
      const [a, b] = [down[middle] ?? 0, up[middle] ?? 0];
      expect(a * a + b * b).toBeGreaterThan(0.8);
      expect(a * a + b * b).toBeLessThan(1.2);
      await expect(currentTitle(app.page)).resolves.toBe('Signal Fire');
    });
  }, 60_000);

  it('fades the elements’ own volumes where the graph cannot read the media (MP3 without CORS)', async () => {
    const opening = openAppWith(browser(), ['Paper Boats', 'Signal Fire'], {
      initScripts: [recordOutputLevel, sampleFades],
      streamPreference: 'mp3',
    });
    await withApp(opening, async (app) => {
      const run = await crossfadeRun(app);
      expect(overlapOf(run)).toBeGreaterThan(3_500);
      expect(overlapOf(run)).toBeLessThan(4_500);
      const during = duringFade(run);
      const down = during.map((s) => s.elements[run.outgoing]?.volume ?? Number.NaN);
      const up = during.map((s) => s.elements[run.incoming]?.volume ?? Number.NaN);
      expect(down[0]).toBeGreaterThan(0.8);
      expect(down.at(-1)).toBeLessThan(0.2);
      expect(up[0]).toBeLessThan(0.2);
      expect(up.at(-1)).toBeGreaterThan(0.8);
      const middle = Math.floor(during.length / 2);
      const [a, b] = [down[middle] ?? 0, up[middle] ?? 0];
      expect(a * a + b * b).toBeGreaterThan(0.8);
      expect(a * a + b * b).toBeLessThan(1.2);
      // The incoming track's element, faded in, plays on at full volume.
      expect(run.samples.at(-1)?.elements[run.incoming]?.volume).toBe(1);
    });
  }, 60_000);
});
