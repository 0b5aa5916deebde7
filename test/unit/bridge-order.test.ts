// The web bridge starts a page's calls in the order the page made them, as Electron's IPC does: a newer
// session save that overtakes an older one on the wire is not undone by it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedItem, Session } from '../../shared/ipc';
import { createCallOrder } from '../bridge/call-order';
import { startBridge, type Bridge } from '../bridge/server';
import { startSimulator, type Simulator } from '../simulator/server';
import { trackOf } from '../helpers/main-track';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('createCallOrder', () => {
  it("starts a page's calls in their numbers' order, whatever order they arrive in", async () => {
    const inOrder = createCallOrder(10_000);
    const started: number[] = [];
    const call = (n: number) => inOrder('page-a', String(n), async () => started.push(n));
    const late = [call(2), call(1)];
    await sleep(20);
    expect(started).toEqual([]);
    await Promise.all([call(0), ...late]);
    expect(started).toEqual([0, 1, 2]);
  });

  it("never makes one page wait for another's calls, nor calls without numbers", async () => {
    const inOrder = createCallOrder(10_000);
    const started: string[] = [];
    const waiting = inOrder('page-a', '1', async () => started.push('a1'));
    await inOrder('page-b', '0', async () => started.push('b0'));
    await inOrder(undefined, undefined, async () => started.push('plain'));
    await inOrder('page-a', 'not a number', async () => started.push('unnumbered'));
    expect(started).toEqual(['b0', 'plain', 'unnumbered']);
    await inOrder('page-a', '0', async () => started.push('a0'));
    await waiting;
    expect(started.slice(-2)).toEqual(['a0', 'a1']);
  });

  it('gives up on a call that never comes, and runs it at once should it come late', async () => {
    const inOrder = createCallOrder(50);
    const started: number[] = [];
    const at = Date.now();
    await inOrder('page-a', '1', async () => started.push(1));
    expect(Date.now() - at).toBeGreaterThanOrEqual(45);
    await inOrder('page-a', '0', async () => started.push(0));
    await inOrder('page-a', '2', async () => started.push(2));
    expect(started).toEqual([1, 0, 2]);
  });
});

describe('the bridge', () => {
  let dir: string;
  let simulator: Simulator;
  let bridge: Bridge;
  let origin: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cloudcue-bridge-order-'));
    await mkdir(join(dir, 'renderer'), { recursive: true });
    await writeFile(
      join(dir, 'renderer', 'index.html'),
      `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'" /></head></html>`,
    );
    simulator = await startSimulator();
    bridge = await startBridge({
      scOrigin: simulator.origin,
      rendererDir: join(dir, 'renderer'),
      dataDir: join(dir, 'data'),
    });
    origin = new URL(bridge.url).origin;
  });

  afterAll(async () => {
    await bridge.close();
    await simulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A call as the bridge script makes it: numbered `call` within page `page` when given. */
  function ipc(channel: string, arg: unknown, numbered?: { page: string; call: number }): Promise<unknown> {
    const url = new URL(origin);
    const headers: Record<string, string> = { origin, 'content-type': 'application/json' };
    if (numbered !== undefined) {
      headers['x-cloudcue-page'] = numbered.page;
      headers['x-cloudcue-call'] = String(numbered.call);
    }
    return new Promise((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: `/ipc/${channel}`, method: 'POST', headers },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve(JSON.parse(body) as unknown));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(arg));
    });
  }

  const item = (changes: Partial<SavedItem>): SavedItem => ({
    id: 'p1',
    link: 'https://soundcloud.com/night-owl/lantern-hum',
    kind: 'track',
    startSeconds: 0,
    status: 'resolving',
    ...changes,
  });
  const session = (items: SavedItem[]): Session => ({
    version: 1,
    items,
    currentId: null,
    positionSeconds: 0,
    volume: 1,
    muted: false,
    shuffle: false,
    repeat: 'off',
  });

  it('keeps the newer of two session saves that reached it the other way round', async () => {
    const page = 'page-saves';
    const ready = item({ status: 'ready', track: trackOf(7) });
    // The newer save (the item resolved) arrives first; the older one (still resolving) after it.
    const newer = ipc('saveSession', { session: session([ready]) }, { page, call: 1 });
    await sleep(50);
    await ipc('saveSession', { session: session([item({})]) }, { page, call: 0 });
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
