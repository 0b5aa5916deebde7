// The web bridge starts a page's calls in the order the page made them, as Electron's IPC does: a newer
// session save that overtakes an older one on the wire is not undone by it.
import { describe, expect, it } from 'vitest';
import type { SavedItem, Session } from '../../shared/ipc';
import { createCallOrder } from '../bridge/call-order';
import { rawRequest, useBridge } from '../helpers/bridge-world';
import { savedItem, sessionOf } from '../helpers/main-session';
import { trackOf } from '../helpers/main-track';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('createCallOrder', () => {
  /** Call `n` of `page` arriving now, run (once its body is read) with a handler that notes it started. */
  const calling = (order: ReturnType<typeof createCallOrder>, started: string[], page = 'page-a') => {
    return (n: number | string) => {
      const turn = order.arrive(page, String(n));
      return () => turn(async () => started.push(`${page}:${n}`));
    };
  };

  it("starts a page's calls in their numbers' order, whatever order they arrive in", async () => {
    const started: string[] = [];
    const call = calling(createCallOrder(), started);
    const late = [call(2)(), call(1)()];
    await sleep(20);
    expect(started).toEqual([]);
    await Promise.all([call(0)(), ...late]);
    expect(started).toEqual(['page-a:0', 'page-a:1', 'page-a:2']);
  });

  it('holds the calls after one that arrived and is still being read, however long it takes', async () => {
    const started: string[] = [];
    const call = calling(createCallOrder({ missingMs: 10 }), started);
    const first = call(0);
    const second = call(1)();
    await sleep(50);
    expect(started).toEqual([]);
    await Promise.all([first(), second]);
    expect(started).toEqual(['page-a:0', 'page-a:1']);
  });

  it("never makes one page wait for another's calls, nor calls without numbers", async () => {
    const order = createCallOrder();
    const started: string[] = [];
    const waiting = calling(order, started, 'page-a')(1)();
    await calling(order, started, 'page-b')(0)();
    await order.arrive(undefined, undefined)(async () => started.push('plain'));
    await order.arrive('page-a', 'not a number')(async () => started.push('unnumbered'));
    expect(started).toEqual(['page-b:0', 'plain', 'unnumbered']);
    await calling(order, started, 'page-a')(0)();
    await waiting;
    expect(started.slice(-2)).toEqual(['page-a:0', 'page-a:1']);
  });

  it('gives up on a call that never comes, or is never read, and runs it at once should it come late', async () => {
    const started: string[] = [];
    const call = calling(createCallOrder({ missingMs: 50, readingMs: 100 }), started);
    const at = Date.now();
    await call(1)();
    expect(Date.now() - at).toBeGreaterThanOrEqual(45);
    await call(0)();
    const unread = call(2);
    const at3 = Date.now();
    await call(3)();
    expect(Date.now() - at3).toBeGreaterThanOrEqual(95);
    await unread();
    expect(started).toEqual(['page-a:1', 'page-a:0', 'page-a:3', 'page-a:2']);
  });
});

describe('the bridge', () => {
  const world = useBridge('cloudcue-bridge-order-', {
    'renderer/index.html': `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'" /></head></html>`,
  });

  /** A call as the bridge script makes it: numbered `call` within page `page` when given. */
  async function ipc(
    channel: string,
    arg: unknown,
    numbered?: { page: string; call: number },
  ): Promise<unknown> {
    const headers: Record<string, string> = { origin: world.origin, 'content-type': 'application/json' };
    if (numbered !== undefined) {
      headers['x-cloudcue-page'] = numbered.page;
      headers['x-cloudcue-call'] = String(numbered.call);
    }
    const answer = await rawRequest(world.origin, `/ipc/${channel}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(arg),
    });
    return JSON.parse(answer.body) as unknown;
  }

  it('keeps the newer of two session saves that reached it the other way round', async () => {
    const page = 'page-saves';
    const ready = savedItem({ status: 'ready', track: trackOf(7) });
    // The newer save (the item resolved) arrives first; the older one (still resolving) after it.
    const newer = ipc('saveSession', { session: sessionOf([ready]) }, { page, call: 1 });
    await sleep(50);
    await ipc('saveSession', { session: sessionOf([savedItem()]) }, { page, call: 0 });
    expect(await newer).toEqual({ ok: true, value: { accepted: true } });
    let saved: SavedItem[] = [];
    for (let tries = 0; saved.length === 0 && tries < 50; tries++) {
      await sleep(100);
      const loaded = (await ipc('loadSession', {})) as { value: { session: Session | null } };
      saved = loaded.value.session?.items ?? [];
    }
    expect(saved.map((i) => i.status)).toEqual(['ready']);
  });
});
