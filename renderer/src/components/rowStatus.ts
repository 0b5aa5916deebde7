// The one-line status a queue row shows.
import type { QueueItem } from '../store/queue';

export function rowStatus(item: QueueItem, current: boolean, playing: boolean): string {
  if (item.status === 'error') return item.error?.message ?? 'Failed';
  if (item.status === 'resolving') return 'Resolving…';
  if (current) return playing ? 'Playing' : 'Paused';
  if (item.track?.access === 'preview') return 'Preview only';
  if (item.track?.access === 'blocked') return 'Not playable';
  return 'Ready';
}
