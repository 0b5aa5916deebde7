// Settings' Sound group: the "Normalize loudness" switch with its target beside it, and a note when the
// sound's processing cannot apply (the audio is not readable by the window, or there is no Web Audio).
import type { LoudnessTarget, Settings } from '../../../shared/ipc';
import { processingNote, processingStatus } from '../audio/output';
import { useSignal } from '../audio/signal';
import { SettingsCheckbox, type SettingsGroupProps } from './SettingsRows';
import './SoundFields.css';

export interface SoundValues {
  normalizeLoudness: boolean;
  loudnessTarget: LoudnessTarget;
}

const TARGETS: { value: LoudnessTarget; label: string }[] = [
  { value: -14, label: '−14 LUFS (streaming services)' },
  { value: -18, label: '−18 LUFS' },
  { value: -23, label: '−23 LUFS (broadcast)' },
];

/** The sound settings main reports (absent from older senders: on, at −14 LUFS). */
export const soundValues = (settings: Settings): SoundValues => ({
  normalizeLoudness: settings.normalizeLoudness ?? true,
  loudnessTarget: settings.loudnessTarget ?? -14,
});

const NORMALIZE_HINT =
  'Every track plays at the same loudness: measured while it plays, remembered for the next time, and never ' +
  'raised by more than 6 dB.';

export function SoundFields({ values, onChange }: SettingsGroupProps<SoundValues>) {
  const note = processingNote(useSignal(processingStatus));
  return (
    <fieldset>
      <legend>Sound</legend>
      <SettingsCheckbox
        role="switch"
        className="sound-normalize"
        label="Normalize loudness"
        hint={NORMALIZE_HINT}
        checked={values.normalizeLoudness}
        onChange={(normalizeLoudness) => onChange({ ...values, normalizeLoudness })}
      >
        <select
          aria-label="Loudness target"
          value={values.loudnessTarget}
          disabled={!values.normalizeLoudness}
          onChange={(event) =>
            onChange({ ...values, loudnessTarget: Number(event.target.value) as LoudnessTarget })
          }
        >
          {TARGETS.map((target) => (
            <option key={target.value} value={target.value}>
              {target.label}
            </option>
          ))}
        </select>
      </SettingsCheckbox>
      {note !== null && (
        <p className="hint sound-note" role="note">
          {note}
        </p>
      )}
    </fieldset>
  );
}
