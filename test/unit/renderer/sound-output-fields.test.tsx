// @vitest-environment jsdom
// The Output device pickers and Settings' Equalizer group: System default and each named output offered, a
// remembered device that is away kept on offer with a note until a devicechange lists it again, the choice
// beside the volume saved at once, none where the window cannot choose; ten band sliders "31 Hz" … "16 kHz",
// presets that set the bands and "Custom" once one is moved, and what Save sends to main.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EqualizerSettings } from '../../../shared/ipc';
import { DEFAULT_EQUALIZER, EQ_PRESETS, presetOf } from '../../../renderer/src/audio/equalizer';
import { outputDevices, outputMove } from '../../../renderer/src/audio/output-watch';
import { EqualizerFields } from '../../../renderer/src/components/EqualizerFields';
import { OutputDeviceField } from '../../../renderer/src/components/OutputDeviceField';
import { VolumeControl } from '../../../renderer/src/components/VolumeControl';
import { StoreContext } from '../../../renderer/src/store/context';
import { settingsView } from '../../helpers/settings';
import { createLiveStore, fakeApi, flush } from './fakes';
import { openSettingsDialog } from './settings-dialog-world';

const SPEAKERS = { deviceId: 'a1', label: 'Built-in Speakers' };
const DAC = { deviceId: 'b2', label: 'USB DAC' };
const prototype = HTMLMediaElement.prototype as unknown as Record<string, unknown>;

/** Whether the window's media elements can choose their output (jsdom's cannot). */
function sinkable(on: boolean): void {
  if (on) prototype['setSinkId'] = () => Promise.resolve();
  else delete prototype['setSinkId'];
}

beforeEach(() => sinkable(true));

afterEach(() => {
  cleanup();
  sinkable(false);
  outputDevices.set([]);
  outputMove.set('moved');
});

const options = (select: HTMLElement): string[] =>
  within(select)
    .getAllByRole('option')
    .map((option) => option.textContent ?? '');

