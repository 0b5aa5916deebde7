// The saved session without React: restoring it (paused) at start, and saving changes, debounced, after that.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../../shared/errors';
import { MAX_QUEUE_ITEMS, sessionSchema, type SavedItem, type Session } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import type { AppStore } from '../../../renderer/src/store';
import {
  fromSavedItem,
  NOT_RESOLVED,
  startPersistence,
  toSavedItem,
  toSession,
} from '../../../renderer/src/store/persist';
import type { QueueItem } from '../../../renderer/src/store/queue';
import { createLiveStore, fakeApi, flush, linkOf, track } from './fakes';
import { savedReady, savedSession } from './saved-session';

type Loaded = Result<{ session: Session | null; notice: string | null }>;

function saved(overrides: Partial<Session> = {}): Session {
  const items: SavedItem[] = [
    savedReady(1),
    savedReady(2),
    { id: 's3', link: linkOf(3), kind: 'track', startSeconds: 0, status: 'resolving' },
    {
      id: 's4',
      link: 'https://soundcloud.com/a/gone',
      kind: null,
      startSeconds: 0,
      status: 'error',
      error: appError('NOT_FOUND'),
    },
  ];
  return savedSession(items, {
    currentId: 's2',
    positionSeconds: 42.5,
    volume: 0.3,
    muted: true,
    repeat: 'all',
    ...overrides,
  });
}

let api: ReturnType<typeof fakeApi>;
let store: AppStore;
let position: number;
let stop: (() => void) | null;

function start(load?: Loaded | Promise<Loaded>, options: { playingSaveMs?: number } = {}): void {
  if (load !== undefined) api.loadSession.mockImplementationOnce(() => Promise.resolve(load));
  stop = startPersistence(store, api, { getPosition: () => position, ...options });
}

/** The sessions sent to main so far. */
/**
 * The sessions saved, as main sees them: items sent as kept are the ones main had (from the load, or an
 * earlier save).
 */
const sent = (): Session[] => {
  const known = new Map(saved().items.map((item) => [item.id, item]));
  return api.saveSession.mock.calls.map(([arg]) => {
    const items = arg.session.items.map((entry) => {
      const item = 'kept' in entry ? known.get(entry.kept) : entry;
      if (item === undefined)
        throw new Error(`kept item ${'kept' in entry ? entry.kept : ''} was never sent`);
      return item;
    });
    for (const item of items) known.set(item.id, item);
    return { ...arg.session, items };
  });
};

beforeEach(() => {
  vi.useFakeTimers();
  api = fakeApi({ answer: (link) => track(Number(link.split('-').pop())) });
  store = createLiveStore(api);
  position = 0;
  stop = null;
});

afterEach(() => {
  stop?.();
  vi.useRealTimers();
});

