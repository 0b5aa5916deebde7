// Playback benchmarks in Chromium against the simulator at 40 ms a request: recovery from a mid-track 403,
// the gap between tracks, the first play of a resolved track, and a 30-track soak with seeks and short URLs.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import {
  addAndWait,
  addLinks,
  catalogue,
  entry,
  launchChromium,
  openApp,
  rows,
  type App,
  type CatalogueEntry,
  type OpenOptions,
} from '../e2e/harness';
import { startSimulator, type RequestRecord, type Simulator } from '../simulator/server';
import { MEDIA_HOSTS } from '../simulator/urls';
import { seededRandom } from '../helpers/random';
import type { Figure } from './figures';

/** The simulator's delay before every answer (API and media alike). */
const LATENCY_MS = 40;

/**
 * 403 recovery bound: after the refused Range request the engine needs a fresh grant (one API request), a
 * new media request, and (for a rebuild mid-track) the Range request that seeks back to the position —
 * three round trips — plus 150 ms for howler, decoding and the element starting.
 */
const RECOVERY_BOUND_MS = 3 * LATENCY_MS + 150;
/** Track gap bound: a prepared next track starts almost at once; 50 ms is below what a listener notices. */
const TRACK_GAP_BOUND_MS = 50;
/**
 * First-play bound for `requests` sequential requests (the grant chain plus the first media request):
 * 25% over the bare round trips, plus 100 ms for the renderer, howler and the first decoded audio.
 */
const firstPlayBoundMs = (requests: number): number => 1.25 * requests * LATENCY_MS + 100;
/** Soak bound: not one span over STALL_MS with the Pause button shown and no audio moving. */
const SOAK_STALL_BOUND = 0;
/** How long playing audio may stand still before it counts as a stall. */
const STALL_MS = 1_000;

/** URL lifetime for the 403 runs: short, so the URL has expired a few seconds into the track. */
const RECOVERY_TTL_SECONDS = 3;
/**
 * Media bandwidth cap for the 403 runs: 1.25× the 32 kbps tracks' bit rate (4,000 B/s), so a 75–150 s
 * track is still downloading when the connection is cut, with only a few seconds buffered ahead.
 */
const RECOVERY_BYTES_PER_SECOND = 5_000;
/**
 * Long 32 kbps tracks (60 s and more), one per 403 run: each run opens a new session, so the engine's
 * retry budget is fresh (the last run goes back to the first track).
 */
const RECOVERY_TRACKS = ['Night Train', 'Copper Wire', 'Glass Garden', 'Low Tide', 'Night Train'];
/** How long to wait for a fresh stream after the 403. */
const RECOVERY_WAIT_MS = 40_000;
/** How long each track plays before the cut: past the URL's expiry. */
const RECOVERY_PLAY_MS = (RECOVERY_TTL_SECONDS + 1.5) * 1_000;

/** Short tracks queued for the gap figure (Bulk Uploads 1–6: 5–10 s each, 5 transitions). */
const GAP_TRACKS = 6;
/** Fresh apps, one resolved track each, for the first-play figure. */
const FIRST_PLAY_TRACKS = ['Lantern Hum', 'Harbour Lights', 'Slow Current', 'Paper Boats', 'Blank Canvas'];

const SOAK_TRACKS = 30;
const SOAK_TTL_SECONDS = 5;
const SOAK_SEED = 0x5eed;
/**
 * A seek every 1.5–3.5 s, to between 3 s back and 9 s ahead (so the 30 tracks' 4:45 plays through in
 * about 2½ minutes).
 */
const SOAK_SEEK_EVERY_MS: readonly [number, number] = [1_500, 3_500];
const SOAK_SEEK_SECONDS: readonly [number, number] = [-3, 9];
/** The soak stops here even if the queue has not finished. */
const SOAK_LIMIT_MS = 240_000;

