// Which output the sound plays on: the devices a picker offers (named audio outputs) and the choice for a
// remembered device name: that device while it is there, else the system default with a note, and the
// device again once it is back. Pure: the page's device list and the graph are elsewhere.

/** An audio output as the picker shows it. */
export interface OutputDevice {
  deviceId: string;
  label: string;
}

/** What to play on: `deviceId` '' is the system default; `missing` when a remembered device is not there. */
export interface OutputChoice {
  deviceId: string;
  missing: boolean;
}

/** Chromium's aliases for whatever the system's default (or communications) output is: not devices of their own. */
const ALIASES: ReadonlySet<string> = new Set(['', 'default', 'communications']);

/**
 * The named audio outputs among `infos`, once each by name. Without the permission to name them Chromium
 * lists one unnamed output, which is the system default: nothing to offer besides it.
 */
export function audioOutputs(
  infos: readonly Pick<MediaDeviceInfo, 'kind' | 'deviceId' | 'label'>[],
): OutputDevice[] {
  const seen = new Set<string>();
  const outputs: OutputDevice[] = [];
  for (const { kind, deviceId, label } of infos) {
    if (kind !== 'audiooutput' || ALIASES.has(deviceId) || label === '' || seen.has(label)) continue;
    seen.add(label);
    outputs.push({ deviceId, label });
  }
  return outputs;
}

/** Where to play for the remembered device `name` ('' = the system default) among `outputs`. */
export function chooseOutput(name: string, outputs: readonly OutputDevice[]): OutputChoice {
  if (name === '') return { deviceId: '', missing: false };
  const device = outputs.find((output) => output.label === name);
  return device === undefined
    ? { deviceId: '', missing: true }
    : { deviceId: device.deviceId, missing: false };
}

/** The note beside the picker while the remembered device is away, else null. */
export function missingNote(name: string, choice: OutputChoice): string | null {
  return choice.missing ? `${name} is not connected: playing on the system default until it is back.` : null;
}
