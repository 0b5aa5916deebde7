// Mute toggle, volume slider (0–100), the output level meter under the slider, and the output device beside it
// (chosen at once, kept by main like the same choice in Settings).
import type { CSSProperties } from 'react';
import { IconButton } from './IconButton';
import { VolumeIcon } from './icons';
import { LevelMeter } from './LevelMeter';
import { OutputDeviceSelect } from './OutputDeviceField';
import { useStoreFields } from './useStoreFields';

export function VolumeControl() {
  const { volume, muted, setVolume, toggleMute } = useStoreFields(
    'volume',
    'muted',
    'setVolume',
    'toggleMute',
  );
  const { settings, updateSettings } = useStoreFields('settings', 'updateSettings');
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
      {settings !== null && (
        <OutputDeviceSelect
          value={settings.outputDevice ?? ''}
          onChange={(outputDevice) => void updateSettings({ outputDevice })}
        />
      )}
    </div>
  );
}