/** Hosts the window loads for show (artwork, waveforms): not part of starting the audio. */
const ASSET_HOSTS = new Set(['i1.sndcdn.com', 'wave.sndcdn.com']);
const isMedia = (r: RequestRecord): boolean => MEDIA_HOSTS.has(r.host);
const isChain = (r: RequestRecord): boolean => !MEDIA_HOSTS.has(r.host) && !ASSET_HOSTS.has(r.host);
/** An api-v2 transcoding request: one stream grant (as playback.test.ts counts them). */
const isGrant = (r: RequestRecord): boolean =>
  r.host === 'api-v2.soundcloud.com' && r.path.includes('/stream/');

// --- In the page ------------------------------------------------------------------------------------------

interface Stamp {
  src: string;
  /** Date.now() in the page (the page and Node share the clock). */
  t: number;
}

/** What the page records; a JSON copy of it comes back to Node. */
interface PlaybackLog {
  /** The first time each stream (by URL) was seen moving, in order. */
  started: Stamp[];
  /** The last time each stream was seen moving. */
  lastMoved: Record<string, number>;
  ended: Stamp[];
  playing: Stamp[];
  errors: Stamp[];
  /** Spans over the stall limit during which the Pause button was shown and no audio moved. */
  stalls: { start: number; end: number }[];
  /** The longest such span, whatever its length. */
  longestStillMs: number;
  samples: number;
  /** The longest time between two samples: the sampler's resolution under load. */
  maxSampleGapMs: number;
}

interface MonitoredAudio {
  src: string;
  currentTime: number;
  paused: boolean;
  seeking: boolean;
  addEventListener(type: string, listener: () => void): void;
}

interface MonitorGlobals {
  Audio: new (src?: string) => MonitoredAudio;
  __cloudcueAudio: MonitoredAudio[];
  __playback: PlaybackLog;
  /** STALL_MS, set by the context's init script. */
  __playbackStallMs: number;
  __playbackFlush(): void;
  __playbackClick(selector: string): number;
  document: { querySelector(selector: string): { click(): void } | null };
  setInterval(callback: () => void, ms: number): unknown;
}

/**
 * Runs in the page after harness.ts's recorder: logs 'ended', 'playing' and 'error' of every audio
 * element, and every ~5 ms samples each element's currentTime. An element "moves" when, unpaused and not
 * seeking, its currentTime grew by no more than the wall time since the last sample allows (a seek's jump
 * is not movement). Tracks spans where the transport shows Pause and nothing moves.
 */
function monitorPlayback(): void {
  const page = globalThis as unknown as MonitorGlobals;
  const stallMs = page.__playbackStallMs;
  const log: PlaybackLog = {
    started: [],
    lastMoved: {},
    ended: [],
    playing: [],
    errors: [],
    stalls: [],
    longestStillMs: 0,
    samples: 0,
    maxSampleGapMs: 0,
  };
  page.__playback = log;
  const Recorded = page.Audio;
  const Listened = function (src?: string) {
    const element = new Recorded(src);
    const stamp = (into: Stamp[]) => () => {
      if (element.src.startsWith('http')) into.push({ src: element.src, t: Date.now() });
    };
    element.addEventListener('ended', stamp(log.ended));
    element.addEventListener('playing', stamp(log.playing));
    element.addEventListener('error', stamp(log.errors));
    return element;
  } as unknown as MonitorGlobals['Audio'];
  Listened.prototype = Recorded.prototype;
  page.Audio = Listened;

  const last = new Map<MonitoredAudio, { src: string; time: number }>();
  let lastSample = Date.now();
  let stillSince: number | null = null;
  const close = (now: number): void => {
    if (stillSince === null) return;
    const span = now - stillSince;
    log.longestStillMs = Math.max(log.longestStillMs, span);
    if (span > stallMs) log.stalls.push({ start: stillSince, end: now });
  };
  const sample = (): void => {
    const now = Date.now();
    const elapsed = now - lastSample;
    lastSample = now;
    log.samples++;
    if (log.samples > 1) log.maxSampleGapMs = Math.max(log.maxSampleGapMs, elapsed);
    let moved = false;
    for (const element of page.__cloudcueAudio ?? []) {
      const src = element.src;
      if (!src.startsWith('http')) {
        last.delete(element);
        continue;
      }
      const time = element.currentTime;
      const before = last.get(element);
      last.set(element, { src, time });
      if (before === undefined || before.src !== src || element.paused || element.seeking) continue;
      const delta = time - before.time;
      if (delta <= 0 || delta > (elapsed / 1000) * 2 + 0.05) continue;
      moved = true;
      if (log.lastMoved[src] === undefined) log.started.push({ src, t: now });
      log.lastMoved[src] = now;
    }
    const meaning = page.document.querySelector('button[aria-label="Pause"]') !== null;
    if (!meaning || moved) {
      close(now);
      stillSince = meaning ? now : null;
    } else if (stillSince === null) stillSince = now;
  };
  page.setInterval(sample, 5);
  page.__playbackFlush = () => {
    close(Date.now());
    stillSince = null;
  };
  page.__playbackClick = (selector) => {
    const target = page.document.querySelector(selector);
    if (target === null) throw new Error(`nothing matches ${selector}`);
    const at = Date.now();
    target.click();
    return at;
  };
}

