// Main's settings file as the tests of its format meet it: a file written before a setting existed, decoded
// as main loads it, and a choice carried through a save, a load and a patch of something else.
import { expect } from 'vitest';
import {
  applyPatch,
  decodeSettings,
  encodeSettings,
  type ParsedPatch,
  type SettingsState,
} from '../../electron/state/settings-format';

/** The keychain's sealing of a new secret, which these patches never hold. */
export const seal = () => ({ officialClientSecret: null, encryptedSecret: null });

/** A settings file as version 1 first wrote it (before loudness normalization), with `changes` over it. */
export function settingsFile(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    provider: 'v2',
    webClientId: '',
    streamPreference: 'mp3',
    officialClientId: '',
    officialClientSecretEncrypted: null,
    userTrackCap: 120,
    theme: 'dark',
    queueEnd: 'related',
    ...changes,
  };
}

/** The settings main loads from a file of `fields` (or its text), no secret in the keychain. */
export function decoded(fields: object | string): SettingsState {
  const text = typeof fields === 'string' ? fields : JSON.stringify(fields);
  const result = decodeSettings(text, () => null);
  if (result.kind !== 'ok') throw new Error('the file did not load');
  return result.state;
}

/**
 * `patch` applied to `from`, checked to come back from a save and a load, and to stay through a patch of
 * something else (the theme); returns the patched settings for a test's further steps.
 */
export function expectKeptThroughSave(from: SettingsState, patch: ParsedPatch): SettingsState {
  const changed = applyPatch(from, patch, seal);
  expect(decoded(encodeSettings(changed))).toMatchObject(patch);
  expect(applyPatch(changed, { theme: 'light' }, seal)).toMatchObject(patch);
  return changed;
}