describe('restoring', () => {
  it('restores the queue, cursor, position and modes, paused', async () => {
    store.setState({ playing: true });
    start({ ok: true, value: { session: saved(), notice: null } });
    await flush();
    const state = store.getState();
    expect(state.items.map((i) => i.id)).toEqual(['s1', 's2', 's3', 's4']);
    expect(state).toMatchObject({
      currentId: 's2',
      playing: false,
      restoredPosition: 42.5,
      volume: 0.3,
      muted: true,
      shuffle: false,
      repeat: 'all',
    });
    expect(state.items[1]?.track?.id).toBe(2);
    expect(state.items[3]?.error?.code).toBe('NOT_FOUND');
  });

  it('brings back an item that was still resolving as a failure that can be retried', async () => {
    start({ ok: true, value: { session: saved(), notice: null } });
    await flush();
    const item = store.getState().items[2];
    expect(item).toMatchObject({ id: 's3', status: 'error', error: NOT_RESOLVED });
    expect(item?.error).toEqual({ code: 'NETWORK', message: 'Not resolved before Cloudcue closed. Retry.' });
  });

  it('drops a cursor that points at an item that cannot play', async () => {
    start({ ok: true, value: { session: saved({ currentId: 's3' }), notice: null } });
    await flush();
    expect(store.getState()).toMatchObject({ currentId: null, restoredPosition: 0 });
  });

  it('restores shuffle with a new order that starts with the current track', async () => {
    start({ ok: true, value: { session: saved({ shuffle: true }), notice: null } });
    await flush();
    expect(store.getState().shuffle).toBe(true);
    expect(store.getState().shuffleOrder[0]).toBe('s2');
    expect([...store.getState().shuffleOrder].sort()).toEqual(['s1', 's2', 's3', 's4']);
  });

  it('shows the notice main sent with the session, or on a first start', async () => {
    start({
      ok: true,
      value: { session: saved(), notice: 'The saved queue was damaged; 3 items were recovered.' },
    });
    await flush();
    expect(store.getState().notice).toBe('The saved queue was damaged; 3 items were recovered.');

    const other = createLiveStore(fakeApi({}));
    const api2 = fakeApi({});
    api2.loadSession.mockResolvedValueOnce({ ok: true, value: { session: null, notice: 'Started afresh.' } });
    const stop2 = startPersistence(other, api2, { getPosition: () => 0 });
    await flush();
    expect(other.getState()).toMatchObject({ notice: 'Started afresh.', items: [] });
    stop2();
  });

  it('says so when the session cannot be loaded, and saves later changes all the same', async () => {
    start({ ok: false, error: appError('SERVER', 'Disk on fire.') });
    await flush();
    expect(store.getState().notice).toBe('Could not restore the last queue. Disk on fire.');
    store.getState().setVolume(0.5);
    vi.advanceTimersByTime(500);
    expect(sent()).toHaveLength(1);
  });

  it('says so when the load call itself fails', async () => {
    api.loadSession.mockRejectedValueOnce(new Error('bridge down'));
    start();
    await flush();
    expect(store.getState().notice).toMatch(/^Could not restore the last queue\. Lost contact/);
  });

  it('keeps what the listener added while the session loaded, after the saved items', async () => {
    let finish: (value: Loaded) => void = () => undefined;
    start(new Promise<Loaded>((resolve) => (finish = resolve)));
    await store.getState().addText(linkOf(9));
    await flush();
    finish({ ok: true, value: { session: saved(), notice: null } });
    await flush();
    const items = store.getState().items;
    expect(items.map((i) => i.id).slice(0, 4)).toEqual(['s1', 's2', 's3', 's4']);
    expect(items.slice(4)).toMatchObject([{ status: 'ready', track: { id: 9 } }]);
  });
});

