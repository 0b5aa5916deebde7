// The graph's fades: a fade's curve, its run on a fade gain (interpolated by the audio thread), and its run on
// the own volume of an element played around the graph (stepped on a timer, times the master volume).

/** A fade's shape: 'equal-power' (quarter sines: a crossfade's two sides keep the summed power) or 'linear'. */
export type FadeCurve = 'equal-power' | 'linear';

/** The points of a fade's curve (the gain is interpolated between them), and the steps of a volume fade. */
const FADE_POINTS = 64;
const FADE_STEP_MS = 25;
/** A curve starts this much after now: it must not overlap the value held at now. */
const FADE_LEAD_SECONDS = 0.005;

/** A fade's level `x` (0–1) of the way from `from` to `to`: equal power rises as a sine and falls as a cosine. */
export function fadeLevel(from: number, to: number, x: number, curve: FadeCurve = 'equal-power'): number {
  const t = Math.min(1, Math.max(0, x));
  if (t >= 1) return to;
  if (curve === 'linear') return from + (to - from) * t;
  const quarter = (t * Math.PI) / 2;
  return to >= from ? from + (to - from) * Math.sin(quarter) : to + (from - to) * Math.cos(quarter);
}

/** A fade on a gain at `now`: from where it is (or `from`), a curve of steps the audio thread interpolates. */
export function fadeGain(
  param: AudioParam,
  now: number,
  from: number | null,
  to: number,
  seconds: number,
  curve: FadeCurve,
): void {
  const start = from ?? param.value;
  if (typeof param.cancelAndHoldAtTime === 'function') param.cancelAndHoldAtTime(now);
  else param.cancelScheduledValues(now);
  param.setValueAtTime(start, now);
  if (seconds <= 0) {
    param.setValueAtTime(to, now);
    return;
  }
  const values = Float32Array.from({ length: FADE_POINTS }, (_, i) =>
    fadeLevel(start, to, i / (FADE_POINTS - 1), curve),
  );
  param.setValueCurveAtTime(values, now + FADE_LEAD_SECONDS, seconds);
}

export interface VolumeFades {
  /** `element`'s fade level (1 until it is faded). */
  level(element: HTMLMediaElement): number;
  /** Ramps `element`'s own volume (the master volume times the fade level) along `curve`. */
  fade(element: HTMLMediaElement, from: number | null, to: number, seconds: number, curve: FadeCurve): void;
}

/** The fades of elements played around the graph; `volume` is the master volume at each step. */
export function createVolumeFades(volume: () => number): VolumeFades {
  const levels = new WeakMap<HTMLMediaElement, number>();
  const timers = new WeakMap<HTMLMediaElement, ReturnType<typeof setInterval>>();
  return {
    level: (element) => levels.get(element) ?? 1,
    fade(element, from, to, seconds, curve) {
      clearInterval(timers.get(element));
      const start = from ?? levels.get(element) ?? 1;
      const began = Date.now();
      const step = (): void => {
        const x = seconds <= 0 ? 1 : (Date.now() - began) / (seconds * 1000);
        const level = fadeLevel(start, to, x, curve);
        levels.set(element, level);
        element.volume = Math.min(1, Math.max(0, volume() * level));
        if (x >= 1) clearInterval(timers.get(element));
      };
      step();
      if (seconds > 0) timers.set(element, setInterval(step, FADE_STEP_MS));
    },
  };
}
