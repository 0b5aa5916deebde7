// The audio graph's CPU while a track plays in Chromium: the renderer's audio threads with the whole graph on
// (normalization, equalizer, limiter and both meters), minus the same track played with no graph at all (the
// app's own fallback where Web Audio is missing), pages alternating in one run so load weighs on both alike.
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { EQ_PRESETS } from '../../renderer/src/audio/eq-bands';
import { openAppWith, playingStream, playingPosition, rows, setSettings, withApp } from '../e2e/harness';
import { audioLoad, audioThreadTimes, canReadThreads, rendererPids, type AudioLoad } from './audio-threads';
import type { Figure } from './figures';

/** The bound: the graph's work on the audio threads, as % of one core. */
const CPU_BOUND_PERCENT = 2;
/** A 75 s track (the app's default AAC HLS stream, 44.1 kHz like the context: no resampling). */
const TRACK = 'Night Train';
/** After the stream moves: the meters start and the normalization gain settles. */
const WARM_MS = 2_000;
const MEASURE_MS = 10_000;
/** Pairs of pages (graph, then none); medians are kept. */
const ROUNDS = 3;
/** Processing off: the page has no Web Audio, so the app plays each element as it is (Settings says so). */
const NO_WEB_AUDIO = 'delete globalThis.AudioContext; delete globalThis.AudioWorkletNode;';
/** The meter's floor: a reading above it shows the graph's output meter ran. */
const SILENT_LUFS = -60;

type Mode = 'graph' | 'none';

interface Round {
  mode: Mode;
  load: AudioLoad;
  /** Seconds of audio played during the span (the stream's position moved this much). */
  played: number;
  /** The output meter's short-term loudness at the end (graph pages). */
  meter: number | null;
}

async function meterLufs(page: Page): Promise<number> {
  const value = await page.getByRole('meter', { name: 'Output level' }).getAttribute('aria-valuenow');
  return Number(value);
}

async function measure(browser: Browser, mode: Mode): Promise<Round> {
  let round: Round | undefined;
  const initScripts = mode === 'none' ? [{ content: NO_WEB_AUDIO }] : [];
  await withApp(openAppWith(browser, [TRACK], { initScripts }), async ({ page }) => {
    if (mode === 'graph') {
      // Every stage on: the normalization is on by default; the equalizer is not.
      await setSettings(page, {
        normalizeLoudness: true,
        equalizer: { enabled: true, preamp: -3, bands: [...EQ_PRESETS.bass] },
      });
    }
    await rows(page).filter({ hasText: TRACK }).locator('.row-title').dblclick();
    await playingStream(page);
    await sleep(WARM_MS);
    const pids = rendererPids();
    const from = (await playingPosition(page)) ?? Number.NaN;
    const before = audioThreadTimes(pids);
    const started = performance.now();
    await sleep(MEASURE_MS);
    const after = audioThreadTimes(pids);
    const wallMs = performance.now() - started;
    const to = (await playingPosition(page)) ?? Number.NaN;
    round = {
      mode,
      load: audioLoad(before, after, wallMs),
      played: to - from,
      meter: mode === 'graph' ? await meterLufs(page) : null,
    };
  });
  if (round === undefined) throw new Error('no measurement');
  return round;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const pc = (value: number): string => `${value.toFixed(2)} %`;

export async function audioGraphCpu(browser: Browser): Promise<Figure> {
  const figure = {
    name: 'audio-graph-cpu',
    unit: '% of a core',
    bound: CPU_BOUND_PERCENT,
    kind: 'max',
  } as const;
  if (!canReadThreads()) {
    return { ...figure, value: Number.NaN, note: "needs Linux's /proc to read the audio threads' CPU time" };
  }
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push(await measure(browser, 'graph'));
    rounds.push(await measure(browser, 'none'));
  }
  const of = (mode: Mode): Round[] => rounds.filter((r) => r.mode === mode);
  const graph = median(of('graph').map((r) => r.load.totalPercent));
  const none = median(of('none').map((r) => r.load.totalPercent));
  const worklet = median(of('graph').map((r) => r.load.workletPercent));
  // Each page must have played in real time, and the graph's pages through the graph (its meter read sound).
  const faults = rounds
    .filter((r) => !(r.played > (0.9 * MEASURE_MS) / 1000) || (r.meter !== null && r.meter <= SILENT_LUFS))
    .map((r) => `${r.mode}: played ${r.played.toFixed(1)} s, meter ${r.meter ?? 'none'}`);
  return {
    ...figure,
    value: faults.length > 0 ? Number.POSITIVE_INFINITY : Math.round((graph - none) * 100) / 100,
    note:
      `the renderer's audio threads over ${MEASURE_MS / 1000} s of "${TRACK}" (AAC HLS), median of ${ROUNDS}: ` +
      `${pc(graph)} with the graph (normalization, equalizer, limiter, meters; its AudioWorklet thread alone ` +
      `${pc(worklet)}) minus the baseline ${pc(none)} with no graph; per page: ` +
      rounds.map((r) => `${r.mode} [${r.load.threads}]`).join('; ') +
      `; load average ${loadavg()[0]?.toFixed(2)}` +
      (faults.length > 0 ? `; FAILED: ${faults.join('; ')}` : ''),
  };
}
