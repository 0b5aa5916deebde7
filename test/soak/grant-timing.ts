// How long the page waited for each stream grant it asked window.cloudcue for, and how many other calls to
// main were waiting beside it: what a stall is made of, as the renderer saw it.
import type { Page } from 'playwright-core';

export interface GrantCall {
  /** Epoch ms when the page asked. */
  at: number;
  /** How long the answer took, in ms; null while it has not come. */
  ms: number | null;
  /** Calls to main still unanswered when this one was made (others' too). */
  pendingBefore: number;
}

interface TimedGlobals {
  fetch: (input: unknown, init?: unknown) => Promise<unknown>;
  __cloudcueGrantCalls: GrantCall[];
}

/** Runs in the page before the bridge script: times every getStream call made over the bridge's fetch. */
function timeGrantCalls(): void {
  const page = globalThis as unknown as TimedGlobals;
  const native = page.fetch.bind(globalThis);
  const calls: GrantCall[] = [];
  let pending = 0;
  page.fetch = async (input, init) => {
    const path = typeof input === 'string' ? input : '';
    if (!path.startsWith('/ipc/')) return native(input, init);
    const call: GrantCall | null =
      path === '/ipc/getStream' ? { at: Date.now(), ms: null, pendingBefore: pending } : null;
    if (call !== null) calls.push(call);
    pending += 1;
    try {
      return await native(input, init);
    } finally {
      pending -= 1;
      if (call !== null) call.ms = Date.now() - call.at;
    }
  };
  Object.defineProperty(page, '__cloudcueGrantCalls', { value: calls });
}

export async function recordGrantCalls(page: Page): Promise<void> {
  await page.addInitScript(timeGrantCalls);
}

/** Every grant call so far. */
export function grantCalls(page: Page): Promise<GrantCall[]> {
  return page.evaluate(() => (globalThis as unknown as TimedGlobals).__cloudcueGrantCalls);
}
