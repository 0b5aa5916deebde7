// Calls over the bridge started in the order the page made them, as Electron's IPC delivers one window's
// messages: each fetch may take a connection of its own, and a later call (a newer session save) must not
// overtake an earlier one and be undone by it.

/** One page's calls that have arrived and wait for the ones it made before. */
interface PageCalls {
  /** The number of the next call to start. */
  next: number;
  /** Calls that arrived, by number: their start once their body is read (null until then). */
  arrived: Map<number, (() => void) | null>;
  /** Gives up on the call the line waits for, so that the ones after it are not held forever. */
  timer: ReturnType<typeof setTimeout> | null;
}

/** Pages remembered at once: each reload is a page of its own, and the oldest are forgotten. */
const MAX_PAGES = 64;

/** The page id the bridge script sends: a UUID, or any short token of letters, digits and dashes. */
const PAGE_ID = /^[\w-]{1,64}$/;

/** Runs a call's handler once its turn comes; resolves with what the handler returned. */
export type Turn = <T>(run: () => Promise<T>) => Promise<T>;

export interface CallOrderOptions {
  /** How long the line waits for a call that has not arrived (its fetch failed, say). */
  missingMs?: number;
  /** How long it waits for a call that arrived but whose body is not read yet. */
  readingMs?: number;
}

/**
 * `arrive(page, call)`, as soon as a call's headers are in: its place in `page`'s line, whose turn starts it
 * once every call the page numbered before it has started (its handler invoked), or was given up on. Calls
 * without a valid page id and number start at once.
 */
export function createCallOrder(options: CallOrderOptions = {}): {
  arrive(page: string | undefined, call: string | undefined): Turn;
} {
  const missingMs = options.missingMs ?? 2_000;
  const readingMs = options.readingMs ?? 30_000;
  const pages = new Map<string, PageCalls>();
  const atOnce: Turn = (run) => run();

  function pageCalls(page: string): PageCalls {
    let calls = pages.get(page);
    if (calls !== undefined) return calls;
    calls = { next: 0, arrived: new Map(), timer: null };
    pages.set(page, calls);
    for (const [oldest, old] of pages) {
      if (pages.size <= MAX_PAGES) break;
      if (old.timer !== null) clearTimeout(old.timer);
      pages.delete(oldest);
      for (const start of old.arrived.values()) start?.();
    }
    return calls;
  }

  function drain(calls: PageCalls): void {
    for (let start = calls.arrived.get(calls.next); start; start = calls.arrived.get(calls.next)) {
      calls.arrived.delete(calls.next);
      calls.next += 1;
      start();
    }
    if (calls.timer !== null) clearTimeout(calls.timer);
    calls.timer = null;
    if (calls.arrived.size === 0) return;
    const reading = calls.arrived.has(calls.next);
    calls.timer = setTimeout(
      () => {
        calls.timer = null;
        // The one waited for is skipped (it starts at once should it come after all).
        if (reading) calls.arrived.delete(calls.next++);
        else calls.next = Math.min(...calls.arrived.keys());
        drain(calls);
      },
      reading ? readingMs : missingMs,
    );
    calls.timer.unref();
  }

  return {
    arrive(page, call) {
      const seq = Number(call);
      if (
        page === undefined ||
        !PAGE_ID.test(page) ||
        call === undefined ||
        !Number.isSafeInteger(seq) ||
        seq < 0
      )
        return atOnce;
      const calls = pageCalls(page);
      // Late (given up on), or a number sent twice: nothing to wait for.
      if (seq < calls.next || calls.arrived.has(seq)) return atOnce;
      calls.arrived.set(seq, null);
      return (run) =>
        new Promise((resolve, reject) => {
          // Forgotten meanwhile (too many pages), or skipped while its body was read: at once.
          if (pages.get(page) !== calls || calls.arrived.get(seq) !== null) {
            run().then(resolve, reject);
            return;
          }
          calls.arrived.set(seq, () => void run().then(resolve, reject));
          drain(calls);
        });
    },
  };
}
