// The crossfade settings in main's settings file: a file from before they existed loads gapless with albums
// kept gapless, a bad value falls back alone, the choice survives a save, and the page may only send 0–12 s.
import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  decodeSettings,
  DEFAULT_SETTINGS,
  encodeSettings,
  type ParsedPatch,
} from '../../electron/state/settings-format';
import { argSchemas } from '../../shared/ipc';

const noSecret = (): null => null;
const seal = () => ({ officialClientSecret: null, encryptedSecret: null });

/** A settings file as written before crossfade (loudness normalization already in it). */
const OLD_FILE = JSON.stringify({
  version: 1,
  provider: 'v2',
  webClientId: '',
  streamPreference: 'mp3',
  officialClientId: '',
  officialClientSecretEncrypted: null,
  userTrackCap: 120,
  theme: 'dark',
  queueEnd: 'related',
  normalizeLoudness: false,
  loudnessTarget: -18,
});

function decoded(text: string) {
  const result = decodeSettings(text, noSecret);
  if (result.kind !== 'ok') throw new Error('the file did not load');
  return result.state;
}

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
    const base = JSON.parse(OLD_FILE) as object;
    expect(
      decoded(JSON.stringify({ ...base, crossfadeSeconds: 30, keepAlbumsGapless: false })),
    ).toMatchObject({ crossfadeSeconds: 0, keepAlbumsGapless: false, userTrackCap: 120 });
    expect(decoded(JSON.stringify({ ...base, crossfadeSeconds: 6, keepAlbumsGapless: 'no' }))).toMatchObject({
      crossfadeSeconds: 6,
      keepAlbumsGapless: true,
    });
  });

  it('survive a save and a load, and a patch of something else', () => {
    const changed = applyPatch(decoded(OLD_FILE), { crossfadeSeconds: 8, keepAlbumsGapless: false }, seal);
    expect(decoded(encodeSettings(changed))).toMatchObject({ crossfadeSeconds: 8, keepAlbumsGapless: false });
    const untouched = applyPatch(changed, { theme: 'light' } as ParsedPatch, seal);
    expect(untouched).toMatchObject({ crossfadeSeconds: 8, keepAlbumsGapless: false });
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
