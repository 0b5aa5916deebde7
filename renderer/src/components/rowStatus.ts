// The one-line status a queue row shows: for a track that cannot play, why, as soon as it is known.
import type { QueueItem } from '../store/queue';
import { blockedReason } from '../store/verdicts';

/** `sounding`: the audio really moves; until it does, the current track that should play is loading. */
export function rowStatus(item: QueueItem, current: boolean, playing: boolean, sounding = playing): string {
  if (item.status === 'error') return item.error?.message ?? 'Failed';
  if (item.status === 'resolving') return 'Resolving…';
  const blocked = blockedReason(item.track);
  if (blocked !== null) return `Not playable: ${blocked.message}`;
  if (current) {
    if (!playing) return 'Paused';
    return sounding ? 'Playing' : 'Loading…';
  }
  if (item.track?.access === 'preview') return 'Preview only (30 s)';
  return 'Ready';
}
