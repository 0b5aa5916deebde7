// Running a batch of links for the window: a few dozen under way at once, each item answered exactly once
// (its entries, or an error with its reason) and by its deadline, with the batch's progress between.
import pLimit from 'p-limit';
import { appError } from '../../shared/errors';
import type { CloudcueEvent, Entry } from '../../shared/ipc';
import { settleWithin } from './deadline';

export type Emit = (event: CloudcueEvent) => void;

/**
 * Links of a batch under way at once: all 5,000 of a paste started together held main's loop for seconds (a
 * grant could not even be asked); six requests go out at a time anyway, and a few dozen links keep them busy.
 */
export const LINKS_IN_FLIGHT = 32;

/**
 * The longest one item may take in all. Each request is bound already (30 s an exchange, five minutes of
 * waiting out SoundCloud's pauses), and so is work items share (SHARED_WORK_MS), but an item may chain several,
 * and a promise that never settles (a bug) would leave the link resolving for ever: past this the item is
 * answered with an error the listener can retry. Long enough for a profile's 5,000 tracks under a 429.
 */
export const ITEM_DEADLINE_MS = 15 * 60_000;

export const ITEM_TIMED_OUT = 'SoundCloud took too long to answer for this link. Retry it.';

export interface BatchItem {
  itemId: string;
  /** The item's entries; failures are entries too (an item's own error), so this rejects only on a bug. */
  run: () => Promise<Entry[]>;
  /** What the item is called in an error entry: its link. */
  label: string;
}

export interface BatchOptions {
  now: () => number;
  /** Progress events are sent at most this often (the last one always). */
  progressIntervalMs: number;
  itemDeadlineMs: number;
}

/** Resolves the batch's items as they come, emitting each one's result once and the progress between. */
export async function runBatch(
  batchId: string,
  work: readonly BatchItem[],
  emit: Emit,
  alreadyFailed: number,
  options: BatchOptions,
): Promise<void> {
  const { now } = options;
  const total = work.length + alreadyFailed;
  let resolved = 0;
  let failed = alreadyFailed;
  let lastProgress = 0;
  const progress = (final: boolean): void => {
    if (!final && now() - lastProgress < options.progressIntervalMs) return;
    lastProgress = now();
    emit({ type: 'progress', batchId, resolved, failed, total });
  };
  // Nothing is emitted before the caller has sent the placeholders (the IPC reply goes out within the
  // microtasks that follow): a link answered from the cache would otherwise be reported first, and the
  // renderer, not knowing its placeholder yet, would drop the event and show the link resolving forever.
  await new Promise<void>((resolve) => setImmediate(resolve));
  progress(true);
  const inFlight = pLimit(LINKS_IN_FLIGHT);
  await Promise.all(
    work.map(({ itemId, run, label }) =>
      inFlight(async () => {
        let entries: Entry[];
        try {
          entries = await settleWithin(run(), options.itemDeadlineMs, () => new Error(ITEM_TIMED_OUT));
        } catch (error) {
          // Past its deadline (or failing where it never should): still answered, with a reason to retry.
          if (!(error instanceof Error && error.message === ITEM_TIMED_OUT))
            console.error('resolver failure', error);
          entries = [{ itemId, ok: false, error: appError('NETWORK', ITEM_TIMED_OUT), label }];
        }
        if (entries.every((e) => !e.ok) && entries.length > 0) failed += 1;
        else resolved += 1;
        emit({ type: 'resolved', batchId, itemId, entries });
        progress(resolved + failed === total);
      }),
    ),
  );
}
