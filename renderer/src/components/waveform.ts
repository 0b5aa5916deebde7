// SoundCloud's waveform JSON ({width, height, samples}) reduced to a few bars for the seek bar.

/** Bars drawn across the seek bar. */
export const BAR_COUNT = 160;

/** Heights 0..1, one per bar, or null when `data` is not a waveform. */
export function waveformBars(data: unknown, count = BAR_COUNT): number[] | null {
  if (typeof data !== 'object' || data === null || !('samples' in data)) return null;
  const samples = (data as { samples: unknown }).samples;
  if (!Array.isArray(samples) || samples.length === 0) return null;
  if (!samples.every((sample) => typeof sample === 'number' && Number.isFinite(sample))) return null;
  const values = samples as number[];
  const declared = (data as { height?: unknown }).height;
  const peak = typeof declared === 'number' && declared > 0 ? declared : Math.max(...values.map(Math.abs), 1);
  const bars: number[] = [];
  for (let bar = 0; bar < count; bar++) {
    const from = Math.floor((bar * values.length) / count);
    const to = Math.max(from + 1, Math.floor(((bar + 1) * values.length) / count));
    let max = 0;
    for (let i = from; i < to && i < values.length; i++) max = Math.max(max, Math.abs(values[i] ?? 0));
    bars.push(Math.min(1, max / peak));
  }
  return bars;
}

/** One SVG path of all bars, centred vertically in a `count` × 100 box. */
export function barsPath(bars: readonly number[]): string {
  let path = '';
  bars.forEach((value, index) => {
    const height = Math.max(6, value * 100);
    const y = (100 - height) / 2;
    path += `M${index + 0.15} ${y.toFixed(1)}h0.7v${height.toFixed(1)}h-0.7z`;
  });
  return path;
}
