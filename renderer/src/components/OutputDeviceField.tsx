// The "Output device" choice: System default or each named audio output of the window, kept by name. In
// Settings as a labelled field, beside the volume slider as a compact select; both say when the remembered
// device is away (playing on the system default meanwhile) or refused, and when no device can be chosen.
import { useId } from 'react';
import { chooseOutput, missingNote } from '../audio/output-device';
import { canChooseOutput, outputDevices, outputMove } from '../audio/output-watch';
import { useSignal } from '../audio/signal';
import './SoundControls.css';

const UNSUPPORTED_NOTE = 'This window cannot choose an output device: the sound plays on the system default.';

/** What to say beside the picker, or null when all is well. */
function useOutputNote(name: string): string | null {
  const devices = useSignal(outputDevices);
  const move = useSignal(outputMove);
  if (!canChooseOutput()) return UNSUPPORTED_NOTE;
  const away = missingNote(name, chooseOutput(name, devices));
  if (away !== null) return away;
  return move === 'failed' && name !== '' ? `${name} cannot be used right now.` : null;
}

function OutputSelect({
  value,
  onChange,
  describedBy,
  id,
  compact,
}: {
  value: string;
  onChange: (name: string) => void;
  describedBy?: string | undefined;
  id?: string;
  compact?: boolean;
}) {
  const devices = useSignal(outputDevices);
  const away = value !== '' && !devices.some((device) => device.label === value);
  return (
    <select
      id={id}
      className={compact === true ? 'output-select compact' : 'output-select'}
      aria-label={compact === true ? 'Output device' : undefined}
      aria-describedby={describedBy}
      title={compact === true ? `Output device: ${value === '' ? 'System default' : value}` : undefined}
      value={value}
      disabled={!canChooseOutput()}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">System default</option>
      {devices.map((device) => (
        <option key={device.deviceId} value={device.label}>
          {device.label}
        </option>
      ))}
      {/* The remembered device stays on offer while it is away, so the choice is not lost. */}
      {away && <option value={value}>{`${value} (not connected)`}</option>}
    </select>
  );
}

/** Settings' field: the label, the select and the note under it. */
export function OutputDeviceField({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const id = useId();
  const noteId = useId();
  const note = useOutputNote(value);
  return (
    <div className="field output-device">
      <label htmlFor={id}>Output device</label>
      <OutputSelect
        id={id}
        value={value}
        onChange={onChange}
        describedBy={note === null ? undefined : noteId}
      />
      {note !== null && (
        <p id={noteId} className="hint output-note" role="note">
          {note}
        </p>
      )}
    </div>
  );
}

/** The compact select beside the volume slider; its note shows as the select's description. */
export function OutputDeviceSelect({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const noteId = useId();
  const note = useOutputNote(value);
  return (
    <>
      <OutputSelect
        compact
        value={value}
        onChange={onChange}
        describedBy={note === null ? undefined : noteId}
      />
      {note !== null && (
        <span id={noteId} className="visually-hidden">
          {note}
        </span>
      )}
    </>
  );
}
