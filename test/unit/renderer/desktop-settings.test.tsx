// @vitest-environment jsdom
// The Settings dialog's Desktop toggles: main's values shown, each change saved, and what main then keeps shown.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsView } from '../../helpers/settings';
import { flush } from './fakes';
import { openSettingsDialog } from './settings-dialog-world';

const TRAY = 'Keep playing in the tray when the window closes';
const SLEEP = 'Pause when the computer sleeps or locks';
const NOTIFY = 'Notify on track change';

const box = (name: string): HTMLInputElement => screen.getByRole('checkbox', { name }) as HTMLInputElement;

afterEach(cleanup);

describe('the Desktop settings', () => {
  it('shows the values main reports, as main reports them for macOS', async () => {
    await openSettingsDialog(
      settingsView({ keepPlayingInTray: false, pauseOnSleep: true, notifyOnTrackChange: false }),
    );
    expect(screen.getByRole('group', { name: 'Desktop' })).toBeTruthy();
    expect([box(TRAY).checked, box(SLEEP).checked, box(NOTIFY).checked]).toEqual([false, true, false]);
  });

  it('saves each toggle, and the dialog opened again shows what main kept', async () => {
    const { api, store, view } = await openSettingsDialog(
      settingsView({ keepPlayingInTray: true, pauseOnSleep: true, notifyOnTrackChange: false }),
    );
    fireEvent.click(box(TRAY));
    fireEvent.click(box(SLEEP));
    fireEvent.click(box(NOTIFY));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await flush();
    });
    expect(api.setSettings).toHaveBeenCalledWith(
      expect.objectContaining({ keepPlayingInTray: false, pauseOnSleep: false, notifyOnTrackChange: true }),
    );
    expect(store.getState().settings).toMatchObject({
      keepPlayingInTray: false,
      pauseOnSleep: false,
      notifyOnTrackChange: true,
    });
    view.unmount();
    const saved = store.getState().settings;
    if (saved === null) throw new Error('no settings');
    await openSettingsDialog(saved);
    expect([box(TRAY).checked, box(SLEEP).checked, box(NOTIFY).checked]).toEqual([false, false, true]);
  });
});
