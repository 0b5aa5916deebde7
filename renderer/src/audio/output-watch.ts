// The window's audio outputs, kept current for the pickers and the player's choice: listed at start and again
// on every devicechange (a headset plugged in or out), and how the last move to a device went.
import { audioOutputs, type OutputDevice } from './output-device';
import { createSignal } from './signal';
import { sinkSupported, type SinkResult } from './sink';

/** The named outputs the window may choose (empty until listed, or where none can be named). */
export const outputDevices = createSignal<readonly OutputDevice[]>([]);

/** How the last move to the chosen output went ('failed': the device refused, the sound stayed where it was). */
export const outputMove = createSignal<SinkResult>('moved');

/** Whether this window can play on a chosen output at all. */
export const canChooseOutput = (): boolean => sinkSupported();

const sameList = (a: readonly OutputDevice[], b: readonly OutputDevice[]): boolean =>
  a.length === b.length && a.every((d, i) => d.deviceId === b[i]?.deviceId && d.label === b[i]?.label);

/** Lists the outputs now and on every change of devices; returns the stop. */
export function watchOutputDevices(
  media: MediaDevices | undefined = globalThis.navigator?.mediaDevices,
): () => void {
  if (media === undefined || typeof media.enumerateDevices !== 'function') return () => undefined;
  let asked = 0;
  const list = async (): Promise<void> => {
    const mine = ++asked;
    try {
      const outputs = audioOutputs(await media.enumerateDevices());
      // An older listing that answers late must not undo a newer one.
      if (mine === asked && !sameList(outputs, outputDevices.get())) outputDevices.set(outputs);
    } catch (error) {
      console.warn('audio: the output devices cannot be listed', error);
    }
  };
  const onChange = (): void => void list();
  media.addEventListener('devicechange', onChange);
  void list();
  return () => media.removeEventListener('devicechange', onChange);
}
