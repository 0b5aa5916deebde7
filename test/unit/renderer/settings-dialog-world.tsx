// The Settings dialog rendered on a live store whose fake main keeps what it is sent, for the dialog's tests.
import { act, render } from '@testing-library/react';
import { vi } from 'vitest';
import type { Settings } from '../../../shared/ipc';
import { SettingsDialog } from '../../../renderer/src/components/SettingsDialog';
import { StoreContext } from '../../../renderer/src/store/context';
import { createLiveStore, fakeApi, flush } from './fakes';

/** Opens the dialog with `current` as main's settings; main answers each save with `current` and the patch. */
export async function openSettingsDialog(current: Settings) {
  const api = fakeApi({});
  api.getSettings.mockResolvedValue({ ok: true, value: current });
  api.setSettings.mockImplementation((patch) =>
    Promise.resolve({ ok: true as const, value: { ...current, ...patch } as Settings }),
  );
  const store = createLiveStore(api);
  await store.getState().loadSettings();
  const onClose = vi.fn();
  const view = render(
    <StoreContext.Provider value={store}>
      <SettingsDialog open onClose={onClose} />
    </StoreContext.Provider>,
  );
  await act(flush);
  return { api, store, onClose, view };
}
