// The output level meter under the volume slider: the short-term loudness (3 s, LUFS) of what comes out, as
// a bar, with the latest sample peak as a tick. Drawn by requestAnimationFrame straight into the element,
// only while the window is visible and a sound plays, so it costs nothing otherwise.
import { useEffect, useRef } from 'react';
import { outputLevel } from '../audio/output';
import './LevelMeter.css';
import { useStoreFields } from './useStoreFields';

/** The meter's scale (LUFS for the bar, dBFS for the tick). */
export const METER_MIN = -60;
export const METER_MAX = 0;

const clamp = (value: number): number =>
  Math.min(METER_MAX, Math.max(METER_MIN, Number.isFinite(value) ? value : METER_MIN));
const percent = (value: number): string => `${((clamp(value) - METER_MIN) / (METER_MAX - METER_MIN)) * 100}%`;

/** Shows the output's latest reading on `meter` (silence when there is none). */
function draw(meter: HTMLElement): void {
  const reading = outputLevel.get();
  const shortTerm = reading?.shortTerm ?? -Infinity;
  const peak = reading?.peakDb ?? -Infinity;
  const now = Math.round(clamp(shortTerm) * 10) / 10;
  meter.setAttribute('aria-valuenow', String(now));
  meter.setAttribute(
    'aria-valuetext',
    Number.isFinite(shortTerm) && now > METER_MIN
      ? `${now.toFixed(1)} LUFS, peak ${clamp(peak).toFixed(1)} dBFS`
      : 'Silent',
  );
  meter.style.setProperty('--level', percent(shortTerm));
  meter.style.setProperty('--peak', percent(peak));
}

export function LevelMeter() {
  const { playing } = useStoreFields('playing');
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const meter = ref.current;
    if (meter === null || !playing || typeof requestAnimationFrame === 'undefined') return;
    let frame = 0;
    const tick = (): void => {
      draw(meter);
      frame = document.visibilityState === 'visible' ? requestAnimationFrame(tick) : 0;
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'visible' && frame === 0) frame = requestAnimationFrame(tick);
    };
    document.addEventListener('visibilitychange', onVisibility);
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [playing]);

  return (
    <div
      ref={ref}
      className="level-meter"
      role="meter"
      aria-label="Output level"
      aria-valuemin={METER_MIN}
      aria-valuemax={METER_MAX}
      aria-valuenow={METER_MIN}
      aria-valuetext="Silent"
    >
      <div className="level-meter-fill" />
      <div className="level-meter-peak" />
    </div>
  );
}
