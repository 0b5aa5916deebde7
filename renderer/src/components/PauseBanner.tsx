// While SoundCloud makes Cloudcue wait (a 429, or a human check), a calm line says so and counts down to
// when requests resume. Items keep resolving meanwhile (main holds them), so nothing here is an error.
import { useState } from 'react';
import { DEFAULT_MESSAGES } from '../../../shared/errors';
import { formatWait } from '../format';
import { useAppStore } from '../store/context';
import type { RequestPause } from '../store/status';
import { useSecondsLeft } from './useSecondsLeft';

/** What the line says with `seconds` left. */
export function pauseText(pause: RequestPause, seconds: number): string {
  const wait = formatWait(seconds);
  if (pause.code === 'RATE_LIMITED') return `SoundCloud asks Cloudcue to slow down; resuming in ${wait}.`;
  const message = pause.message.trim() === '' ? DEFAULT_MESSAGES.CHALLENGED : pause.message.trim();
  return `${message} Resuming in ${wait}.`;
}

function PauseLine({ pause, openSettings }: { pause: RequestPause; openSettings: () => void }) {
  const left = useSecondsLeft(pause.until);
  // Screen readers hear the wait once, as it starts; a number changing every second is for the eyes only.
  const [spoken] = useState(() => pauseText(pause, left));
  if (left === 0) return null;
  return (
    <div className={`pause-banner pause-${pause.code.toLowerCase()}`}>
      <p>
        <span aria-hidden="true" className="pause-text">
          {pauseText(pause, left)}
        </span>
        <span className="visually-hidden">{spoken}</span>
      </p>
      {pause.code === 'CHALLENGED' && (
        <button type="button" onClick={openSettings}>
          Open settings
        </button>
      )}
    </div>
  );
}

export function PauseBanner({ openSettings }: { openSettings: () => void }) {
  const pause = useAppStore((s) => s.requestPause);
  // The live region stays in place, so what appears in it is announced; a new pause (another deadline)
  // starts a new countdown from a fresh reading of the clock.
  return (
    <div role="status" className="pause-status">
      {pause !== null && (
        <PauseLine key={`${pause.code}:${pause.until}`} pause={pause} openSettings={openSettings} />
      )}
    </div>
  );
}