describe('saving', () => {
  it('saves nothing just for having loaded', async () => {
    start({ ok: true, value: { session: saved(), notice: null } });
    await flush();
    vi.advanceTimersByTime(60_000);
    expect(api.saveSession).not.toHaveBeenCalled();
  });

  it('saves many quick changes once, with the latest state, in the shape main accepts', async () => {
    start();
    await flush();
    await store.getState().addText([1, 2, 3].map(linkOf).join(' '));
    await flush();
    store.getState().setVolume(0.2);
    store.getState().toggleMute();
    store.getState().cycleRepeat();
    store.getState().toggleShuffle();
    store.getState().play(store.getState().items[1]?.id);
    position = 12;
    store.getState().pause();
    vi.advanceTimersByTime(499);
    expect(api.saveSession).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(sent()).toHaveLength(1);
    const session = sent()[0];
    expect(sessionSchema.parse(session)).toEqual(session);
    expect(session).toMatchObject({
      version: 1,
      currentId: store.getState().items[1]?.id,
      positionSeconds: 12,
      volume: 0.2,
      muted: true,
      shuffle: true,
      repeat: 'all',
    });
    expect(session?.items.map((i) => i.track?.id)).toEqual([1, 2, 3]);
    expect(session).not.toHaveProperty('playing');
  });

  it('never saves before the load has finished, so a slow load cannot overwrite the saved queue', async () => {
    let finish: (value: Loaded) => void = () => undefined;
    start(new Promise<Loaded>((resolve) => (finish = resolve)));
    store.getState().setVolume(0.1);
    vi.advanceTimersByTime(10_000);
    expect(api.saveSession).not.toHaveBeenCalled();
    finish({ ok: true, value: { session: saved(), notice: null } });
    await flush();
    vi.advanceTimersByTime(500);
    // Then it saves once, merged: the saved queue, with the change made meanwhile overridden by the load.
    expect(sent()).toHaveLength(1);
    expect(sent()[0]?.items.map((i) => i.id)).toEqual(['s1', 's2', 's3', 's4']);
    // Main has the loaded items already: they go by id alone.
    expect(api.saveSession.mock.calls[0]?.[0].session.items).toEqual([
      { kept: 's1' },
      { kept: 's2' },
      { kept: 's3' },
      { kept: 's4' },
    ]);
  });

  it('saves at least every 5 s while changes keep coming', async () => {
    start();
    await flush();
    for (let t = 0; t < 6_000; t += 100) {
      store.getState().setVolume((t % 1_000) / 1_000);
      vi.advanceTimersByTime(100);
    }
    expect(sent().length).toBeGreaterThanOrEqual(1);
    expect(sent().length).toBeLessThanOrEqual(2);
  });

  it('saves the position now and then while playing, and not while paused', async () => {
    start({ ok: true, value: { session: saved(), notice: null } }, { playingSaveMs: 15_000 });
    await flush();
    vi.advanceTimersByTime(30_000);
    expect(api.saveSession).not.toHaveBeenCalled();
    store.getState().play();
    vi.advanceTimersByTime(500);
    expect(sent()).toHaveLength(1);
    position = 70;
    vi.advanceTimersByTime(15_000);
    expect(sent().at(-1)?.positionSeconds).toBe(70);
  });

  it('saves position 0 with no current track, and never a position that is not a number', async () => {
    start({ ok: true, value: { session: saved(), notice: null } });
    await flush();
    position = Number.NaN;
    store.getState().setVolume(1);
    vi.advanceTimersByTime(500);
    expect(sent()[0]?.positionSeconds).toBe(0);
    position = 30;
    store.getState().clear();
    vi.advanceTimersByTime(500);
    expect(sent()[1]).toMatchObject({ currentId: null, positionSeconds: 0, items: [] });
  });

  it('survives a save that is refused, rejected or throws, and saves again on the next change', async () => {
    start();
    await flush();
    api.saveSession.mockResolvedValueOnce({ ok: false, error: appError('INVALID_INPUT') });
    store.getState().setVolume(0.1);
    vi.advanceTimersByTime(500);
    api.saveSession.mockRejectedValueOnce(new Error('bridge down'));
    store.getState().setVolume(0.2);
    vi.advanceTimersByTime(500);
    api.saveSession.mockImplementationOnce(() => {
      throw new Error('no bridge');
    });
    store.getState().setVolume(0.3);
    expect(() => vi.advanceTimersByTime(500)).not.toThrow();
    await flush();
    store.getState().setVolume(0.4);
    vi.advanceTimersByTime(500);
    expect(sent().map((s) => s.volume)).toEqual([0.1, 0.2, 0.3, 0.4]);
  });

  it('stop sends a pending save at once, and nothing after', async () => {
    start();
    await flush();
    store.getState().setVolume(0.6);
    stop?.();
    expect(sent().map((s) => s.volume)).toEqual([0.6]);
    store.getState().setVolume(0.7);
    vi.advanceTimersByTime(60_000);
    expect(sent()).toHaveLength(1);
  });

  it('a restart restores what was saved, paused', async () => {
    await store.getState().addText([1, 2].map(linkOf).join(' '));
    start();
    await flush();
    store.getState().play(store.getState().items[1]?.id);
    position = 33;
    store.getState().setVolume(0.8);
    vi.advanceTimersByTime(500);
    const session = sent().at(-1);
    expect(session).toBeDefined();

    const next = createLiveStore(fakeApi({}));
    const nextApi = fakeApi({});
    nextApi.loadSession.mockResolvedValueOnce({
      ok: true,
      value: { session: session ?? null, notice: null },
    });
    const stopNext = startPersistence(next, nextApi, { getPosition: () => 0 });
    await flush();
    expect(next.getState().items).toEqual(store.getState().items);
    expect(next.getState()).toMatchObject({
      currentId: store.getState().currentId,
      playing: false,
      restoredPosition: 33,
      volume: 0.8,
    });
    stopNext();
  });
});

