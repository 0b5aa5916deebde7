// @vitest-environment jsdom
// The Settings dialog's new parts: the Web API client id (checked before it is sent, and main's refusal
// shown), Prefer MP3 streams, and the Legacy API described as SoundCloud's retired API.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors';
import type { Settings } from '../../../shared/ipc';
import { flush } from './fakes';
import { openSettingsDialog } from './settings-dialog-world';
import { settingsView } from '../../helpers/settings';

const settings = settingsView({ secretStorage: 'encrypted', userTrackCap: 200 });

const VALID_ID = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';

const openDialog = (current: Settings = settings) => openSettingsDialog(current);

const clientIdField = () => screen.getByRole('textbox', { name: 'Web API client id (optional)' });

async function save(): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await flush();
  });
}

afterEach(cleanup);

describe('the Web API client id', () => {
  it('is explained, and empty by default (Cloudcue finds SoundCloud’s own)', async () => {
    await openDialog();
    const field = clientIdField();
    expect((field as HTMLInputElement).value).toBe('');
    expect(field.getAttribute('aria-invalid')).toBe('false');
    const hint = document.getElementById(field.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toMatch(/32 letters and digits/);
  });

  it('says what is wrong with a malformed one and does not send it', async () => {
    const { api } = await openDialog();
    fireEvent.change(clientIdField(), { target: { value: 'not-a-client-id' } });
    fireEvent.blur(clientIdField());
    expect(clientIdField().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('A client id is 32 letters and digits.')).toBeTruthy();
    await save();
    expect(api.setSettings).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/client id/);
  });

  it('sends a well-formed one, trimmed, and closes', async () => {
    const { api, store, onClose } = await openDialog();
    fireEvent.change(clientIdField(), { target: { value: ` ${VALID_ID} ` } });
    await save();
    expect(api.setSettings).toHaveBeenCalledWith(expect.objectContaining({ webClientId: VALID_ID }));
    expect(store.getState().settings?.webClientId).toBe(VALID_ID);
    expect(onClose).toHaveBeenCalled();
  });

  it('shows main’s answer when main refuses the change', async () => {
    const { api, onClose } = await openDialog();
    api.setSettings.mockResolvedValueOnce({
      ok: false,
      error: appError(
        'INVALID_INPUT',
        'Invalid setSettings request: webClientId: A client id is 32 letters and digits.',
      ),
    });
    fireEvent.change(clientIdField(), { target: { value: VALID_ID } });
    await save();
    expect(screen.getByRole('alert').textContent).toMatch(/webClientId: A client id is 32 letters/);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('is only on screen (and only sent) while the Web API is chosen', async () => {
    const { api } = await openDialog({ ...settings, webClientId: VALID_ID });
    fireEvent.click(screen.getByRole('radio', { name: 'Official API' }));
    expect(screen.queryByRole('textbox', { name: 'Web API client id (optional)' })).toBeNull();
    await save();
    expect(api.setSettings.mock.calls[0]?.[0]).not.toHaveProperty('webClientId');
  });
});

describe('the stream format', () => {
  it('is AAC unless MP3 is preferred', async () => {
    const { api } = await openDialog();
    const mp3 = screen.getByRole('checkbox', { name: 'Prefer MP3 streams' }) as HTMLInputElement;
    expect(mp3.checked).toBe(false);
    fireEvent.click(mp3);
    await save();
    expect(api.setSettings).toHaveBeenCalledWith(expect.objectContaining({ streamPreference: 'mp3' }));
  });

  it('shows MP3 as chosen, and goes back to AAC when unticked', async () => {
    const { api } = await openDialog({ ...settings, streamPreference: 'mp3' });
    const mp3 = screen.getByRole('checkbox', { name: 'Prefer MP3 streams' }) as HTMLInputElement;
    expect(mp3.checked).toBe(true);
    fireEvent.click(mp3);
    await save();
    expect(api.setSettings).toHaveBeenCalledWith(expect.objectContaining({ streamPreference: 'aac' }));
  });
});

describe('the Legacy API', () => {
  it('is described as SoundCloud’s retired API that answers with an error today', async () => {
    await openDialog();
    const legacy = screen.getByRole('radio', { name: 'Legacy API (retired)' });
    const hint = document.getElementById(legacy.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toMatch(/retired 2012–2019 API/);
    expect(hint?.textContent).toMatch(/SoundCloud answers it with an error today/);
  });
});

describe('when the queue ends', () => {
  it('stops by default, and saves "play related tracks" when chosen', async () => {
    const { api } = await openDialog();
    const stop = screen.getByRole('radio', { name: 'Stop' }) as HTMLInputElement;
    const related = screen.getByRole('radio', { name: 'Play related tracks' }) as HTMLInputElement;
    expect(screen.getByRole('group', { name: 'When the queue ends' })).toBeTruthy();
    expect([stop.checked, related.checked]).toEqual([true, false]);
    fireEvent.click(related);
    await save();
    expect(api.setSettings).toHaveBeenCalledWith(expect.objectContaining({ queueEnd: 'related' }));
  });

  it('shows the saved choice, and goes back to stopping', async () => {
    const { api } = await openDialog({ ...settings, queueEnd: 'related' });
    expect((screen.getByRole('radio', { name: 'Play related tracks' }) as HTMLInputElement).checked).toBe(
      true,
    );
    fireEvent.click(screen.getByRole('radio', { name: 'Stop' }));
    await save();
    expect(api.setSettings).toHaveBeenCalledWith(expect.objectContaining({ queueEnd: 'stop' }));
  });
});