async function playbackLog(page: Page): Promise<PlaybackLog> {
  return page.evaluate(() => (globalThis as unknown as MonitorGlobals).__playback);
}

/** Clicks in the page, timestamped there just before the click. */
async function clickInPage(page: Page, selector: string): Promise<number> {
  return page.evaluate((s) => (globalThis as unknown as MonitorGlobals).__playbackClick(s), selector);
}

/** The first stream seen moving after `after` whose URL is not `not`; null on timeout. */
async function nextStart(
  page: Page,
  after: number,
  not: string | null,
  timeoutMs: number,
): Promise<Stamp | null> {
  try {
    const handle = await page.waitForFunction(
      ({ after: since, not: old }) =>
        (globalThis as unknown as MonitorGlobals).__playback.started.find(
          (s) => s.t >= since && s.src !== old,
        ) ?? false,
      { after, not },
      { timeout: timeoutMs, polling: 20 },
    );
    return (await handle.jsonValue()) as Stamp;
  } catch {
    return null;
  }
}

// --- Node side -------------------------------------------------------------------------------------------

const PLAY = 'button[aria-label="Play"]';

/**
 * The figures are of howler's progressive MP3 (Range resumes, element `src` URLs the sampler can follow):
 * the app plays AAC HLS first by default, so these apps prefer MP3, as a user may in Settings.
 */
