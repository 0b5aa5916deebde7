// @vitest-environment jsdom
// Settings' shared rows as the dialog shows them: each switch, slider and checkbox is named by its label and
// described by the hint under it, and the profile track cap is a number box from 1 to MAX_LINKS.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_LINKS } from '../../../shared/limits';
import { settingsView } from '../../helpers/settings';
import { openSettingsDialog } from './settings-dialog-world';

afterEach(cleanup);

const descriptionOf = (control: HTMLElement): string | null =>
  document.getElementById(control.getAttribute('aria-describedby') ?? '')?.textContent ?? null;

describe('the Settings rows', () => {
  it.each([
    ['switch', 'Normalize loudness', /^Every track plays at the same loudness/],
    ['switch', 'Equalizer', /^Off, the sound passes untouched/],
    ['slider', 'Crossfade', /^The next track starts this many seconds before/],
    ['checkbox', 'Keep albums gapless', /^Two tracks that follow each other/],
    ['checkbox', 'Check for updates', /^At most once a day/],
  ] as const)('name the %s “%s” by its label and describe it by its hint', async (role, name, hint) => {
    await openSettingsDialog(settingsView());
    expect(descriptionOf(screen.getByRole(role, { name }))).toMatch(hint);
  });

  it('keep the loudness target in the Normalize loudness row, off while the switch is off', async () => {
    await openSettingsDialog(settingsView({ normalizeLoudness: false }));
    const target = screen.getByRole('combobox', { name: 'Loudness target' });
    expect(
      target.closest('.radio-row')?.contains(screen.getByRole('switch', { name: 'Normalize loudness' })),
    ).toBe(true);
    expect(target).toHaveProperty('disabled', true);
  });

  it('offer the profile track cap as a number box from 1 to the most links, with its hint under it', async () => {
    await openSettingsDialog(settingsView({ userTrackCap: 40 }));
    const cap = screen.getByRole('spinbutton', { name: 'Tracks taken from a profile' }) as HTMLInputElement;
    expect([cap.value, cap.min, cap.max]).toEqual(['40', '1', String(MAX_LINKS)]);
    expect(cap.closest('.field')?.querySelector('.hint')?.textContent).toBe(
      `Pasting a profile link adds at most this many of its tracks (1 to ${MAX_LINKS}).`,
    );
  });
});
