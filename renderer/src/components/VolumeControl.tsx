// Mute toggle, volume slider (0–100), and the output level meter under the slider.
import type { CSSProperties } from 'react';
import { IconButton } from './IconButton';
import { VolumeIcon } from './icons';
import { LevelMeter } from './LevelMeter';
import { useStoreFields } from './useStoreFields';

export function VolumeControl() {
  const { volume, muted, setVolume, toggleMute } = useStoreFields(
    'volume',
    'muted',
    'setVolume',
    'toggleMute',
  );
  const shown = muted ? 0 : Math.round(volume * 100);
  const level = shown === 0 ? 'muted' : shown < 50 ? 'low' : 'high';
  return (
    <div className="volume">
      <IconButton
        label={muted ? 'Unmute' : 'Mute'}
        title={muted ? 'Unmute (M)' : 'Mute (M)'}
        onClick={toggleMute}
      >
        <VolumeIcon level={level} />
      </IconButton>
      <div className="volume-level">
        <input
          type="range"
          className="range"
          aria-label="Volume"
          aria-valuetext={`${shown}%`}
          min={0}
          max={100}
          step={1}
          value={shown}
          style={{ '--fill': `${shown}%` } as CSSProperties}
          onChange={(event) => setVolume(Number(event.target.value) / 100)}
        />
        <LevelMeter />
      </div>
    </div>
  );
}
