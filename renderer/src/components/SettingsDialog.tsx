// Settings: where tracks come from (and what each source takes), the stream format, the theme, what
// happens when the queue ends, how many tracks a profile link brings, and the desktop's (tray, sleep,
// notices, updates). Applied on Save; the client secret is write-only and never shown again.
import { useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Settings } from '../../../shared/ipc';
import { MAX_LINKS } from '../../../shared/limits';
import { DEFAULT_EQUALIZER } from '../audio/equalizer';
import type { AppState } from '../store';
import { useAppStore } from '../store/context';
import { Dialog } from './Dialog';
import { EqualizerFields } from './EqualizerFields';
import { OutputDeviceField } from './OutputDeviceField';
import { ProviderFields, webClientIdProblem, type ProviderValues } from './ProviderFields';
import { SegmentedChoice, SettingsCheckbox, SettingsField, type SettingsGroupProps } from './SettingsRows';
import { SoundFields, soundValues, type SoundValues } from './SoundFields';
import { CrossfadeFields, crossfadeValues, type CrossfadeValues } from './CrossfadeFields';

type Theme = Settings['theme'];
type Patch = Parameters<AppState['updateSettings']>[0];

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

type QueueEnd = NonNullable<Settings['queueEnd']>;

const QUEUE_ENDS: { value: QueueEnd; label: string }[] = [
  { value: 'stop', label: 'Stop' },
  { value: 'related', label: 'Play related tracks' },
];

const MP3_HINT =
  'Cloudcue plays AAC by default: better quality, and the format SoundCloud keeps. MP3 is the older ' +
  'format; tracks that have no MP3 still play in AAC.';

type DesktopChoices = Record<
  'keepPlayingInTray' | 'pauseOnSleep' | 'notifyOnTrackChange' | 'checkForUpdates',
  boolean
>;

const DESKTOP_TOGGLES: { key: keyof DesktopChoices; label: string; hint?: string }[] = [
  { key: 'keepPlayingInTray', label: 'Keep playing in the tray when the window closes' },
  { key: 'pauseOnSleep', label: 'Pause when the computer sleeps or locks' },
  { key: 'notifyOnTrackChange', label: 'Notify on track change' },
  {
    key: 'checkForUpdates',
    label: 'Check for updates',
    hint: 'At most once a day. Cloudcue asks before it downloads or installs a new version.',
  },
];

/** The desktop settings main reports (it always does; a sender without them gets the usual defaults). */
const desktopChoices = (settings: Settings): DesktopChoices => ({
  keepPlayingInTray: settings.keepPlayingInTray ?? true,
  pauseOnSleep: settings.pauseOnSleep ?? true,
  notifyOnTrackChange: settings.notifyOnTrackChange ?? false,
  // Main says whether this copy checks (an installed one does by default, one run from source does not).
  checkForUpdates: settings.checkForUpdates ?? false,
});

function DesktopFields({ values, onChange }: SettingsGroupProps<DesktopChoices>) {
  return (
    <fieldset>
      <legend>Desktop</legend>
      {DESKTOP_TOGGLES.map(({ key, label, hint }) => (
        <SettingsCheckbox
          key={key}
          label={label}
          hint={hint}
          checked={values[key]}
          onChange={(checked) => onChange({ ...values, [key]: checked })}
        />
      ))}
    </fieldset>
  );
}

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

/** What the form changes, as main takes it: only what differs from `settings` among the credentials. */
function patchOf(settings: Settings, source: ProviderValues, rest: Patch): Patch {
  const patch: Patch = { ...rest, provider: source.provider };
  const webClientId = source.webClientId.trim();
  // The Web API's id is only on screen (and only sent) while the Web API is chosen.
  if (source.provider === 'v2' && webClientId !== settings.webClientId) patch.webClientId = webClientId;
  const officialClientId = source.officialClientId.trim();
  if (officialClientId !== settings.officialClientId) patch.officialClientId = officialClientId;
  if (source.secret.trim() !== '') patch.officialClientSecret = source.secret.trim();
  return patch;
}

function SettingsForm({ settings, onDone }: { settings: Settings; onDone: () => void }) {
  const updateSettings = useAppStore((s) => s.updateSettings);
  const [source, setSource] = useState<ProviderValues>({
    provider: settings.provider,
    webClientId: settings.webClientId,
    officialClientId: settings.officialClientId,
    secret: '',
  });
  const [mp3, setMp3] = useState(settings.streamPreference === 'mp3');
  const [cap, setCap] = useState(String(settings.userTrackCap));
  const [theme, setTheme] = useState<Theme>(settings.theme);
  const [queueEnd, setQueueEnd] = useState<QueueEnd>(settings.queueEnd ?? 'stop');
  const [desktop, setDesktop] = useState<DesktopChoices>(() => desktopChoices(settings));
  const [outputDevice, setOutputDevice] = useState(settings.outputDevice ?? '');
  const [equalizer, setEqualizer] = useState(settings.equalizer ?? DEFAULT_EQUALIZER);
  const [sound, setSound] = useState<SoundValues>(() => soundValues(settings));
  const [crossfade, setCrossfade] = useState<CrossfadeValues>(() => crossfadeValues(settings));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const capValue = parseCap(cap);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (capValue === null) {
      setError(`Tracks taken from a profile must be a whole number from 1 to ${MAX_LINKS}.`);
      return;
    }
    const idProblem = source.provider === 'v2' ? webClientIdProblem(source.webClientId) : null;
    if (idProblem !== null) {
      setError(`Web API client id: ${idProblem}`);
      return;
    }
    const streamPreference = mp3 ? 'mp3' : 'aac';
    const output = { outputDevice, equalizer };
    const rest: Patch = {
      theme,
      queueEnd,
      userTrackCap: capValue,
      streamPreference,
      ...desktop,
      ...sound,
      ...output,
    };
    const patch = patchOf(settings, source, { ...rest, ...crossfade });
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

  return (
    <form className="settings-form" noValidate onSubmit={(event) => void submit(event)}>
      <ProviderFields settings={settings} values={source} onChange={setSource} submitted={submitted} />

      <fieldset>
        <legend>Streams</legend>
        <SettingsCheckbox label="Prefer MP3 streams" hint={MP3_HINT} checked={mp3} onChange={setMp3} />
      </fieldset>

      <SoundFields values={sound} onChange={setSound} />

      <CrossfadeFields values={crossfade} onChange={setCrossfade} />

      <fieldset>
        <legend>Output</legend>
        <OutputDeviceField value={outputDevice} onChange={setOutputDevice} />
      </fieldset>

      <EqualizerFields values={equalizer} onChange={setEqualizer} />

      <SegmentedChoice legend="Theme" name="theme" options={THEMES} value={theme} onChange={setTheme} />
      <SegmentedChoice
        legend="When the queue ends"
        name="queue-end"
        options={QUEUE_ENDS}
        value={queueEnd}
        onChange={setQueueEnd}
      />

      <DesktopFields values={desktop} onChange={setDesktop} />

      <SettingsField
        label="Tracks taken from a profile"
        hint={`Pasting a profile link adds at most this many of its tracks (1 to ${MAX_LINKS}).`}
        control={({ id }) => (
          <input
            id={id}
            type="number"
            min={1}
            max={MAX_LINKS}
            step={1}
            value={cap}
            aria-invalid={capValue === null}
            onChange={(event) => setCap(event.target.value)}
          />
        )}
      />

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
          {/* Main asks SoundCloud for a token before it keeps official-API credentials: say so. */}
          {saving ? (source.provider === 'official' ? 'Checking with SoundCloud…' : 'Saving…') : 'Save'}
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
