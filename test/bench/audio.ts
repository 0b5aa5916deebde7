// Sound benchmarks in Chromium: the audio graph's CPU while a track plays, and the gap between tracks with
// crossfade 0 read at the graph's output.
import { launchChromium } from '../e2e/harness';
import { audioGraphCpu } from './audio-cpu';
import { audioTrackGap } from './audio-gap';
import type { Figure } from './figures';

export async function audioFigures(): Promise<Figure[]> {
  const browser = await launchChromium();
  try {
    return [await audioGraphCpu(browser), await audioTrackGap(browser, 'aac')];
  } finally {
    await browser.close();
  }
}
