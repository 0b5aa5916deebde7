// Settings: where tracks come from (and the official API's credentials), the theme, and how many tracks
// a profile link brings. Applied on Save; the client secret is write-only and never shown again.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MAX_LINKS, type ProviderName, type Settings } from '../../../shared/ipc';
import type { AppState } from '../store';
import { useAppStore } from '../store/context';
import { Dialog } from './Dialog';

type Theme = Settings['theme'];
type Patch = Parameters<AppState['updateSettings']>[0];

const PROVIDERS: { value: ProviderName; label: string; hint: string }[] = [
  { value: 'v2', label: 'Web API', hint: 'What soundcloud.com itself uses. Nothing to set up.' },
  {
    value: 'official',
    label: 'Official API',
    hint: 'Your own app registration from SoundCloud, with its client ID and secret.',
  },
  { value: 'legacy', label: 'Legacy API', hint: 'The old public API. Some tracks are missing from it.' },
];

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const STORAGE_NOTE: Record<Settings['secretStorage'], string> = {
  encrypted: 'The secret is stored encrypted with your system’s keychain.',
  memory:
    'This system has no keychain Cloudcue can use: the secret is kept in memory only and must be entered again after a restart.',
};

function parseCap(text: string): number | null {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= MAX_LINKS ? value : null;
}

function ProviderProblem({ problem }: { problem: string | null }) {
  if (problem === null) return null;
  return (
    <p className="problem" role="alert">
      <strong>The chosen source cannot work right now.</strong> {problem}
    </p>
  );
}

function SettingsForm({ settings, onDone }: { settings: Settings; onDone: () => void }) {
  const updateSettings = useAppStore((s) => s.updateSettings);
  const [provider, setProvider] = useState<ProviderName>(settings.provider);
  const [clientId, setClientId] = useState(settings.officialClientId);
  const [secret, setSecret] = useState('');
  const [cap, setCap] = useState(String(settings.userTrackCap));
  const [theme, setTheme] = useState<Theme>(settings.theme);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ids = { hint: useId(), cap: useId(), clientId: useId(), secret: useId(), secretNote: useId() };
  const capValue = parseCap(cap);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (capValue === null) {
      setError(`Tracks taken from a profile must be a whole number from 1 to ${MAX_LINKS}.`);
      return;
    }
    const patch: Patch = { provider, theme, userTrackCap: capValue };
    if (clientId.trim() !== settings.officialClientId) patch.officialClientId = clientId.trim();
    if (secret.trim() !== '') patch.officialClientSecret = secret.trim();
    setSaving(true);
    setError(null);
    const message = await updateSettings(patch);
    setSaving(false);
    if (message !== null) {
      setError(message);
      return;
    }
    onDone();
  };

  const credentials = (
    <div className="credentials">
      <label htmlFor={ids.clientId}>Client ID</label>
      <input
        id={ids.clientId}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={clientId}
        maxLength={128}
        onChange={(event) => setClientId(event.target.value)}
      />
      <label htmlFor={ids.secret}>Client secret</label>
      <input
        id={ids.secret}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={secret}
        maxLength={256}
        placeholder={settings.hasOfficialSecret ? 'Leave empty to keep the stored secret' : ''}
        aria-describedby={ids.secretNote}
        onChange={(event) => setSecret(event.target.value)}
      />
      <p id={ids.secretNote} className="hint secret-note">
        {settings.hasOfficialSecret && <strong>A secret is stored. </strong>}
        {STORAGE_NOTE[settings.secretStorage]}
      </p>
    </div>
  );

  return (
    <form className="settings-form" noValidate onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>Where tracks come from</legend>
        {PROVIDERS.map((option) => (
          <div key={option.value} className="radio-row">
            <input
              type="radio"
              id={`${ids.hint}-${option.value}`}
              name="provider"
              value={option.value}
              checked={provider === option.value}
              onChange={() => setProvider(option.value)}
              aria-describedby={`${ids.hint}-${option.value}-hint`}
            />
            <label htmlFor={`${ids.hint}-${option.value}`}>{option.label}</label>
            <p id={`${ids.hint}-${option.value}-hint`} className="hint">
              {option.hint}
            </p>
            {option.value === 'official' && provider === 'official' && credentials}
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>Theme</legend>
        <div className="segmented">
          {THEMES.map((option) => (
            <label key={option.value}>
              <input
                type="radio"
                name="theme"
                value={option.value}
                checked={theme === option.value}
                onChange={() => setTheme(option.value)}
              />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="field">
        <label htmlFor={ids.cap}>Tracks taken from a profile</label>
        <input
          id={ids.cap}
          type="number"
          min={1}
          max={MAX_LINKS}
          step={1}
          value={cap}
          aria-invalid={capValue === null}
          onChange={(event) => setCap(event.target.value)}
        />
        <p className="hint">
          Pasting a profile link adds at most this many of its tracks (1 to {MAX_LINKS}).
        </p>
      </div>

      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

function SettingsContent({ onDone }: { onDone: () => void }) {
  const { settings, loadSettings } = useAppStore(
    useShallow((s) => ({ settings: s.settings, loadSettings: s.loadSettings })),
  );
  // Opening the dialog shows the settings as main has them now (a problem may have appeared since).
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  if (settings === null) {
    return (
      <div className="settings-loading">
        <p>Settings are not loaded yet.</p>
        <button type="button" onClick={() => void loadSettings()}>
          Load settings
        </button>
      </div>
    );
  }
  return (
    <>
      <ProviderProblem problem={settings.providerProblem} />
      <SettingsForm settings={settings} onDone={onDone} />
    </>
  );
}

export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Settings" className="settings-dialog">
      <SettingsContent onDone={onClose} />
    </Dialog>
  );
}