describe('the saved shape', () => {
  it('stays within what main accepts: item count and link length', () => {
    const many: QueueItem[] = Array.from({ length: MAX_QUEUE_ITEMS + 5 }, (_, i) => ({
      id: `i${i}`,
      link: i === 0 ? `https://soundcloud.com/${'x'.repeat(5_000)}` : linkOf(i),
      kind: null,
      startSeconds: 0,
      status: 'error',
      error: appError('INVALID_LINK'),
    }));
    store.setState({ items: many, currentId: `i${MAX_QUEUE_ITEMS + 2}` });
    const session = toSession(store.getState(), 5);
    expect(sessionSchema.safeParse(session).success).toBe(true);
    expect(session.items).toHaveLength(MAX_QUEUE_ITEMS);
    // The current item did not fit, so there is no cursor to restore.
    expect(session).toMatchObject({ currentId: null, positionSeconds: 0 });
  });
});

describe('saving only what main lacks', () => {
  /** The debounce runs out, and main answers the save it sends. */
  async function saveDue(): Promise<void> {
    vi.advanceTimersByTime(600);
    await flush();
  }

  /** Persistence started, two tracks added, and their first save answered. */
  async function twoSaved(): Promise<void> {
    start();
    await flush();
    await store.getState().addText(`${linkOf(1)} ${linkOf(2)}`);
    await flush();
    await saveDue();
  }

  it('sends items in full once, then by id while they are unchanged', async () => {
    await twoSaved();
    store.getState().setVolume(0.3);
    await saveDue();
    const calls = api.saveSession.mock.calls.map(([arg]) => arg.session.items);
    const last = calls.at(-1) ?? [];
    expect(last).toHaveLength(2);
    expect(last.every((entry) => 'kept' in entry)).toBe(true);
    expect(calls.some((items) => items.every((entry) => !('kept' in entry)))).toBe(true);
  });

  it('sends an item in full again when it changed', async () => {
    await twoSaved();
    const second = store.getState().items[1];
    store.getState().itemFailed(second?.id ?? '', { code: 'NETWORK', message: 'gone' });
    await saveDue();
    const last = api.saveSession.mock.calls.at(-1)?.[0].session.items ?? [];
    expect('kept' in (last[0] ?? {})).toBe(true);
    expect(last[1]).toMatchObject({ status: 'error', error: { code: 'NETWORK' } });
  });

  it('sends everything in full after main said it lacks kept items (it restarted)', async () => {
    await twoSaved();
    api.saveSession.mockResolvedValueOnce({ ok: true, value: { accepted: false } });
    store.getState().setVolume(0.2);
    await saveDue();
    await saveDue();
    const last = api.saveSession.mock.calls.at(-1)?.[0].session.items ?? [];
    expect(last).toHaveLength(2);
    expect(last.some((entry) => 'kept' in entry)).toBe(false);
  });
});

describe('a related-tracks group', () => {
  it('is saved with its items and comes back, so it can still be removed in one action after a restart', () => {
    const item: QueueItem = {
      id: 'related-1-0',
      link: linkOf(7),
      kind: 'track',
      startSeconds: 0,
      status: 'ready',
      track: track(7),
      group: { id: 'related-1', label: 'Related to Track 2' },
    };
    const saved = sessionSchema.shape.items.element.parse(toSavedItem(item));
    expect(saved.group).toEqual(item.group);
    expect(fromSavedItem(saved)).toEqual(item);
    const { group: _group, ...plain } = item;
    expect(fromSavedItem(toSavedItem(plain))).not.toHaveProperty('group');
  });
});