function openBenchApp(browser: Browser, options: OpenOptions): Promise<App> {
  return openApp(browser, {
    streamPreference: 'mp3',
    ...options,
    initScripts: [{ content: `globalThis.__playbackStallMs = ${STALL_MS};` }, monitorPlayback],
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const ms = (value: number): string => (Number.isFinite(value) ? String(Math.round(value)) : 'none');

/** The 'Bulk Upload N' tracks, N = 1, 2, … */
async function bulkTracks(simulator: Simulator, count: number): Promise<CatalogueEntry[]> {
  const all = (await catalogue(simulator)).filter((e) => e.kind === 'track' && e.artist === 'Bulk Uploads');
  const number = (e: CatalogueEntry): number => Number(/(\d+)$/.exec(e.title)?.[1] ?? 0);
  return all.sort((a, b) => number(a) - number(b)).slice(0, count);
}

/** "4:45", as the queue's summary shows a total under an hour. */
const minutes = (totalMs: number): string => {
  const total = Math.round(totalMs / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
};

/**
 * Adds many links and waits until every one has resolved: the queue is virtualized (addAndWait counts
 * rendered rows), but its summary counts everything, and adds in a track's length only once it resolves.
 */
async function addAllAndWait(page: Page, tracks: readonly CatalogueEntry[]): Promise<void> {
  await addLinks(page, tracks.map((t) => t.permalink).join('\n'));
  const expected = `${tracks.length} items · ${minutes(tracks.reduce((sum, t) => sum + t.duration, 0))}`;
  await page.waitForFunction(
    (text) =>
      (
        globalThis as unknown as {
          document: { querySelector(s: string): { textContent: string | null } | null };
        }
      ).document.querySelector('.queue-summary')?.textContent === text,
    expected,
    { timeout: 60_000 },
  );
}

// --- 1. 403 recovery ---------------------------------------------------------------------------------------

interface RecoveryRun {
  track: string;
  dropped: number;
  /** From the dblclick to the stream first moving (a slow start leaves more buffered at the cut). */
  startMs: number;
  /** The figure: from the 403's answer, or from the old stream's last movement if later, to a fresh stream moving. */
  gapMs: number;
  /** From the 403's answer (arrival + latency) to a fresh stream moving, whatever played in between. */
  fromAnswerMs: number;
  /** When the old stream last moved, relative to the 403's answer. */
  oldLastMs: number;
  /** When the page saw the old element's 'error', relative to the 403's answer (null: none). */
  errorMs: number | null;
  /** When the engine asked for a fresh grant, relative to the 403's answer (null: it did not). */
  grantMs: number | null;
  /** The media requests refused between the cut and the fresh stream moving (Chromium retries). */
  refusals: number;
}

/**
 * Plays each long track under the bandwidth cap until its URL has expired, then cuts the media connection:
 * Chromium asks again with `Range` and is refused (403), retrying quietly while it plays on from its
 * buffer. The gap starts at the first 403's answer or, if the old stream is still moving then, where it
 * stops; it ends when a stream on a fresh URL moves.
 */
async function recovery(browser: Browser): Promise<Figure> {
  const app = await openBenchApp(browser, {
    latencyMs: LATENCY_MS,
    ttlSeconds: RECOVERY_TTL_SECONDS,
    mediaBytesPerSecond: RECOVERY_BYTES_PER_SECOND,
  });
  const runs: RecoveryRun[] = [];
  const failures: string[] = [];
  try {
    const entries = await catalogue(app.simulator);
    const tracks = RECOVERY_TRACKS.map((title) => entry(entries, title));
    await addAndWait(app.page, [...new Set(tracks.map((t) => t.permalink))]);
    for (const track of tracks) {
      app.simulator.configure({ mediaBytesPerSecond: RECOVERY_BYTES_PER_SECOND });
      const started = Date.now();
      await rows(app.page).filter({ hasText: track.title }).locator('.row-title').dblclick();
      const stream = await nextStart(app.page, started, null, 20_000);
      if (stream === null) {
        failures.push(`${track.title}: never started`);
        continue;
      }
      await sleep(Math.max(0, stream.t + RECOVERY_PLAY_MS - Date.now()));
      const cutAt = Date.now();
      const dropped = app.simulator.dropConnections();
      // The cap only kept the transfer open until the cut; after it the network is fast again, so a
      // rebuilt sound is not held up re-downloading the track up to the position at the capped rate.
      app.simulator.configure({ mediaBytesPerSecond: null });
      const deadline = cutAt + 10_000;
      let refused: RequestRecord | undefined;
      while (refused === undefined && Date.now() < deadline) {
        await sleep(10);
        refused = app.simulator.requests.find((r) => r.time >= cutAt && isMedia(r) && r.status === 403);
      }
      if (refused === undefined) {
        failures.push(`${track.title}: no 403 within 10 s of the cut (${dropped} dropped)`);
        continue;
      }
      // The record's time is the request's arrival; the refusal is sent after the simulated latency.
      const answeredAt = refused.time + LATENCY_MS;
      const resumed = await nextStart(app.page, answeredAt, stream.src, RECOVERY_WAIT_MS);
      const log = await playbackLog(app.page);
      if (resumed === null) {
        failures.push(
          `${track.title}: audio did not move again within ${RECOVERY_WAIT_MS / 1000} s of the 403`,
        );
        continue;
      }
      const oldLast = log.lastMoved[stream.src] ?? Number.NaN;
      const error = log.errors.find((e) => e.src === stream.src && e.t >= cutAt);
      const since = app.simulator.requests.filter((r) => r.time >= cutAt && r.time <= resumed.t);
      const grant = since.find(isGrant);
      runs.push({
        track: track.title,
        dropped,
        startMs: stream.t - started,
        gapMs: resumed.t - Math.max(answeredAt, oldLast),
        fromAnswerMs: resumed.t - answeredAt,
        oldLastMs: oldLast - answeredAt,
        errorMs: error === undefined ? null : error.t - answeredAt,
        grantMs: grant === undefined ? null : grant.time - answeredAt,
        refusals: since.filter((r) => isMedia(r) && r.status === 403).length,
      });
    }
  } finally {
    await app.close();
  }
  const gaps = runs.map((r) => r.gapMs);
  const value = failures.length > 0 ? Number.POSITIVE_INFINITY : median(gaps);
  const detail = runs
    .map(
      (r) =>
        `${r.track}: ${ms(r.gapMs)} (started ${ms(r.startMs)} after the double-click; ${r.dropped} dropped, ` +
        `${r.refusals} 403s; relative to the 403's answer: old stream last moved ${ms(r.oldLastMs)}, ` +
        `element 'error' ${r.errorMs === null ? 'none' : ms(r.errorMs)}, grant asked ` +
        `${r.grantMs === null ? 'never' : ms(r.grantMs)}, fresh stream moving ${ms(r.fromAnswerMs)})`,
    )
    .join('; ');
  return {
    name: 'playback-403-recovery',
    value: Math.round(value),
    unit: 'ms',
    bound: RECOVERY_BOUND_MS,
    kind: 'max',
    note:
      `median of ${runs.length} runs; the gap runs from the 403's answer (arrival + ${LATENCY_MS} ms), or from ` +
      `the old stream's last movement when it plays on from its buffer after that, to a fresh stream moving: ${detail}` +
      (failures.length > 0 ? `; FAILED: ${failures.join('; ')}` : ''),
  };
}

// --- 2. Track gap ------------------------------------------------------------------------------------------

async function trackGap(browser: Browser): Promise<Figure> {
  const app = await openBenchApp(browser, { latencyMs: LATENCY_MS, extraTracks: GAP_TRACKS });
  const gaps: { gapMs: number; playingMs: number | null }[] = [];
  let ends = 0;
  try {
    const tracks = await bulkTracks(app.simulator, GAP_TRACKS);
    await addAndWait(
      app.page,
      tracks.map((t) => t.permalink),
    );
    await clickInPage(app.page, PLAY);
    const total = tracks.reduce((sum, t) => sum + t.duration, 0);
    // The queue has played through when the transport shows Play again.
    await app.page.locator(PLAY).waitFor({ timeout: total + 30_000 });
    const log = await playbackLog(app.page);
    ends = log.ended.length;
    for (const end of log.ended) {
      // The stream that started after this one: the engine may start it a moment before this one ends,
      // so it is found by order, and the gap runs from this one's last movement to its first (negative:
      // an overlap).
      const at = log.started.findIndex((s) => s.src === end.src);
      const next = log.started.slice(at + 1).find((s) => s.src !== end.src);
      if (at === -1 || next === undefined) continue; // the last track
      const lastMoved = log.lastMoved[end.src] ?? end.t;
      const playing = log.playing.find((p) => p.t >= lastMoved - 1_000 && p.src === next.src);
      gaps.push({
        gapMs: next.t - lastMoved,
        playingMs: playing === undefined ? null : playing.t - lastMoved,
      });
    }
  } finally {
    await app.close();
  }
  const expected = GAP_TRACKS - 1;
  const complete = gaps.length === expected;
  return {
    name: 'playback-track-gap',
    value: complete ? Math.max(...gaps.map((g) => g.gapMs)) : Number.POSITIVE_INFINITY,
    unit: 'ms',
    bound: TRACK_GAP_BOUND_MS,
    kind: 'max',
    note:
      `worst of ${gaps.length} transitions (${ends} 'ended' events), from a stream's last movement to the next one's first (negative: overlap): ` +
      gaps.map((g) => ms(g.gapMs)).join(', ') +
      `; to its 'playing' event: ${gaps.map((g) => (g.playingMs === null ? 'none' : ms(g.playingMs))).join(', ')}` +
      (complete ? '' : `; FAILED: expected ${expected} transitions`),
  };
}

// --- 3. First play -----------------------------------------------------------------------------------------

interface FirstPlayRun {
  track: string;
  ms: number;
  chain: number;
  media: number;
  bound: number;
}

async function firstPlay(browser: Browser): Promise<Figure> {
  const simulator = await startSimulator({ latencyMs: LATENCY_MS });
  const runs: FirstPlayRun[] = [];
  const failures: string[] = [];
  try {
    const entries = await catalogue(simulator);
    for (const title of FIRST_PLAY_TRACKS) {
      // A fresh app each time: no grant in main's cache, nothing in Chromium's.
      const app = await openBenchApp(browser, { simulator });
      try {
        await addAndWait(app.page, [entry(entries, title).permalink]);
        await sleep(500); // artwork and waveform requests settle
        const clicked = await clickInPage(app.page, PLAY);
        const moving = await nextStart(app.page, clicked, null, 10_000);
        if (moving === null) {
          failures.push(`${title}: never moved`);
          continue;
        }
        const between = simulator.requests.filter((r) => r.time >= clicked && r.time <= moving.t);
        const chain = between.filter(isChain).length;
        runs.push({
          track: title,
          ms: moving.t - clicked,
          chain,
          media: between.filter(isMedia).length,
          bound: firstPlayBoundMs(chain + 1),
        });
      } finally {
        await app.close();
      }
    }
  } finally {
    await simulator.close();
  }
  const value = failures.length > 0 ? Number.POSITIVE_INFINITY : median(runs.map((r) => r.ms));
  // The bound of the median run (they normally all have the same count).
  const middle = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
  return {
    name: 'playback-first-play',
    value: Math.round(value),
    unit: 'ms',
    bound: middle?.bound ?? firstPlayBoundMs(2),
    kind: 'max',
    note:
      `median of ${runs.length} fresh apps, from the Play click to the stream moving; per run ms/bound ` +
      `[chain requests + first media request; media requests seen]: ` +
      runs.map((r) => `${r.track} ${ms(r.ms)}/${ms(r.bound)} [${r.chain}+1; ${r.media}]`).join(', ') +
      (failures.length > 0 ? `; FAILED: ${failures.join('; ')}` : ''),
  };
}

// --- 4. Soak -----------------------------------------------------------------------------------------------

interface SliderState {
  now: number;
  max: number;
}

/** How far before a stall its story starts: the requests and audio events that led to it. */
const STALL_CONTEXT_MS = 3_000;

/**
 * What happened around a stall, for its line: each request to the simulator (its kind, status and time from
 * the run's start) and each audio event of the page from STALL_CONTEXT_MS before the stall to its end.
 */
function aroundStall(
  stall: { start: number; end: number },
  started: number,
  requests: readonly RequestRecord[],
  log: PlaybackLog,
): string {
  const within = (t: number): boolean => t >= stall.start - STALL_CONTEXT_MS && t <= stall.end;
  const at = (t: number): string => `+${((t - started) / 1000).toFixed(2)}`;
  const kind = (r: RequestRecord): string =>
    isGrant(r) ? 'grant' : isMedia(r) ? `media${r.headers.range ? ` ${r.headers.range}` : ''}` : r.host;
  const events = [
    ...requests.filter((r) => within(r.time)).map((r) => ({ t: r.time, what: `${kind(r)} ${r.status}` })),
    ...(['playing', 'ended', 'errors'] as const).flatMap((name) =>
      log[name].filter((e) => within(e.t)).map((e) => ({ t: e.t, what: `audio ${name}` })),
    ),
  ].sort((a, b) => a.t - b.t);
  return events.map((e) => `${at(e.t)} ${e.what}`).join('; ') || 'nothing';
}

export async function soak(browser: Browser): Promise<Figure[]> {
  const app = await openBenchApp(browser, {
    latencyMs: LATENCY_MS,
    ttlSeconds: SOAK_TTL_SECONDS,
    extraTracks: SOAK_TRACKS,
  });
  // Seeded, so a soak's seeks repeat from run to run.
  const random = seededRandom(SOAK_SEED);
  const between = (range: readonly [number, number]): number => range[0] + random() * (range[1] - range[0]);
  let seeks = 0;
  let seekFailures = 0;
  let finished = false;
  let log: PlaybackLog;
  let started = 0;
  let stopped = 0;
  let failed = '';
  try {
    const tracks = await bulkTracks(app.simulator, SOAK_TRACKS);
    await addAllAndWait(app.page, tracks);
    started = await clickInPage(app.page, PLAY);
    const slider = app.page.getByRole('slider', { name: 'Seek' });
    while (Date.now() - started < SOAK_LIMIT_MS) {
      // Both draws every round, so the sequence of seeks does not depend on timing.
      const wait = between(SOAK_SEEK_EVERY_MS);
      const jump = between(SOAK_SEEK_SECONDS);
      await sleep(wait);
      if ((await app.page.locator(PLAY).count()) > 0) {
        finished = true;
        break;
      }
      const state: SliderState = await slider.evaluate((element) => {
        const node = element as unknown as { getAttribute(name: string): string | null };
        return {
          now: Number(node.getAttribute('aria-valuenow')),
          max: Number(node.getAttribute('aria-valuemax')),
        };
      });
      const box = await slider.boundingBox();
      if (box === null || state.max <= 0) continue;
      const target = Math.min(state.max - 0.5, Math.max(0, state.now + jump));
      try {
        await slider.click({
          position: { x: (target / state.max) * box.width, y: box.height / 2 },
          timeout: 2_000,
        });
        seeks++;
      } catch {
        seekFailures++;
      }
    }
    stopped = Date.now();
    await app.page.evaluate(() => (globalThis as unknown as MonitorGlobals).__playbackFlush());
    log = await playbackLog(app.page);
    failed = (await app.page.locator('.failed-count').allTextContents()).join('');
  } finally {
    await app.close();
  }
  const grants = app.simulator.requests.filter((r) => isGrant(r) && r.time >= started && r.time <= stopped);
  const perTrack = new Map<string, number>();
  for (const r of grants) {
    const id = /soundcloud:tracks:(\d+)/.exec(r.path)?.[1] ?? r.path;
    perTrack.set(id, (perTrack.get(id) ?? 0) + 1);
  }
  const refreshes = grants.length - perTrack.size;
  const media403 = app.simulator.requests.filter(
    (r) => isMedia(r) && r.status === 403 && r.time >= started && r.time <= stopped,
  ).length;
  const stalls = log.stalls.map(
    (s) =>
      `${ms(s.end - s.start)} at +${((s.start - started) / 1000).toFixed(1)} s ` +
      `(${aroundStall(s, started, app.simulator.requests, log)})`,
  );
  return [
    {
      name: 'playback-soak-stalls',
      value: log.stalls.length,
      unit: 'stalls over 1 s',
      bound: SOAK_STALL_BOUND,
      kind: 'max',
      note:
        `${SOAK_TRACKS} tracks, ${SOAK_TTL_SECONDS} s URLs, ${seeks} seeks (${seekFailures} missed), ` +
        `${((stopped - started) / 1000).toFixed(0)} s, ${finished ? 'played through' : `STOPPED at the ${SOAK_LIMIT_MS / 1000} s limit`}; ` +
        `${log.started.length} streams started, ${log.ended.length} ended${failed === '' ? '' : `, ${failed}`}; ` +
        `stalls: ${stalls.length > 0 ? stalls.join(', ') : 'none'}; longest still span ${ms(log.longestStillMs)} ms; ` +
        `${grants.length} grant requests for ${perTrack.size} tracks = ${refreshes} refreshes; ${media403} media 403s; ` +
        `sampler ${log.samples} samples, longest gap ${ms(log.maxSampleGapMs)} ms`,
    },
  ];
}

export async function playbackFigures(): Promise<Figure[]> {
  const browser = await launchChromium();
  try {
    return [
      await recovery(browser),
      await trackGap(browser),
      await firstPlay(browser),
      ...(await soak(browser)),
    ];
  } finally {
    await browser.close();
  }
}