function OutputField({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return <OutputDeviceField value={value} onChange={setValue} />;
}

describe('the Output device field', () => {
  it('offers System default and each named output, and keeps the choice', () => {
    outputDevices.set([SPEAKERS, DAC]);
    render(<OutputField initial="" />);
    const select = screen.getByRole('combobox', { name: 'Output device' });
    expect(options(select)).toEqual(['System default', 'Built-in Speakers', 'USB DAC']);
    expect(select).toHaveProperty('value', '');
    fireEvent.change(select, { target: { value: 'USB DAC' } });
    expect(select).toHaveProperty('value', 'USB DAC');
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('says the remembered device is away while it is, and stops saying so when it is back', () => {
    outputDevices.set([SPEAKERS]);
    render(<OutputField initial="USB DAC" />);
    const select = screen.getByRole('combobox', { name: 'Output device' });
    expect(options(select)).toEqual(['System default', 'Built-in Speakers', 'USB DAC (not connected)']);
    expect(select).toHaveProperty('value', 'USB DAC');
    expect(screen.getByRole('note').textContent).toBe(
      'USB DAC is not connected: playing on the system default until it is back.',
    );
    act(() => outputDevices.set([SPEAKERS, DAC]));
    expect(screen.queryByRole('note')).toBeNull();
    expect(options(select)).toEqual(['System default', 'Built-in Speakers', 'USB DAC']);
  });

  it('says when the chosen device refused', () => {
    outputDevices.set([SPEAKERS, DAC]);
    outputMove.set('failed');
    render(<OutputField initial="USB DAC" />);
    expect(screen.getByRole('note').textContent).toBe('USB DAC cannot be used right now.');
  });

  it('cannot be changed where the window cannot choose an output, and says so', () => {
    sinkable(false);
    render(<OutputField initial="" />);
    expect(screen.getByRole('combobox', { name: 'Output device' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('note').textContent).toMatch(/cannot choose an output device/);
  });
});

describe('the output device beside the volume', () => {
  it('sends the choice to main at once', async () => {
    outputDevices.set([SPEAKERS, DAC]);
    const api = fakeApi({});
    api.getSettings.mockResolvedValue({ ok: true, value: settingsView({ outputDevice: '' }) });
    api.setSettings.mockImplementation((patch) =>
      Promise.resolve({ ok: true as const, value: settingsView({ outputDevice: patch.outputDevice ?? '' }) }),
    );
    const store = createLiveStore(api);
    await store.getState().loadSettings();
    render(
      <StoreContext.Provider value={store}>
        <VolumeControl />
      </StoreContext.Provider>,
    );
    const select = screen.getByRole('combobox', { name: 'Output device' });
    fireEvent.change(select, { target: { value: 'Built-in Speakers' } });
    await act(flush);
    expect(api.setSettings).toHaveBeenCalledWith({ outputDevice: 'Built-in Speakers' });
    expect(store.getState().settings?.outputDevice).toBe('Built-in Speakers');
  });
});

function Equalizer({ onChange }: { onChange: (values: EqualizerSettings) => void }) {
  const [values, setValues] = useState(DEFAULT_EQUALIZER);
  return (
    <EqualizerFields
      values={values}
      onChange={(next) => {
        setValues(next);
        onChange(next);
      }}
    />
  );
}

describe('the Equalizer group', () => {
  it('has a switch, a preset, a preamp and ten band sliders from 31 Hz to 16 kHz within ±12 dB', () => {
    render(<Equalizer onChange={() => undefined} />);
    expect(screen.getByRole('switch', { name: 'Equalizer' })).toHaveProperty('checked', false);
    const labels = [
      '31 Hz',
      '62 Hz',
      '125 Hz',
      '250 Hz',
      '500 Hz',
      '1 kHz',
      '2 kHz',
      '4 kHz',
      '8 kHz',
      '16 kHz',
    ];
    for (const label of [...labels, 'Preamp']) {
      const slider = screen.getByRole('slider', { name: label });
      expect([slider.getAttribute('min'), slider.getAttribute('max')]).toEqual(['-12', '12']);
    }
    expect(screen.getAllByRole('slider')).toHaveLength(11);
    expect(screen.getByRole('combobox', { name: 'Equalizer preset' })).toHaveProperty('value', 'flat');
  });

  it('sets the bands from a preset, and shows Custom once a band is moved off it', () => {
    const changes: EqualizerSettings[] = [];
    render(<Equalizer onChange={(values) => changes.push(values)} />);
    const preset = screen.getByRole('combobox', { name: 'Equalizer preset' });
    fireEvent.change(preset, { target: { value: 'bass' } });
    expect(changes.at(-1)?.bands).toEqual(EQ_PRESETS.bass);
    expect(screen.getByRole('slider', { name: '31 Hz' })).toHaveProperty('value', String(EQ_PRESETS.bass[0]));
    fireEvent.change(screen.getByRole('slider', { name: '4 kHz' }), { target: { value: '-2.5' } });
    expect(changes.at(-1)?.bands[7]).toBe(-2.5);
    expect(preset).toHaveProperty('value', 'custom');
    expect(screen.getByRole('slider', { name: '4 kHz' }).getAttribute('aria-valuetext')).toBe('−2.5 dB');
    fireEvent.click(screen.getByRole('switch', { name: 'Equalizer' }));
    fireEvent.change(screen.getByRole('slider', { name: 'Preamp' }), { target: { value: '-3' } });
    expect(changes.at(-1)).toMatchObject({ enabled: true, preamp: -3 });
  });

  it('names each preset by its bands', () => {
    expect(presetOf(EQ_PRESETS.flat)).toBe('flat');
    expect(presetOf(EQ_PRESETS.voice)).toBe('voice');
    expect(presetOf([...EQ_PRESETS.bass.slice(0, 9), 1])).toBe('custom');
  });
});

describe('Settings', () => {
  it('saves the output device and the equalizer with the rest', async () => {
    outputDevices.set([SPEAKERS, DAC]);
    const { api } = await openSettingsDialog(
      settingsView({ outputDevice: '', equalizer: DEFAULT_EQUALIZER }),
    );
    fireEvent.change(screen.getByRole('combobox', { name: 'Output device' }), {
      target: { value: 'USB DAC' },
    });
    fireEvent.click(screen.getByRole('switch', { name: 'Equalizer' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Equalizer preset' }), {
      target: { value: 'voice' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await act(flush);
    expect(api.setSettings).toHaveBeenCalledWith(
      expect.objectContaining({
        outputDevice: 'USB DAC',
        equalizer: { enabled: true, preamp: 0, bands: [...EQ_PRESETS.voice] },
      }),
    );
  });
});
