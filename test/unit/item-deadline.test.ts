// Every item of a batch is answered once, by its deadline: work that never ends (a request that ignores its
// own deadline, a promise nobody settles) becomes an error the listener can retry, and does not hold the link
// for the next paste or retry of it.
import { describe, expect, it } from 'vitest';
import { ITEM_TIMED_OUT, runBatch } from '../../electron/soundcloud/batch';
import { createInflight } from '../../electron/soundcloud/cache';
import { TOOK_TOO_LONG } from '../../electron/soundcloud/deadline';
import { createHttp, type Http } from '../../electron/soundcloud/http';
import { createSoundCloudService } from '../../electron/soundcloud/service';
import type { CloudcueEvent, Entry } from '../../shared/ipc';
import { permalinkOf } from '../simulator/catalogue';
import { serviceSettings } from '../helpers/main-service-settings';
import { useSimulator } from '../helpers/simulator';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const options = { now: Date.now, progressIntervalMs: 0, itemDeadlineMs: 100 };

describe('runBatch', () => {
  it('answers an item whose work never ends with an error to retry, and still ends the batch', async () => {
    const events: CloudcueEvent[] = [];
    const entry: Entry = {
      itemId: 'p2',
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Gone.' },
      label: 'b',
    };
    const started = Date.now();
    await runBatch(
      'b1',
      [
        { itemId: 'p1', label: 'https://soundcloud.com/a/never', run: never },
        { itemId: 'p2', label: 'b', run: () => Promise.resolve([entry]) },
        { itemId: 'p3', label: 'https://soundcloud.com/a/bug', run: () => Promise.reject(new Error('bug')) },
      ],
      (event) => events.push(event),
      0,
      options,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    const resolved = events.flatMap((e) => (e.type === 'resolved' ? [e] : []));
    expect(resolved.map((e) => e.itemId).sort()).toEqual(['p1', 'p2', 'p3']);
    const p1 = resolved.find((e) => e.itemId === 'p1')?.entries;
    expect(p1).toEqual([
      {
        itemId: 'p1',
        ok: false,
        label: 'https://soundcloud.com/a/never',
        error: { code: 'NETWORK', message: ITEM_TIMED_OUT },
      },
    ]);
    expect(events.at(-1)).toEqual({ type: 'progress', batchId: 'b1', resolved: 0, failed: 3, total: 3 });
  });
});

describe('createInflight', () => {
  it('fails the callers of work that outlives its bound, and starts the next caller afresh', async () => {
    const inflight = createInflight<string, number>(50);
    let started = 0;
    const stuck = (): Promise<number> => {
      started += 1;
      return never();
    };
    const first = inflight('key', stuck);
    const joined = inflight('key', stuck);
    expect(joined).toBe(first);
    await expect(first).rejects.toMatchObject({ code: 'NETWORK', message: TOOK_TOO_LONG });
    expect(await inflight('key', () => Promise.resolve(7))).toBe(7);
    expect(started).toBe(1);
  });
});

describe('the service', () => {
  const sim = useSimulator();

  it('answers links whose requests never end, and resolves them afresh when retried', async () => {
    const working = createHttp({ origin: sim.origin });
    let answering = false;
    // The resolver's client, whose /resolve never answers until `answering`.
    const silent = (url: string): boolean => !answering && new URL(url).pathname.endsWith('/resolve');
    const http: Http = {
      request: (url, init) => (silent(url) ? never() : working.request(url, init)),
      getJson: (url, init) => (silent(url) ? never() : working.getJson(url, init)),
      withinMs: (ms, work, lane) => working.withinMs(ms, work, lane),
      pause: () => null,
      onPause: () => () => undefined,
    };
    const svc = createSoundCloudService({
      origin: sim.origin,
      clientIdFile: null,
      http,
      settings: serviceSettings(),
      itemDeadlineMs: 2000,
    });
    const track = sim.catalogue.tracks.find((t) => t.role === null);
    if (track === undefined) throw new Error('no ordinary track');
    const events: CloudcueEvent[] = [];
    // The same link twice: both items share one resolution, which never ends.
    const batch = svc.addLinks(`${permalinkOf(track)}\n${permalinkOf(track)}`, (e) => events.push(e));
    if (!batch.result.ok) throw new Error(batch.result.error.message);
    await batch.done;
    const failed = events.flatMap((e) => (e.type === 'resolved' ? e.entries : []));
    expect(failed.map((e) => (e.ok ? 'ok' : e.error.code))).toEqual(['NETWORK', 'NETWORK']);

    answering = true;
    const [first] = batch.result.value.items;
    if (first === undefined) throw new Error('no placeholder');
    events.length = 0;
    const retry = svc.retry(first.itemId, (e) => events.push(e));
    await retry.done;
    const again = events.flatMap((e) => (e.type === 'resolved' ? e.entries : []));
    expect(again.map((e) => (e.ok ? e.track.id : e.error.message))).toEqual([track.id]);
  });
});
