// The Settings dialog's repeated rows: a checkbox with its label and an optional hint, and a group of
// segmented radio buttons under a legend.
import { useId, type ReactNode } from 'react';

/** A checkbox row; the hint, when there is one, is the checkbox's description for screen readers. */
export function SettingsCheckbox({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint?: ReactNode | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="radio-row">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        aria-describedby={hint === undefined ? undefined : hintId}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** One choice among a few, as segmented radio buttons in a fieldset named by `legend`. */
export function SegmentedChoice<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="segmented">
        {options.map((option) => (
          <label key={option.value}>
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
