// @vitest-environment jsdom
// Settings' Crossfade group: a slider labelled Crossfade from 0 (gapless, shown as such) to 12 s with its
// value shown, and Keep albums gapless; both saved to main and shown again as main kept them.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsView } from '../../helpers/settings';
import { flush } from './fakes';
import { openSettingsDialog } from './settings-dialog-world';

const ALBUMS = 'Keep albums gapless';

const slider = (): HTMLInputElement => screen.getByRole('slider', { name: 'Crossfade' }) as HTMLInputElement;
const albums = (): HTMLInputElement => screen.getByRole('checkbox', { name: ALBUMS }) as HTMLInputElement;

afterEach(cleanup);

describe('the Crossfade settings', () => {
  it('show gapless and albums kept gapless when main reports nothing (an older main)', async () => {
    await openSettingsDialog(settingsView());
    expect(slider().value).toBe('0');
    expect([slider().min, slider().max]).toEqual(['0', '12']);
    expect(slider().getAttribute('aria-valuetext')).toBe('Off (gapless)');
    expect(screen.getByRole('group', { name: 'Crossfade' }).textContent).toContain('Off (gapless)');
    expect(albums().checked).toBe(true);
  });

  it('save the seconds and the albums choice, and the dialog opened again shows what main kept', async () => {
    const { api, store, view } = await openSettingsDialog(settingsView({ crossfadeSeconds: 2 }));
    expect(slider().getAttribute('aria-valuetext')).toBe('2 s');
    fireEvent.change(slider(), { target: { value: '6' } });
    expect(screen.getByRole('group', { name: 'Crossfade' }).textContent).toContain('6 s');
    fireEvent.click(albums());
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await flush();
    });
    expect(api.setSettings).toHaveBeenCalledWith(
      expect.objectContaining({ crossfadeSeconds: 6, keepAlbumsGapless: false }),
    );
    view.unmount();
    const saved = store.getState().settings;
    if (saved === null) throw new Error('no settings');
    await openSettingsDialog(saved);
    expect(slider().value).toBe('6');
    expect(albums().checked).toBe(false);
  });
});
