// The queue's cap end to end without a window: the renderer's store on the real main-process handlers,
// against the simulator. Main resolves a set whole; the store keeps what fits and says N of M.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../electron/backend';
import type { CallContext, Handlers } from '../../electron/handlers';
import { CHANNELS, MAX_LINKS, argSchemas, type CloudcueApi, type CloudcueEvent } from '../../shared/ipc';
import { createAppStore, type AppStore } from '../../renderer/src/store';
import { startMainEvents } from '../../renderer/src/store/main-events';
import { LARGE_SET_SIZE, permalinkOf, playlistPermalinkOf } from '../simulator/catalogue';
import { useSimulator } from '../helpers/simulator';

const sim = useSimulator();
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** window.cloudcue as the bridge gives it: each call parsed at the border and run by main's handlers. */
function apiOn(handlers: Handlers, heard: CloudcueEvent[]): CloudcueApi {
  const listeners = new Set<(event: CloudcueEvent) => void>();
  const context: CallContext = {
    emit: (event) => {
      heard.push(event);
      for (const listener of listeners) listener(event);
    },
  };
  const call = (channel: (typeof CHANNELS)[number]) => (arg: unknown) => {
    const run = handlers[channel] as (parsed: unknown, context: CallContext) => Promise<unknown>;
    return run(argSchemas[channel].parse(arg), context);
  };
  const calls = Object.fromEntries(CHANNELS.map((channel) => [channel, call(channel)]));
  const onEvent = (listener: (event: CloudcueEvent) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  // Built channel by channel from CHANNELS, so TypeScript cannot see it is the whole API.
  return { ...calls, onEvent } as unknown as CloudcueApi;
}

async function storeOnMain(queueCap: number): Promise<{ store: AppStore; heard: CloudcueEvent[] }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cloudcue-cap-'));
  folders.push(dataDir);
  const heard: CloudcueEvent[] = [];
  const { handlers } = await createBackend({
    dataDir,
    origin: sim.origin,
    secretBox: { available: () => false, encrypt: () => Buffer.alloc(0), decrypt: () => '' },
    broadcast: () => undefined,
  });
  const api = apiOn(handlers, heard);
  const store = createAppStore(api, { queueCap });
  startMainEvents(store, api);
  return { store, heard };
}

const resolvedNow = (store: AppStore): boolean =>
  store.getState().items.every((item) => item.status !== 'resolving');

describe('a set pasted into a queue with less room than it has tracks', () => {
  it(`keeps the first tracks that fit of the ${LARGE_SET_SIZE}-track set, in order, and says so`, async () => {
    const set = sim.catalogue.playlists.find((p) => p.tracks.length === LARGE_SET_SIZE);
    const single = sim.catalogue.tracks.find((t) => t.role === null && t.secretToken === null);
    if (set === undefined || single === undefined)
      throw new Error('the catalogue lacks the large set or a plain track');
    const { store, heard } = await storeOnMain(50);

    await store.getState().addText(`${permalinkOf(single)} ${playlistPermalinkOf(set)}`);
    await vi.waitFor(() => expect(resolvedNow(store)).toBe(true), { timeout: 30_000, interval: 50 });

    // Main resolved the set whole (it does not know the queue); the store kept what fits.
    const setEvent = heard.find(
      (event): event is Extract<CloudcueEvent, { type: 'resolved' }> =>
        event.type === 'resolved' && event.entries.length > 1,
    );
    expect(setEvent?.entries).toHaveLength(LARGE_SET_SIZE);
    const { items, notice } = store.getState();
    expect(items).toHaveLength(50);
    expect(items.slice(1).map((item) => item.id)).toEqual(
      setEvent?.entries.slice(0, 49).map((entry) => entry.itemId),
    );
    expect(items[0]?.track?.id).toBe(single.id);
    expect(notice).toBe(`49 of ${LARGE_SET_SIZE} tracks added: the queue holds at most 50 items.`);

    // The queue is full now: a further paste is refused before main is asked.
    const before = heard.length;
    expect(await store.getState().addText(permalinkOf(single))).toBe(0);
    expect(store.getState().notice).toBe(
      'The queue is full: it holds at most 50 items. Remove some to add more.',
    );
    expect(heard).toHaveLength(before);
  });
});

describe('a paste of more links than main takes at once', () => {
  it('is taken by main in parts (one batch each), every link added', async () => {
    const { store, heard } = await storeOnMain(MAX_LINKS * 2);
    // Pages Cloudcue refuses at once (no request goes out): main's own answer is what is measured.
    const text = Array.from({ length: MAX_LINKS + 3 }, () => 'https://soundcloud.com/discover').join('\n');
    expect(await store.getState().addText(text)).toBe(MAX_LINKS + 3);
    const { items, notice, progress } = store.getState();
    expect(items.map((item) => item.error?.code)).toEqual(
      Array.from({ length: MAX_LINKS + 3 }, () => 'INVALID_LINK'),
    );
    expect(notice).toBeNull();
    expect(progress).toMatchObject({ failed: MAX_LINKS + 3, total: MAX_LINKS + 3, finished: true });
    await vi.waitFor(() => expect(heard.filter((e) => e.type === 'progress').length).toBeGreaterThan(1));
  });
});
