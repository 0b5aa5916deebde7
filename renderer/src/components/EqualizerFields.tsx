// Settings' Equalizer group: the "Equalizer" switch, a preset (Flat, Bass, Voice, or Custom once a band is
// moved off them), a preamp slider and ten vertical band sliders labelled "31 Hz" … "16 kHz", each ±12 dB.
import { useId, type CSSProperties } from 'react';
import type { EqualizerSettings } from '../../../shared/ipc';
import { EQ_LIMIT_DB } from '../../../shared/limits';
import {
  bandLabel,
  clampGain,
  EQ_FREQUENCIES,
  EQ_PRESET_NAMES,
  EQ_PRESETS,
  presetOf,
  type EqualizerPreset,
} from '../audio/equalizer';
import { SettingsCheckbox, type SettingsGroupProps } from './SettingsRows';
import './SoundControls.css';

const PRESET_LABELS: Record<EqualizerPreset | 'custom', string> = {
  flat: 'Flat',
  bass: 'Bass',
  voice: 'Voice',
  custom: 'Custom',
};

/** Half a decibel is as fine as an ear tells apart on a slider. */
const STEP_DB = 0.5;

const decibels = (db: number): string => `${db > 0 ? '+' : db < 0 ? '−' : ''}${Math.abs(db)} dB`;

function GainSlider({
  label,
  value,
  vertical,
  onChange,
}: {
  label: string;
  value: number;
  vertical: boolean;
  onChange: (db: number) => void;
}) {
  const id = useId();
  return (
    <div className={vertical ? 'eq-band' : 'eq-preamp'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        className={vertical ? 'eq-slider vertical' : 'eq-slider'}
        min={-EQ_LIMIT_DB}
        max={EQ_LIMIT_DB}
        step={STEP_DB}
        value={value}
        aria-orientation={vertical ? 'vertical' : undefined}
        aria-valuetext={decibels(value)}
        style={{ '--fill': `${((value + EQ_LIMIT_DB) / (2 * EQ_LIMIT_DB)) * 100}%` } as CSSProperties}
        onChange={(event) => onChange(clampGain(Number(event.target.value)))}
      />
      <output htmlFor={id} aria-hidden="true">
        {decibels(value)}
      </output>
    </div>
  );
}

export function EqualizerFields({ values, onChange }: SettingsGroupProps<EqualizerSettings>) {
  const preset = presetOf(values.bands);
  const setBand = (index: number, db: number): void =>
    onChange({ ...values, bands: values.bands.map((gain, i) => (i === index ? db : gain)) });
  return (
    <fieldset className="eq-fields">
      <legend>Equalizer</legend>
      <SettingsCheckbox
        role="switch"
        label="Equalizer"
        hint="Off, the sound passes untouched. Boosts never clip: a limiter after the volume holds the peaks."
        checked={values.enabled}
        onChange={(enabled) => onChange({ ...values, enabled })}
      />
      <div className="eq-controls">
        <select
          aria-label="Equalizer preset"
          value={preset}
          onChange={(event) => {
            const name = event.target.value as EqualizerPreset;
            onChange({ ...values, bands: [...EQ_PRESETS[name]] });
          }}
        >
          {EQ_PRESET_NAMES.map((name) => (
            <option key={name} value={name}>
              {PRESET_LABELS[name]}
            </option>
          ))}
          {/* Custom is what the bands are once moved off every preset: shown, never chosen. */}
          <option value="custom" disabled>
            {PRESET_LABELS.custom}
          </option>
        </select>
        <GainSlider
          label="Preamp"
          value={values.preamp}
          vertical={false}
          onChange={(preamp) => onChange({ ...values, preamp })}
        />
      </div>
      <div className="eq-bands">
        {EQ_FREQUENCIES.map((frequency, index) => (
          <GainSlider
            key={frequency}
            label={bandLabel(frequency)}
            value={values.bands[index] ?? 0}
            vertical
            onChange={(db) => setBand(index, db)}
          />
        ))}
      </div>
    </fieldset>
  );
}
