// The shared limit on requests in flight, with two lanes: playback's work (stream grants, their renewal, the
// next track's preparation) takes the next free slot before any metadata waiting, first come first served
// within a lane, so a long paste never stands between a listener and the track they asked for.
import { AsyncResource } from 'node:async_hooks';

/** Which queue a piece of work waits in: 'playback' always goes first. */
export type Lane = 'playback' | 'metadata';

export interface Limiter {
  /** Runs `work` once a slot is free and no earlier work of its lane (or of 'playback') is waiting. */
  run<T>(lane: Lane, work: () => Promise<T>): Promise<T>;
  /** Work running now. */
  readonly active: number;
  /** Work waiting for a slot, by lane. */
  pending(lane: Lane): number;
}

/** A first-in first-out queue whose removal costs O(1), however many thousand links wait in it. */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head += 1;
    // Drop the consumed front now and then, so a queue that is never empty does not grow without end.
    if (this.head > 1_024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

/**
 * At most `concurrency` pieces of work at once, whatever their lane. No slot is held back for playback: the
 * app's requests share Chromium's six connections per host, where a seventh would queue first come first
 * served, and a grant waits at most for the first of six requests in flight to end.
 */
export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, not ${concurrency}`);
  }
  const queues: Record<Lane, Fifo<() => void>> = { playback: new Fifo(), metadata: new Fifo() };
  const running: Record<Lane, number> = { playback: 0, metadata: 0 };

  /** The lane whose work may start now, playback's first, or null. */
  function laneToStart(): Lane | null {
    if (running.playback + running.metadata >= concurrency) return null;
    if (queues.playback.size > 0) return 'playback';
    if (queues.metadata.size > 0) return 'metadata';
    return null;
  }

  function next(): void {
    for (let lane = laneToStart(); lane !== null; lane = laneToStart()) {
      running[lane] += 1;
      queues[lane].shift()?.();
    }
  }

  return {
    run<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        // The work runs in its caller's async context (its deadline, its lane), not in that of the work whose
        // end happened to free the slot.
        // (A resource run by hand rather than AsyncResource.bind, whose bound function defines deprecated
        // getters at every call: thousands of links queued at once spent most of their queueing time there.)
        const context = new AsyncResource('cloudcue-limiter');
        queues[lane].push(() =>
          context.runInAsyncScope(() => {
            // A slot is given back however the work ends, even when it throws before returning a promise.
            const settled = (async () => work())();
            settled.then(resolve, reject).finally(() => {
              running[lane] -= 1;
              next();
            });
          }),
        );
        next();
      });
    },
    get active() {
      return running.playback + running.metadata;
    },
    pending: (lane) => queues[lane].size,
  };
}
