// Settings' Crossfade group: how many seconds two tracks overlap at a change of track (0, gapless, to 12),
// with the value shown beside the slider, and whether a set's consecutive tracks stay gapless.
import type { Settings } from '../../../shared/ipc';
import { SettingsCheckbox, SettingsField, type SettingsGroupProps } from './SettingsRows';

/** The contract's MAX_CROSSFADE_SECONDS (the window takes only types from the contract, which is zod). */
const MAX_SECONDS = 12;

export interface CrossfadeValues {
  crossfadeSeconds: number;
  keepAlbumsGapless: boolean;
}

/** The crossfade settings main reports (absent from older senders: none, albums kept gapless). */
export const crossfadeValues = (settings: Settings): CrossfadeValues => ({
  crossfadeSeconds: settings.crossfadeSeconds ?? 0,
  keepAlbumsGapless: settings.keepAlbumsGapless ?? true,
});

/** How the slider's value reads, shown and spoken. */
export const crossfadeText = (seconds: number): string => (seconds === 0 ? 'Off (gapless)' : `${seconds} s`);

const ALBUMS_HINT =
  'Two tracks that follow each other in the queue by the same artist, as a set’s tracks do, change without a fade.';

const CROSSFADE_HINT =
  'The next track starts this many seconds before the current one ends, one fading in as the other fades ' +
  'out; a skip fades out quickly instead of cutting.';

export function CrossfadeFields({ values, onChange }: SettingsGroupProps<CrossfadeValues>) {
  const text = crossfadeText(values.crossfadeSeconds);
  return (
    <fieldset>
      <legend>Crossfade</legend>
      <SettingsField
        label="Crossfade"
        className="crossfade-field"
        hint={CROSSFADE_HINT}
        control={({ id, hintId }) => (
          <>
            <input
              id={id}
              type="range"
              min={0}
              max={MAX_SECONDS}
              step={1}
              value={values.crossfadeSeconds}
              aria-valuetext={text}
              aria-describedby={hintId}
              onChange={(event) => onChange({ ...values, crossfadeSeconds: Number(event.target.value) })}
            />
            <output htmlFor={id}>{text}</output>
          </>
        )}
      />
      <SettingsCheckbox
        label="Keep albums gapless"
        hint={ALBUMS_HINT}
        checked={values.keepAlbumsGapless}
        onChange={(keepAlbumsGapless) => onChange({ ...values, keepAlbumsGapless })}
      />
    </fieldset>
  );
}
