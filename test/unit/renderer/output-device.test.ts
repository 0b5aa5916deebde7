// The output device choice: the outputs a picker offers (named ones, without Chromium's aliases), the device
// remembered by name played while it is there, the system default (with a note) while it is away, and the
// device again when a devicechange lists it back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  audioOutputs,
  chooseOutput,
  missingNote,
  type OutputDevice,
} from '../../../renderer/src/audio/output-device';
import { outputDevices, watchOutputDevices } from '../../../renderer/src/audio/output-watch';

const info = (kind: MediaDeviceKind, deviceId: string, label: string) =>
  ({ kind, deviceId, label, groupId: 'g' }) as MediaDeviceInfo;

const SPEAKERS: OutputDevice = { deviceId: 'a1', label: 'Built-in Speakers' };
const DAC: OutputDevice = { deviceId: 'b2', label: 'USB DAC' };

describe('audioOutputs', () => {
  it('offers named audio outputs once each, without the default and communications aliases or inputs', () => {
    const infos = [
      info('audiooutput', 'default', 'Default - Built-in Speakers'),
      info('audiooutput', 'communications', 'Communications - USB DAC'),
      info('audioinput', 'm1', 'Microphone'),
      info('audiooutput', 'a1', 'Built-in Speakers'),
      info('audiooutput', 'b2', 'USB DAC'),
      info('audiooutput', 'b3', 'USB DAC'),
    ];
    expect(audioOutputs(infos)).toEqual([SPEAKERS, DAC]);
  });

  it('offers nothing besides the default where the outputs cannot be named (no permission)', () => {
    expect(audioOutputs([info('audiooutput', '', ''), info('audioinput', '', '')])).toEqual([]);
  });
});

describe('chooseOutput', () => {
  it('plays on the system default when none is chosen', () => {
    expect(chooseOutput('', [SPEAKERS, DAC])).toEqual({ deviceId: '', missing: false });
    expect(missingNote('', chooseOutput('', []))).toBeNull();
  });

  it('plays on the remembered device, found by its name whatever its id is now', () => {
    expect(chooseOutput('USB DAC', [SPEAKERS, DAC])).toEqual({ deviceId: 'b2', missing: false });
    const renumbered = [{ deviceId: 'zz', label: 'USB DAC' }];
    expect(chooseOutput('USB DAC', renumbered)).toEqual({ deviceId: 'zz', missing: false });
  });

  it('plays on the system default while the remembered device is away, and says so', () => {
    const choice = chooseOutput('USB DAC', [SPEAKERS]);
    expect(choice).toEqual({ deviceId: '', missing: true });
    expect(missingNote('USB DAC', choice)).toBe(
      'USB DAC is not connected: playing on the system default until it is back.',
    );
    expect(chooseOutput('USB DAC', [SPEAKERS, DAC])).toEqual({ deviceId: 'b2', missing: false });
  });
});

describe('watchOutputDevices', () => {
  afterEach(() => outputDevices.set([]));

  it('lists the outputs at start and again on every devicechange', async () => {
    let infos = [info('audiooutput', 'a1', 'Built-in Speakers')];
    const events = new EventTarget();
    const media = Object.assign(events, {
      enumerateDevices: vi.fn(() => Promise.resolve(infos)),
    }) as unknown as MediaDevices;
    const stop = watchOutputDevices(media);
    await vi.waitFor(() => expect(outputDevices.get()).toEqual([SPEAKERS]));

    infos = [...infos, info('audiooutput', 'b2', 'USB DAC')];
    events.dispatchEvent(new Event('devicechange'));
    await vi.waitFor(() => expect(outputDevices.get()).toEqual([SPEAKERS, DAC]));

    stop();
    infos = [];
    events.dispatchEvent(new Event('devicechange'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(outputDevices.get()).toEqual([SPEAKERS, DAC]);
    expect(media.enumerateDevices).toHaveBeenCalledTimes(2);
  });

  it('does nothing where the window has no media devices', () => {
    expect(() => watchOutputDevices(undefined)()).not.toThrow();
  });
});
