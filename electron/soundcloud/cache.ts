// The resolver's caches: bounded track metadata, stream grants until shortly before they expire, and
// in-flight de-duplication so two requests for one thing share one fetch.
import { LRUCache } from 'lru-cache';
import type { StreamGrant } from '../../shared/ipc';
import { settleWithin, SHARED_WORK_MS } from './deadline';

export { LRUCache };

/**
 * Runs `work` once per key at a time: callers asking while it runs get the same promise. Work still running
 * after `maxMs` fails its callers with NETWORK (see deadline.ts) and the key is free again: one that never ended
 * would otherwise hold every later caller of its key.
 */
export function createInflight<K, V>(maxMs = SHARED_WORK_MS): (key: K, work: () => Promise<V>) => Promise<V> {
  const running = new Map<K, Promise<V>>();
  return (key, work) => {
    const existing = running.get(key);
    if (existing !== undefined) return existing;
    const promise = settleWithin(work(), maxMs).finally(() => running.delete(key));
    running.set(key, promise);
    return promise;
  };
}

export interface GrantCache {
  /** A cached grant that still has more than the margin to live, or undefined. */
  get(trackId: number): StreamGrant | undefined;
  set(trackId: number, grant: StreamGrant): void;
  delete(trackId: number): void;
  clear(): void;
}

/**
 * Grants are reused until `marginMs` before they expire, and never past half their remaining life at
 * the time they were received, so a short-lived URL is not handed out when it is about to die.
 */
export function createGrantCache(
  options: { now?: () => number; marginMs?: number; max?: number } = {},
): GrantCache {
  const now = options.now ?? Date.now;
  const marginMs = options.marginMs ?? 30_000;
  const grants = new LRUCache<number, { grant: StreamGrant; freshUntil: number }>({
    max: options.max ?? 500,
  });
  return {
    get(trackId) {
      const entry = grants.get(trackId);
      if (entry === undefined) return undefined;
      if (now() >= entry.freshUntil) {
        grants.delete(trackId);
        return undefined;
      }
      return entry.grant;
    },
    set(trackId, grant) {
      const received = now();
      const life = grant.expiresAt - received;
      const freshUntil = Math.min(grant.expiresAt - marginMs, received + life / 2);
      if (freshUntil > received) grants.set(trackId, { grant, freshUntil });
    },
    delete(trackId) {
      grants.delete(trackId);
    },
    clear() {
      grants.clear();
    },
  };
}
