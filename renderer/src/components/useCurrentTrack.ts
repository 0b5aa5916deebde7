// The track of the current queue item, if there is one and it has resolved.
import type { Track } from '../../../shared/ipc';
import { useAppStore } from '../store/context';

export function useCurrentTrack(): Track | undefined {
  return useAppStore((s) =>
    s.currentId === null ? undefined : s.items.find((item) => item.id === s.currentId)?.track,
  );
}
