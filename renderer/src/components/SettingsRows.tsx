// The Settings dialog's repeated rows: a checkbox (or switch) with its label and an optional hint, a labelled
// field with a hint under it, and a group of segmented radio buttons under a legend.
import { useId, type ReactNode } from 'react';

/** What a group of settings takes: its values, and where a changed copy of them goes. */
export interface SettingsGroupProps<V> {
  values: V;
  onChange: (values: V) => void;
}

/**
 * A checkbox row (a switch, with `role="switch"`); the hint, when there is one, is the checkbox's description
 * for screen readers. `children` stand beside the label (a control the checkbox enables, say).
 */
export function SettingsCheckbox({
  label,
  hint,
  checked,
  onChange,
  role,
  className,
  children,
}: {
  label: string;
  hint?: ReactNode | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
  role?: 'switch';
  className?: string;
  children?: ReactNode;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className={className === undefined ? 'radio-row' : `radio-row ${className}`}>
      <input
        type="checkbox"
        role={role}
        id={id}
        checked={checked}
        aria-describedby={hint === undefined ? undefined : hintId}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {children}
      {hint !== undefined && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A labelled control with a hint under it; `control` makes the control, with the ids of it and of the hint. */
export function SettingsField({
  label,
  hint,
  className,
  control,
}: {
  label: string;
  hint: ReactNode;
  className?: string;
  control: (ids: { id: string; hintId: string }) => ReactNode;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className={className === undefined ? 'field' : `field ${className}`}>
      <label htmlFor={id}>{label}</label>
      {control({ id, hintId })}
      <p id={hintId} className="hint">
        {hint}
      </p>
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
