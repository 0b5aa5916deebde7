// The output device and equalizer settings in main's settings file: a file from before they existed loads
// with the system default and the equalizer off and flat, a bad value falls back alone, the choice survives
// a save, and the page may send only gains within ±12 dB on exactly ten bands and a name of sane length.
import { describe, expect, it } from 'vitest';
import { applyPatch, DEFAULT_SETTINGS } from '../../electron/state/settings-format';
import { argSchemas, EQ_BAND_COUNT, EQ_LIMIT_DB, MAX_OUTPUT_DEVICE_CHARS } from '../../shared/ipc';
import { decoded, expectKeptThroughSave, seal, settingsFile } from '../helpers/settings-file';

const FLAT = Array.from({ length: EQ_BAND_COUNT }, () => 0);

/** A settings file as written before the output device and the equalizer existed. */
const OLD_FILE = settingsFile({ userTrackCap: 80, normalizeLoudness: false, loudnessTarget: -18 });

describe('output device and equalizer settings on disk', () => {
  it('are the system default and an equalizer off and flat in a fresh install', () => {
    expect(DEFAULT_SETTINGS.outputDevice).toBe('');
    expect(DEFAULT_SETTINGS.equalizer).toEqual({ enabled: false, preamp: 0, bands: FLAT });
  });

  it('load from a file written before they existed as the defaults, keeping everything else', () => {
    const state = decoded(OLD_FILE);
    expect(state.outputDevice).toBe('');
    expect(state.equalizer).toEqual({ enabled: false, preamp: 0, bands: FLAT });
    expect(state).toMatchObject({
      userTrackCap: 80,
      theme: 'dark',
      normalizeLoudness: false,
      loudnessTarget: -18,
    });
  });

  it('fall back one by one when a value is not one of theirs', () => {
    const nineBands = { enabled: true, preamp: 0, bands: FLAT.slice(1) };
    const state = decoded({ ...OLD_FILE, outputDevice: 42, equalizer: nineBands });
    expect(state).toMatchObject({ outputDevice: '', equalizer: { enabled: false }, userTrackCap: 80 });
    const tooLoud = { enabled: true, preamp: 20, bands: FLAT };
    const kept = decoded({ ...OLD_FILE, outputDevice: 'USB DAC', equalizer: tooLoud });
    expect(kept).toMatchObject({ outputDevice: 'USB DAC', equalizer: { enabled: false, preamp: 0 } });
  });

  it('survive a save and a load, and a patch of something else', () => {
    const equalizer = { enabled: true, preamp: -3, bands: [6, 5, 4, 2, 0, 0, 0, 0, 0, -1.5] };
    const changed = expectKeptThroughSave(decoded(OLD_FILE), { outputDevice: 'Headphones', equalizer });
    expect(applyPatch(changed, { outputDevice: '' }, seal).outputDevice).toBe('');
  });

  it('take from the page only ten bands within the limit and a name of sane length', () => {
    const schema = argSchemas.setSettings;
    const eq = (changes: object) => ({ equalizer: { enabled: true, preamp: 0, bands: FLAT, ...changes } });
    expect(schema.safeParse(eq({})).success).toBe(true);
    expect(schema.safeParse(eq({ bands: FLAT.map(() => EQ_LIMIT_DB) })).success).toBe(true);
    expect(schema.safeParse(eq({ bands: [EQ_LIMIT_DB + 0.5, ...FLAT.slice(1)] })).success).toBe(false);
    expect(schema.safeParse(eq({ bands: [...FLAT, 0] })).success).toBe(false);
    expect(schema.safeParse(eq({ preamp: -EQ_LIMIT_DB - 1 })).success).toBe(false);
    expect(schema.safeParse(eq({ preamp: Number.NaN })).success).toBe(false);
    expect(schema.safeParse(eq({ extra: 1 })).success).toBe(false);
    expect(schema.safeParse({ outputDevice: 'x'.repeat(MAX_OUTPUT_DEVICE_CHARS) }).success).toBe(true);
    expect(schema.safeParse({ outputDevice: 'x'.repeat(MAX_OUTPUT_DEVICE_CHARS + 1) }).success).toBe(false);
    expect(schema.safeParse({ outputDevice: 3 }).success).toBe(false);
  });
});
