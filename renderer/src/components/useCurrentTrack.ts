// The track of the current queue item, if there is one and it has resolved.
import type { Track } from '../../../shared/ipc';
import { useAppStore } from '../store/context';
import { currentItem } from '../store/order';

export function useCurrentTrack(): Track | undefined {
  return useAppStore((s) => currentItem(s)?.track);
}
