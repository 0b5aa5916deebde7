// @vitest-environment jsdom
// The Settings dialog's new parts: the Web API client id (checked before it is sent, and main's refusal
// shown), Prefer MP3 streams, the Legacy API described as SoundCloud's retired API, the theme, Check for
// updates, and the checkbox rows' labels and hints.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
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

describe('the theme', () => {
  it('shows the theme main keeps, one choice in its group, and saves the one chosen', async () => {
    const { api } = await openDialog({ ...settings, theme: 'light' });
    const group = within(screen.getByRole('group', { name: 'Theme' }));
    const radios = group.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((radio) => [radio.value, radio.checked])).toEqual([
      ['system', false],
      ['light', true],
      ['dark', false],
    ]);
    fireEvent.click(group.getByRole('radio', { name: 'Dark' }));
    expect(radios.filter((radio) => radio.checked).map((radio) => radio.value)).toEqual(['dark']);
    await save();
    expect(api.setSettings).toHaveBeenCalledWith(expect.objectContaining({ theme: 'dark' }));
  });
});

describe('Check for updates', () => {
  const updates = () =>
    within(screen.getByRole('group', { name: 'Desktop' })).getByRole('checkbox', {
      name: 'Check for updates',
    }) as HTMLInputElement;

  it('sits in the Desktop group as main reports it, described as a daily check that asks first', async () => {
    await openDialog({ ...settings, checkForUpdates: true });
    expect(updates().checked).toBe(true);
    const hint = document.getElementById(updates().getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toMatch(/once a day/);
    expect(hint?.textContent).toMatch(/asks before it downloads or installs/);
  });

  it('saves it turned off, and turned on again', async () => {
    const on = await openDialog({ ...settings, checkForUpdates: true });
    fireEvent.click(updates());
    await save();
    expect(on.api.setSettings).toHaveBeenCalledWith(expect.objectContaining({ checkForUpdates: false }));
    cleanup();
    const off = await openDialog({ ...settings, checkForUpdates: false });
    expect(updates().checked).toBe(false);
    fireEvent.click(updates());
    await save();
    expect(off.api.setSettings).toHaveBeenCalledWith(expect.objectContaining({ checkForUpdates: true }));
  });
});

describe('the checkbox rows', () => {
  it('tie each label to its own box, and describe a box only by its own hint', async () => {
    await openDialog();
    const boxes = screen.getAllByRole('checkbox') as HTMLInputElement[];
    expect(new Set(boxes.map((box) => box.id)).size).toBe(boxes.length);
    const described = boxes.map((box) => [
      box.labels?.[0]?.textContent,
      document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent.slice(0, 24) ?? null,
    ]);
    expect(described).toEqual([
      ['Prefer MP3 streams', 'Cloudcue plays AAC by de'],
      ['Keep albums gapless', 'Two tracks that follow e'],
      ['Keep playing in the tray when the window closes', null],
      ['Pause when the computer sleeps or locks', null],
      ['Notify on track change', null],
      ['Check for updates', 'At most once a day. Clou'],
    ]);
  });
});
