// Fetches a track's waveform once (and remembers the last few), or null while loading, when the track
// has none, or when it cannot be had: the seek bar then draws a plain bar.
import { useEffect, useState } from 'react';
import { waveformBars } from './waveform';

const CACHE_SIZE = 30;
const cache = new Map<string, number[] | null>();

function remember(url: string, bars: number[] | null): void {
  cache.set(url, bars);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
}

export function useWaveform(url: string | null): number[] | null {
  const [loaded, setLoaded] = useState<{ url: string; bars: number[] | null } | null>(null);

  useEffect(() => {
    if (url === null || cache.has(url)) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal, credentials: 'omit' })
      .then((response) => (response.ok ? response.json() : null))
      .then((json: unknown) => {
        const bars = json === null ? null : waveformBars(json);
        remember(url, bars);
        setLoaded({ url, bars });
      })
      .catch(() => {
        if (controller.signal.aborted) return;
        remember(url, null);
        setLoaded({ url, bars: null });
      });
    return () => controller.abort();
  }, [url]);

  if (url === null) return null;
  if (loaded?.url === url) return loaded.bars;
  return cache.get(url) ?? null;
}
