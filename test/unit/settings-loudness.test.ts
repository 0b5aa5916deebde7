// The loudness settings in main's settings file: a file from before they existed loads with normalization
// on at −14 LUFS, a bad value falls back alone, the choice survives a save, and only the IPC contract's
// targets are taken from the page.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../electron/state/settings-format';
import { argSchemas } from '../../shared/ipc';
import { decoded, expectKeptThroughSave, settingsFile } from '../helpers/settings-file';

/** A settings file as version 1 wrote it before loudness normalization. */
const OLD_FILE = settingsFile();

describe('loudness settings on disk', () => {
  it('are on, at −14 LUFS, in a fresh install', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ normalizeLoudness: true, loudnessTarget: -14 });
  });

  it('load from a file written before they existed as the defaults, keeping everything else', () => {
    const state = decoded(OLD_FILE);
    expect(state).toMatchObject({ normalizeLoudness: true, loudnessTarget: -14 });
    expect(state).toMatchObject({
      streamPreference: 'mp3',
      userTrackCap: 120,
      theme: 'dark',
      queueEnd: 'related',
    });
  });

  it('fall back one by one when a value is not one of theirs', () => {
    const state = decoded({ ...OLD_FILE, normalizeLoudness: 'yes', loudnessTarget: -16 });
    expect(state).toMatchObject({ normalizeLoudness: true, loudnessTarget: -14, userTrackCap: 120 });
    const offAt23 = decoded({ ...OLD_FILE, loudnessTarget: 'loud', normalizeLoudness: false });
    expect(offAt23).toMatchObject({ normalizeLoudness: false, loudnessTarget: -14 });
  });

  it('survive a save and a load', () => {
    expectKeptThroughSave(decoded(OLD_FILE), { normalizeLoudness: false, loudnessTarget: -23 });
  });

  it('take only the offered targets from the page', () => {
    const schema = argSchemas.setSettings;
    for (const target of [-14, -18, -23])
      expect(schema.safeParse({ loudnessTarget: target }).success).toBe(true);
    for (const target of [-16, 0, '-14', null])
      expect(schema.safeParse({ loudnessTarget: target }).success).toBe(false);
    expect(schema.safeParse({ normalizeLoudness: 'on' }).success).toBe(false);
  });
});
