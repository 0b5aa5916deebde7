// Loudness normalization of the current track: it starts at the gain its remembered loudness gives (a first
// play: at 0 dB, set by one quick ramp once its first seconds are measured), measures the track while it plays
// (the graph's tap before any gain), then moves the gain toward the target at most every few seconds by long
// ramps (gain-law.ts), and remembers what it measured: in main, and for the tracks of this session here too,
// so that a track played again starts at its gain without waiting for main's answer.
import { LRUCache } from 'lru-cache';
import type { Settings } from '../../../shared/ipc';
import {
  approachGainDb,
  DEFAULT_TARGET,
  FIRST_SET_RAMP_SECONDS,
  FIRST_SET_SECONDS,
  measuredLoudness,
  TRUST_AFTER_SECONDS,
  wantedGainDb,
  type LoudnessKnowledge,
  type LoudnessTarget,
} from './gain-law';
import type { AudioGraph } from './graph';
import { ABSOLUTE_GATE_LUFS, MOMENTARY_SECONDS } from './loudness';
import type { MeterReading } from './meter-core';

export interface TrackLoudness {
  integratedLufs: number;
  truePeakDb: number;
}

export interface NormalizationOptions {
  graph: Pick<AudioGraph, 'setTrackGain' | 'resetMeasure'>;
  /** A track's remembered loudness (null when never measured). */
  recall?: ((trackId: number) => Promise<TrackLoudness | null>) | undefined;
  remember?: ((trackId: number, loudness: TrackLoudness) => void) | undefined;
  /** Milliseconds. */
  now: () => number;
}

export interface Normalization {
  /** The current track (null: none). */
  setTrack(trackId: number | null): void;
  /** The target (null: normalization off). */
  setTarget(target: LoudnessTarget | null): void;
  /** A reading of the track tap. */
  reading(reading: MeterReading): void;
  /** The gain asked of the graph last (dB). */
  gainDb(): number;
}

/** The gain moves at most this often, each time by a ramp as long as the wait: never audible as pumping. */
export const UPDATE_EVERY_SECONDS = 2;
/** A measurement is remembered once this much has played (and again when the track changes). */
export const REMEMBER_AFTER_SECONDS = 10;
/** The tracks whose loudness the page keeps itself (measured or recalled this session). */
export const KNOWN_ON_PAGE = 200;
/** A new track's gain, or a changed target's, is reached this fast. */
const START_RAMP_SECONDS = 0.05;
const TARGET_RAMP_SECONDS = 1;

/** The target the settings choose (null: off); on at −14 LUFS where main has not said (older settings). */
export function targetOf(settings: Settings | null): LoudnessTarget | null {
  if (settings?.normalizeLoudness === false) return null;
  return settings?.loudnessTarget ?? DEFAULT_TARGET;
}

/** The loudness as main keeps it, within its bounds; null when nothing loud enough was measured. */
function keepable(reading: MeterReading, heard: number): TrackLoudness | null {
  if (!Number.isFinite(reading.integrated) || heard < TRUST_AFTER_SECONDS) return null;
  const clamp = (value: number, low: number, high: number): number =>
    Math.min(high, Math.max(low, Number.isFinite(value) ? value : low));
  return {
    integratedLufs: clamp(reading.integrated, -70, 5),
    truePeakDb: clamp(reading.maxPeakDb, -70, 20),
  };
}

export function createNormalization(options: NormalizationOptions): Normalization {
  const { graph, now } = options;

  let target: LoudnessTarget | null = null;
  let trackId: number | null = null;
  let generation = 0;
  let known: LoudnessKnowledge = { remembered: null, measured: null };
  let last: MeterReading | null = null;
  // Seconds of the track's sound measured (the meter starts at its first sound, but counts a pause as time
  // measured), and the measurement's time up to which they are counted.
  let heard = 0;
  let countedTo = 0;
  // Whether the gain has been set for this track (from its remembered loudness, or its first seconds).
  let placed = false;
  let remembered = false;
  let gain = 0;
  let updatedAt = now();
  const onPage = new LRUCache<number, TrackLoudness>({ max: KNOWN_ON_PAGE });

  function apply(db: number, rampSeconds: number): void {
    gain = db;
    updatedAt = now();
    graph.setTrackGain(trackId, db, rampSeconds);
  }

  /** Known loudness: the track's gain is set at once (it is in its first moments), not approached. */
  function place(loudness: TrackLoudness): void {
    known = { ...known, remembered: loudness.integratedLufs };
    placed = true;
    apply(wantedGainDb(known, target), START_RAMP_SECONDS);
  }

  function rememberNow(): void {
    const loudness = last === null ? null : keepable(last, heard);
    if (trackId === null || loudness === null) return;
    remembered = true;
    onPage.set(trackId, loudness);
    options.remember?.(trackId, loudness);
  }

  function setTrack(next: number | null): void {
    if (next === trackId) return;
    rememberNow();
    trackId = next;
    generation += 1;
    known = { remembered: null, measured: null };
    last = null;
    heard = 0;
    countedTo = 0;
    placed = false;
    remembered = false;
    graph.resetMeasure(generation);
    const local = next === null ? undefined : onPage.get(next);
    if (local !== undefined) place(local);
    else apply(wantedGainDb(known, target), START_RAMP_SECONDS);
    if (next === null || local !== undefined || options.recall === undefined) return;
    const asked = generation;
    void options.recall(next).then(
      (loudness) => {
        if (loudness === null) return;
        onPage.set(next, loudness);
        if (asked === generation && !placed) place(loudness);
      },
      // Not known, then: the track is measured as a first play.
      () => undefined,
    );
  }

  function reading(next: MeterReading): void {
    if (next.generation !== generation || trackId === null) return;
    // An audible momentary loudness says its window (the last 400 ms) held sound: what of it is not yet
    // counted was heard. (The meter has no momentary figure for its first 400 ms, which are sound already.)
    if (next.momentary > ABSOLUTE_GATE_LUFS) {
      const added = Math.max(0, next.seconds - Math.max(countedTo, next.seconds - MOMENTARY_SECONDS));
      // To the millisecond, so that ten readings' tenths make exactly the second they are.
      heard = Math.round((heard + added) * 1000) / 1000;
      countedTo = next.seconds;
    }
    last = next;
    const measured = { integrated: next.integrated, mean: next.mean, seconds: heard };
    known = { ...known, measured };
    if (!remembered && heard >= REMEMBER_AFTER_SECONDS) rememberNow();
    if (!placed) {
      // A first play: one quick ramp once its first seconds are measured, so it is at its level within seconds.
      if (heard < FIRST_SET_SECONDS || !Number.isFinite(measuredLoudness(measured))) return;
      placed = true;
      apply(wantedGainDb(known, target), FIRST_SET_RAMP_SECONDS);
      return;
    }
    // Readings stop while the page sleeps: a long gap still only earns one ordinary step.
    const elapsed = Math.min((now() - updatedAt) / 1000, 2 * UPDATE_EVERY_SECONDS);
    if (elapsed < UPDATE_EVERY_SECONDS) return;
    const wanted = wantedGainDb(known, target);
    // Ramped over the time since the last step, so the gain glides at the gain law's slew rate.
    apply(approachGainDb(gain, wanted, elapsed), elapsed);
  }

  return {
    setTrack,
    setTarget(next) {
      if (next === target) return;
      target = next;
      apply(wantedGainDb(known, target), TARGET_RAMP_SECONDS);
    },
    reading,
    gainDb: () => gain,
  };
}
