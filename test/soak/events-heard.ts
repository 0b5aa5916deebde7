// What the page heard from main over the bridge: the items it heard a `resolved` event for, the retries it
// asked for, and how often the event stream dropped and came back; so an item left resolving can be told to
// be main's (no result ever sent), the wire's (sent, not heard), or the page's and its saves' (heard, not
// kept). Noted in the soak's process, not the page, whose heap the soak measures.
import type { Page } from 'playwright-core';

/** The page's globals the recorder touches; declared here because the Node type check has no DOM. */
interface HeardGlobals {
  EventSource: new (url: string) => HeardSource;
  fetch: (input: unknown, init?: { body?: unknown }) => Promise<unknown>;
  cloudcueHeard: (what: Noted, itemId?: string) => Promise<void>;
}
interface HeardSource {
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
}
type Noted = 'resolved' | 'retried' | 'answered' | 'opened' | 'error';

/** Runs in the page before the bridge script: wraps EventSource and fetch to pass on what goes by. */
function recordHeard(): void {
  const page = globalThis as unknown as HeardGlobals;
  const note = (what: Noted, itemId?: string): void =>
    void page.cloudcueHeard(what, itemId).catch(() => undefined);
  const Native = page.EventSource;
  page.EventSource = function (url: string) {
    const source = new Native(url);
    source.addEventListener('open', () => note('opened'));
    source.addEventListener('error', () => note('error'));
    source.addEventListener('message', (message) => {
      const event = JSON.parse(String(message.data)) as { type?: string; itemId?: string };
      if (event.type === 'resolved') note('resolved', event.itemId);
    });
    return source;
  } as unknown as HeardGlobals['EventSource'];
  const native = page.fetch.bind(globalThis);
  page.fetch = (input, init) => {
    if (input !== '/ipc/retry' || typeof init?.body !== 'string') return native(input, init);
    const { itemId } = JSON.parse(init.body) as { itemId?: string };
    note('retried', itemId);
    const answer = native(input, init);
    void answer.then(() => note('answered', itemId)).catch(() => undefined);
    return answer;
  };
}

export interface HeardFor {
  /** Of the items asked about, how many the page heard a `resolved` event for. */
  heard: number;
  /** How many it heard one for after the last retry it asked of them (or at all, if never retried). */
  heardLast: number;
  /** How many of them the page asked main to retry. */
  retried: number;
  /** How many of those retries main answered (it answers at once; the result comes as an event). */
  answered: number;
  /** The newest of those retries, in epoch ms (0: none). */
  lastRetry: number;
  /** The event stream's openings and errors (a reconnection is an error, then an opening). */
  opened: number;
  errors: number;
}

export interface EventsHeard {
  /** What was heard for `ids`, and of the event stream. */
  heardFor(ids: readonly string[]): HeardFor;
}

/** Starts noting what `page` hears, from its next load on. */
export async function recordEventsHeard(page: Page): Promise<EventsHeard> {
  const resolved = new Map<string, number>();
  const retried = new Map<string, number>();
  const answered = new Set<string>();
  const stream = { opened: 0, errors: 0 };
  await page.exposeFunction('cloudcueHeard', (what: Noted, itemId?: string) => {
    if (what === 'opened') stream.opened += 1;
    else if (what === 'error') stream.errors += 1;
    else if (itemId === undefined) return;
    else if (what === 'resolved') resolved.set(itemId, Date.now());
    else if (what === 'answered') answered.add(itemId);
    else {
      retried.set(itemId, Date.now());
      answered.delete(itemId);
    }
  });
  await page.addInitScript(recordHeard);
  return {
    heardFor(ids) {
      const retries = ids.map((id) => retried.get(id) ?? 0);
      return {
        heard: ids.filter((id) => resolved.has(id)).length,
        heardLast: ids.filter((id) => (resolved.get(id) ?? -1) >= (retried.get(id) ?? 0)).length,
        retried: retries.filter((at) => at > 0).length,
        answered: ids.filter((id) => answered.has(id)).length,
        lastRetry: Math.max(0, ...retries),
        ...stream,
      };
    },
  };
}
