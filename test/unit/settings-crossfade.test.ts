// The crossfade settings in main's settings file: a file from before they existed loads gapless with albums
// kept gapless, a bad value falls back alone, the choice survives a save, and the page may only send 0–12 s.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../electron/state/settings-format';
import { argSchemas } from '../../shared/ipc';
import { decoded, expectKeptThroughSave, settingsFile } from '../helpers/settings-file';

/** A settings file as written before crossfade (loudness normalization already in it). */
const OLD_FILE = settingsFile({ normalizeLoudness: false, loudnessTarget: -18 });

describe('crossfade settings on disk', () => {
  it('are gapless, albums kept gapless, in a fresh install', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ crossfadeSeconds: 0, keepAlbumsGapless: true });
  });

  it('load from a file written before they existed as the defaults, keeping everything else', () => {
    expect(decoded(OLD_FILE)).toMatchObject({
      crossfadeSeconds: 0,
      keepAlbumsGapless: true,
      normalizeLoudness: false,
      loudnessTarget: -18,
      userTrackCap: 120,
      theme: 'dark',
    });
  });

  it('fall back one by one when a value is not one of theirs', () => {
    expect(decoded({ ...OLD_FILE, crossfadeSeconds: 30, keepAlbumsGapless: false })).toMatchObject({
      crossfadeSeconds: 0,
      keepAlbumsGapless: false,
      userTrackCap: 120,
    });
    expect(decoded({ ...OLD_FILE, crossfadeSeconds: 6, keepAlbumsGapless: 'no' })).toMatchObject({
      crossfadeSeconds: 6,
      keepAlbumsGapless: true,
    });
  });

  it('survive a save and a load, and a patch of something else', () => {
    expectKeptThroughSave(decoded(OLD_FILE), { crossfadeSeconds: 8, keepAlbumsGapless: false });
  });

  it('take only whole seconds from 0 to 12 from the page', () => {
    const schema = argSchemas.setSettings;
    for (const seconds of [0, 1, 12])
      expect(schema.safeParse({ crossfadeSeconds: seconds }).success).toBe(true);
    for (const seconds of [-1, 13, 2.5, '4', null])
      expect(schema.safeParse({ crossfadeSeconds: seconds }).success).toBe(false);
    expect(schema.safeParse({ keepAlbumsGapless: 'on' }).success).toBe(false);
  });
});
