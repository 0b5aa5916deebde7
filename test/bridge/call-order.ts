// Calls over the bridge started in the order the page made them, as Electron's IPC delivers one window's
// messages: each fetch may take a connection of its own, and a later call (a newer session save) must not
// overtake an earlier one and be undone by it.

/** A call the page numbered, waiting for the ones it made before. */
interface PageCalls {
  /** The number of the next call to start. */
  next: number;
  waiting: Map<number, () => void>;
  /** Gives up on a call that never came, so that the ones after it are not held forever. */
  timer: ReturnType<typeof setTimeout> | null;
}

/** Pages remembered at once: each reload is a page of its own, and the oldest are forgotten. */
const MAX_PAGES = 64;

/** The page id the bridge script sends: a UUID, or any short token of letters, digits and dashes. */
const PAGE_ID = /^[\w-]{1,64}$/;

export type InOrder = <T>(
  page: string | undefined,
  call: string | undefined,
  run: () => Promise<T>,
) => Promise<T>;

/**
 * `inOrder(page, call, run)` runs `run` once every call `page` numbered before `call` has started (its handler
 * invoked), or `gapMs` after a missing one was first waited for (a fetch that never arrived). Calls without a
 * valid page id and number run at once.
 */
export function createCallOrder(gapMs = 2_000): InOrder {
  const pages = new Map<string, PageCalls>();

  function pageCalls(page: string): PageCalls {
    let calls = pages.get(page);
    if (calls === undefined) {
      calls = { next: 0, waiting: new Map(), timer: null };
      pages.set(page, calls);
      for (const [oldest, old] of pages) {
        if (pages.size <= MAX_PAGES) break;
        if (old.timer !== null) clearTimeout(old.timer);
        for (const start of old.waiting.values()) start();
        pages.delete(oldest);
      }
    }
    return calls;
  }

  function drain(calls: PageCalls): void {
    for (
      let start = calls.waiting.get(calls.next);
      start !== undefined;
      start = calls.waiting.get(calls.next)
    ) {
      calls.waiting.delete(calls.next);
      calls.next += 1;
      start();
    }
    if (calls.timer !== null) clearTimeout(calls.timer);
    calls.timer = null;
    if (calls.waiting.size === 0) return;
    calls.timer = setTimeout(() => {
      calls.timer = null;
      calls.next = Math.min(...calls.waiting.keys());
      drain(calls);
    }, gapMs);
    calls.timer.unref();
  }

  return (page, call, run) => {
    const seq = Number(call);
    if (
      page === undefined ||
      !PAGE_ID.test(page) ||
      call === undefined ||
      !Number.isSafeInteger(seq) ||
      seq < 0
    )
      return run();
    const calls = pageCalls(page);
    // Late (given up on), or a number sent twice: nothing to wait for.
    if (seq < calls.next || calls.waiting.has(seq)) return run();
    return new Promise((resolve, reject) => {
      calls.waiting.set(seq, () => void run().then(resolve, reject));
      drain(calls);
    });
  };
}
