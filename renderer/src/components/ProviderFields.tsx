// The settings' first part: where tracks come from, with what each source takes (the Web API's optional
// client id, the official API's client id and secret).
import { useId, useState, type InputHTMLAttributes } from 'react';
import type { ProviderName, Settings } from '../../../shared/ipc';
import { CLIENT_ID_PATTERN } from '../../../shared/limits';

export interface ProviderValues {
  provider: ProviderName;
  webClientId: string;
  officialClientId: string;
  /** Write-only: empty keeps the stored secret. */
  secret: string;
}

const PROVIDERS: { value: ProviderName; label: string; hint: string }[] = [
  { value: 'v2', label: 'Web API', hint: 'What soundcloud.com itself uses. Nothing to set up.' },
  {
    value: 'official',
    label: 'Official API',
    hint: 'Your own app registration from SoundCloud, with its client ID and secret.',
  },
  {
    value: 'legacy',
    label: 'Legacy API (retired)',
    hint: 'SoundCloud’s retired 2012–2019 API. Kept because it is the chain Cloudcue was first described with; SoundCloud answers it with an error today.',
  },
];

const STORAGE_NOTE: Record<Settings['secretStorage'], string> = {
  encrypted: 'The secret is stored encrypted with your system’s keychain.',
  memory:
    'This system has no keychain Cloudcue can use: the secret is kept in memory only and must be entered again after a restart.',
};

/** Why `value` cannot be the Web API's client id, or null when it can ('' lets Cloudcue find one). */
export function webClientIdProblem(value: string): string | null {
  const id = value.trim();
  return id === '' || CLIENT_ID_PATTERN.test(id) ? null : 'A client id is 32 letters and digits.';
}

interface FieldsProps {
  settings: Settings;
  values: ProviderValues;
  onChange: (values: ProviderValues) => void;
  /** The form was submitted once: show every problem, touched or not. */
  submitted: boolean;
}

type CredentialInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  value: string;
  onText: (text: string) => void;
};

/** A credential's input: never spell-checked (its text would reach the spell checker), autofill off by default. */
function CredentialInput({ onText, ...input }: CredentialInputProps) {
  return (
    <input
      type="text"
      autoComplete="off"
      {...input}
      spellCheck={false}
      onChange={(event) => onText(event.target.value)}
    />
  );
}

function WebClientId({ values, onChange, submitted }: Omit<FieldsProps, 'settings'>) {
  const ids = { input: useId(), hint: useId(), problem: useId() };
  const [touched, setTouched] = useState(false);
  const problem = webClientIdProblem(values.webClientId);
  const shown = problem !== null && (touched || submitted);
  return (
    <div className="credentials">
      <label htmlFor={ids.input}>Web API client id (optional)</label>
      <CredentialInput
        id={ids.input}
        value={values.webClientId}
        maxLength={64}
        placeholder="Found by Cloudcue"
        aria-invalid={shown}
        aria-describedby={shown ? `${ids.problem} ${ids.hint}` : ids.hint}
        onBlur={() => setTouched(true)}
        onText={(text) => onChange({ ...values, webClientId: text })}
      />
      {shown && (
        <p id={ids.problem} className="field-error">
          {problem}
        </p>
      )}
      <p id={ids.hint} className="hint wide">
        Cloudcue finds the public client id soundcloud.com uses by itself. If SoundCloud keeps asking for a
        human check, enter a client id of your own here (32 letters and digits); leave it empty to let
        Cloudcue find one.
      </p>
    </div>
  );
}

function OfficialCredentials({ settings, values, onChange }: Omit<FieldsProps, 'submitted'>) {
  const ids = { clientId: useId(), secret: useId(), secretNote: useId() };
  return (
    <div className="credentials">
      <label htmlFor={ids.clientId}>Client ID</label>
      <CredentialInput
        id={ids.clientId}
        value={values.officialClientId}
        maxLength={128}
        onText={(text) => onChange({ ...values, officialClientId: text })}
      />
      <label htmlFor={ids.secret}>Client secret</label>
      <CredentialInput
        id={ids.secret}
        type="password"
        autoComplete="new-password"
        value={values.secret}
        maxLength={256}
        placeholder={settings.hasOfficialSecret ? 'Leave empty to keep the stored secret' : ''}
        aria-describedby={ids.secretNote}
        onText={(text) => onChange({ ...values, secret: text })}
      />
      <p id={ids.secretNote} className="hint wide">
        {settings.hasOfficialSecret && <strong>A secret is stored. </strong>}
        {STORAGE_NOTE[settings.secretStorage]}
      </p>
    </div>
  );
}

export function ProviderFields(props: FieldsProps) {
  const { values, onChange } = props;
  const hint = useId();
  return (
    <fieldset>
      <legend>Where tracks come from</legend>
      {PROVIDERS.map((option) => (
        <div key={option.value} className="radio-row">
          <input
            type="radio"
            id={`${hint}-${option.value}`}
            name="provider"
            value={option.value}
            checked={values.provider === option.value}
            onChange={() => onChange({ ...values, provider: option.value })}
            aria-describedby={`${hint}-${option.value}-hint`}
          />
          <label htmlFor={`${hint}-${option.value}`}>{option.label}</label>
          <p id={`${hint}-${option.value}-hint`} className="hint">
            {option.hint}
          </p>
          {option.value === 'v2' && values.provider === 'v2' && <WebClientId {...props} />}
          {option.value === 'official' && values.provider === 'official' && (
            <OfficialCredentials {...props} />
          )}
        </div>
      ))}
    </fieldset>
  );
}
