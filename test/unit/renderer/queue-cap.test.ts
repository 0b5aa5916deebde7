// The queue's cap, made visible: a paste, a set, related tracks, an undo and a restored session that would
// take the queue past it add what fits (or nothing) and say how much was not added; a save never cuts quietly.
import { describe, expect, it } from 'vitest';
import { MAX_LINKS, MAX_PASTE_CHARS, MAX_QUEUE_ITEMS, type Session } from '../../../shared/ipc';
import { findLinks } from '../../../shared/links';
import { appError } from '../../../shared/errors';
import type { Settings } from '../../../shared/ipc';
import { startPersistence } from '../../../renderer/src/store/persist';
import type { QueueItem } from '../../../renderer/src/store/queue';
import { EARLY_EVENTS_MAX } from '../../../renderer/src/store/queue-events';
import { pasteParts } from '../../../renderer/src/store/queue-room';
import { settingsView } from '../../helpers/settings';
import { createLiveStore, fakeApi, flush, idOf, linkOf, numbers, track, type Answer } from './fakes';
import { savedReady, savedSession } from './saved-session';

const links = (...ns: number[]): string => ns.map(linkOf).join(' ');
const setLink = (size: number): string => `https://soundcloud.com/a/sets/of-${size}`;

/** Main as the fakes make it: `…/track-N` is track N; `…/sets/of-S` is a set of S tracks, 100 on. */
function answer(link: string): Answer {
  const set = /\/sets\/of-(\d+)$/.exec(link);
  if (set !== null) return Array.from({ length: Number(set[1]) }, (_, i) => track(100 + i));
  return track(Number(link.split('-').pop()));
}

/** A store that holds at most `queueCap` items, on main as above, with each of `pastes` added and resolved in turn. */
async function capped(queueCap: number, ...pastes: string[]) {
  const api = fakeApi({ answer });
  const store = createLiveStore(api, { queueCap });
  for (const paste of pastes) {
    await store.getState().addText(paste);
    await flush();
  }
  return { store, api };
}

const trackIds = (items: readonly QueueItem[]): (number | undefined)[] => items.map((i) => i.track?.id);

describe('a paste', () => {
  it('adds the links that fit, asks main for those alone, and says how many were not added', async () => {
    const { store, api } = await capped(5, links(1, 2, 3));
    const added = await store.getState().addText(links(4, 5, 6, 7));
    expect(added).toBe(2);
    expect(api.addLinks).toHaveBeenLastCalledWith({ text: `${linkOf(4)}\n${linkOf(5)}` });
    expect(store.getState().notice).toBe(
      'Added 2 of 4 links: the queue holds at most 5 items. The other 2 were not added.',
    );
    expect(store.getState().notAdded).toBe(`${linkOf(6)}\n${linkOf(7)}`);
    await flush();
    expect(numbers(store)).toEqual([1, 2, 3, 4, 5]);
  });

  it('is refused up front when the queue is full, without asking main', async () => {
    const { store, api } = await capped(2, links(1, 2));
    api.addLinks.mockClear();
    expect(await store.getState().addText(links(3))).toBe(0);
    expect(api.addLinks).not.toHaveBeenCalled();
    expect(store.getState().notice).toBe(
      'The queue is full: it holds at most 2 items. Remove some to add more.',
    );
    expect(numbers(store)).toEqual([1, 2]);
  });

  it('goes to main unchanged when it fits, and a later paste that fits clears the notice', async () => {
    const { store, api } = await capped(3, links(1));
    await store.getState().addText(links(2, 3, 4));
    expect(store.getState().notice).not.toBeNull();
    store.getState().remove([idOf(store, 2), idOf(store, 3)]);
    const text = `Listen: ${linkOf(5)}, then more.`;
    expect(await store.getState().addText(text)).toBe(1);
    expect(api.addLinks).toHaveBeenLastCalledWith({ text });
    expect(store.getState().notice).toBeNull();
  });

  it(`of more than the ${MAX_LINKS.toLocaleString('en')} links main takes at once goes in parts, all added, on one progress line`, async () => {
    const api = fakeApi({ answer });
    const store = createLiveStore(api);
    const pasted = Array.from({ length: MAX_LINKS + 7 }, (_, i) => i + 1);
    expect(await store.getState().addText(links(...pasted))).toBe(MAX_LINKS + 7);
    expect(store.getState().notice).toBeNull();
    const sent = api.addLinks.mock.calls.map(([arg]) => findLinks(arg.text).map((l) => l.link));
    expect(sent.map((part) => part.length)).toEqual([MAX_LINKS, 7]);
    expect(sent.flat()).toEqual(pasted.map(linkOf));
    expect(store.getState().progress).toMatchObject({ resolved: 0, total: MAX_LINKS + 7, finished: false });
    await flush();
    expect(trackIds(store.getState().items)).toEqual(pasted);
    expect(store.getState().progress).toMatchObject({
      resolved: MAX_LINKS + 7,
      failed: 0,
      total: MAX_LINKS + 7,
      finished: true,
    });
  });

  it('in parts says how many were added when main refuses a later part', async () => {
    const api = fakeApi({ answer });
    const store = createLiveStore(api);
    const pass = api.addLinks.getMockImplementation();
    api.addLinks
      .mockImplementationOnce((arg) => pass?.(arg) ?? Promise.reject(new Error('no fake')))
      .mockResolvedValueOnce({ ok: false, error: appError('NETWORK', 'Cloudcue lost contact.') });
    const pasted = Array.from({ length: MAX_LINKS + 3 }, (_, i) => i + 1);
    expect(await store.getState().addText(links(...pasted))).toBe(MAX_LINKS);
    expect(store.getState().notice).toBe(
      'Added 5,000 of 5,003 links; the rest were not added: Cloudcue lost contact.',
    );
    expect(store.getState().notAdded).toBe(pasted.slice(MAX_LINKS).map(linkOf).join('\n'));
  });
});

describe('pasteParts', () => {
  const forms = [
    `${linkOf(1)}#t=1:30`,
    '<iframe src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/42&amp;auto_play=false"></iframe>',
    '[https://soundcloud.com/a/md](https://soundcloud.com/a/md)',
    'https://on.soundcloud.com/AbC123',
    'https://soundcloud.com/discover',
    `(${linkOf(9)}).`,
  ];
  const text = `Some: ${forms.join(' and ')} end.`;
  const read = (t: string) =>
    findLinks(t).map(({ link, kind, startSeconds, refusal }) => [link, kind, startSeconds, refusal]);

  it('keeps each of the first links as the whole text gives it: offset, embed, short link, refusal', () => {
    const all = read(text);
    expect(all).toHaveLength(6);
    for (let take = 1; take < all.length; take++) {
      const parts = pasteParts(text, take);
      expect(parts.found).toBe(all.length);
      expect(parts.texts.map(read)).toEqual([all.slice(0, take)]);
      // What was not sent is kept as written, and reads as the rest of the text's links.
      expect(read(parts.left.join('\n'))).toEqual(all.slice(take));
    }
    expect(pasteParts(text, all.length)).toEqual({ texts: [text], found: all.length, left: [] });
    expect(pasteParts(text, 100)).toEqual({ texts: [text], found: null, left: [] });
  });

  it('sends only the links of a text longer than main reads', () => {
    const long = `${linkOf(1)} ${' '.repeat(MAX_PASTE_CHARS)} ${linkOf(2)}`;
    expect(pasteParts(long, 10)).toEqual({ texts: [`${linkOf(1)}\n${linkOf(2)}`], found: 2, left: [] });
  });
});

describe('a set', () => {
  it('that expands past the cap adds the tracks that fit, in its order, and says N of M were added', async () => {
    const { store } = await capped(10, links(1, 2, 3), `${setLink(12)} ${linkOf(4)}`);
    const { items, notice } = store.getState();
    expect(items).toHaveLength(10);
    expect(trackIds(items)).toEqual([1, 2, 3, 100, 101, 102, 103, 104, 105, 4]);
    expect(notice).toBe('6 of 12 tracks added: the queue holds at most 10 items.');
  });

  it('that fits adds every track and says nothing', async () => {
    const { store } = await capped(10, setLink(10));
    expect(store.getState().items).toHaveLength(10);
    expect(store.getState().notice).toBeNull();
  });

  it('two sets cut in one burst of events are told as one count, each keeping at least its first track', async () => {
    // Main answers nothing by itself here: the test sends both results in one burst.
    const api = fakeApi({ answer: () => new Promise<Answer>(() => undefined) });
    const store = createLiveStore(api, { queueCap: 5 });
    await store.getState().addText(`${setLink(5)} ${setLink(6)}`);
    const [first, second] = store.getState().items.map((item) => item.id);
    const entries = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        itemId: `t${from + i}`,
        ok: true as const,
        track: track(from + i),
      }));
    store.getState().receiveAll([
      { type: 'resolved', batchId: 'b', itemId: first ?? '', entries: entries(100, 5) },
      { type: 'resolved', batchId: 'b', itemId: second ?? '', entries: entries(200, 6) },
    ]);
    expect(trackIds(store.getState().items)).toEqual([100, 101, 102, 103, 200]);
    expect(store.getState().notice).toBe('5 of 11 tracks added: the queue holds at most 5 items.');
  });

  it('a set resolved in a later burst gets the room the earlier ones left', async () => {
    const { store } = await capped(8, setLink(5), setLink(6));
    expect(store.getState().items).toHaveLength(8);
    expect(store.getState().notice).toBe('3 of 6 tracks added: the queue holds at most 8 items.');
  });
});

describe('undo', () => {
  it('that would take the queue past the cap puts nothing back, says why, and stays undoable', async () => {
    const { store } = await capped(4, links(1, 2, 3));
    store.getState().remove([idOf(store, 2), idOf(store, 3)]);
    await store.getState().addText(links(4, 5, 6));
    await flush();
    expect(numbers(store)).toEqual([1, 4, 5, 6]);
    store.getState().undo();
    expect(numbers(store)).toEqual([1, 4, 5, 6]);
    expect(store.getState().notice).toBe(
      'Undo would put back 2 items, but the queue holds at most 4 and has room for 0. Remove some items, then undo again.',
    );
    expect(store.getState().canUndo).toBe(true);
    store.getState().remove([idOf(store, 5), idOf(store, 6)]);
    store.getState().undo();
    expect(numbers(store)).toEqual([1, 4, 5, 6]);
    store.getState().undo();
    expect(store.getState().notice).toMatch(/room for 0/);
  });
});

describe('related tracks when the queue ends', () => {
  const related = (...ns: number[]) => ns.map((n) => ({ ...track(n), permalink: linkOf(n) }));
  const playOn: Settings = settingsView({ queueEnd: 'related' });

  it('adds those that fit and says how many of how many', async () => {
    const { store, api } = await capped(4, links(1, 2));
    api.related.mockResolvedValue({ ok: true, value: { tracks: related(7, 8, 9) } });
    store.getState().adoptSettings(playOn);
    await store.getState().playRelated(idOf(store, 2));
    expect(numbers(store)).toEqual([1, 2, 7, 8]);
    expect(store.getState().notice).toBe('2 of 3 tracks added: the queue holds at most 4 items.');
  });

  it('adds none to a full queue, and says the queue is full', async () => {
    const { store, api } = await capped(2, links(1, 2));
    api.related.mockResolvedValue({ ok: true, value: { tracks: related(7) } });
    store.getState().adoptSettings(playOn);
    await store.getState().playRelated(idOf(store, 2));
    expect(numbers(store)).toEqual([1, 2]);
    expect(store.getState().notice).toMatch(/^The queue is full/);
  });
});

describe('the saved session', () => {
  const savedOf = (count: number): Session =>
    savedSession(Array.from({ length: count }, (_, i) => savedReady(i + 1)));

  it('restores whole; links pasted while it loaded join as far as the cap allows, and the notice says so', async () => {
    const api = fakeApi({ answer });
    let release: () => void = () => undefined;
    api.loadSession.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          release = () => resolve({ ok: true, value: { session: savedOf(4), notice: null } });
        }),
    );
    const store = createLiveStore(api, { queueCap: 5 });
    const stop = startPersistence(store, api, { getPosition: () => 0, debounceMs: 0, playingSaveMs: 0 });
    await store.getState().addText(links(50, 51, 52));
    release();
    await flush();
    expect(trackIds(store.getState().items)).toEqual([1, 2, 3, 4, 50]);
    expect(store.getState().notice).toBe(
      'Added 1 of 3 links: the queue holds at most 5 items. The other 2 were not added.',
    );
    stop();
  });

  it(`that cannot hold the whole queue (over ${MAX_QUEUE_ITEMS.toLocaleString('en')}) saves what it can and says so`, async () => {
    const api = fakeApi({ answer });
    const store = createLiveStore(api, { queueCap: MAX_QUEUE_ITEMS + 10 });
    const stop = startPersistence(store, api, { getPosition: () => 0, debounceMs: 0, playingSaveMs: 0 });
    await flush();
    const items: QueueItem[] = Array.from({ length: MAX_QUEUE_ITEMS + 3 }, (_, i) => ({
      id: `x${i}`,
      link: linkOf(i),
      kind: 'track',
      startSeconds: 0,
      status: 'error',
      error: appError('NOT_FOUND'),
    }));
    store.setState({ items });
    await flush();
    expect(api.saveSession.mock.lastCall?.[0].session.items).toHaveLength(MAX_QUEUE_ITEMS);
    expect(store.getState().notice).toBe(
      "Only 20,000 of the queue's 20,003 items are saved: the rest will not be there after a restart.",
    );
    stop();
  });
});

describe('results that arrive while their item is out of the queue', () => {
  /** A store whose one link resolves only when released; its placeholder is removed before that. */
  async function removedWhileResolving() {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const api = fakeApi({ answer: async (link) => (await gate, answer(link)) });
    const store = createLiveStore(api);
    await store.getState().addText(linkOf(1));
    const [placeholder] = store.getState().items;
    store.getState().remove([placeholder?.id ?? '']);
    release();
    await flush();
    return { api, store };
  }

  it('are held, and an undo puts the item back resolved without asking main again', async () => {
    const { api, store } = await removedWhileResolving();
    store.getState().undo();
    expect(trackIds(store.getState().items)).toEqual([1]);
    expect(api.retry).not.toHaveBeenCalled();
  });

  it(`past the ${EARLY_EVENTS_MAX.toLocaleString('en')} held are let go, and an item put back after that is resolved anew`, async () => {
    const { api, store } = await removedWhileResolving();
    const others = Array.from({ length: EARLY_EVENTS_MAX }, (_, i) => ({
      type: 'resolved' as const,
      batchId: 'elsewhere',
      itemId: `z${i}`,
      entries: [],
    }));
    store.getState().receiveAll(others);
    store.getState().undo();
    expect(store.getState().items.map((item) => item.status)).toEqual(['resolving']);
    // The retry may wait its turn among others asked at once: counted once the calls have gone out.
    await flush();
    expect(api.retry).toHaveBeenCalledTimes(1);
    expect(trackIds(store.getState().items)).toEqual([1]);
  });
});

describe('a profile', () => {
  /** A store with a profile link resolving, and the Settings cap on a profile's tracks at 3. */
  function withProfile(): ReturnType<typeof createLiveStore> {
    const store = createLiveStore(fakeApi({ answer }));
    store.getState().adoptSettings(settingsView({ userTrackCap: 3 }));
    const link = 'https://soundcloud.com/someone';
    store.setState({ items: [{ id: 'u1', link, kind: 'user', startSeconds: 0, status: 'resolving' }] });
    return store;
  }
  const resolvedTo = (count: number) => ({
    type: 'resolved' as const,
    batchId: 'b',
    itemId: 'u1',
    entries: Array.from({ length: count }, (_, i) => ({
      itemId: `t${i}`,
      ok: true as const,
      track: track(i + 1),
    })),
  });

  it('that fills the cap in Settings says it may hold more, and where to take more', () => {
    const store = withProfile();
    store.getState().receiveAll([resolvedTo(3)]);
    expect(store.getState().items).toHaveLength(3);
    expect(store.getState().notice).toBe(
      'Took 3 tracks from https://soundcloud.com/someone, the most Cloudcue takes from one profile: ' +
        'raise “Tracks taken from a profile” in Settings to take more.',
    );
  });

  it('with fewer tracks than the cap says nothing', () => {
    const store = withProfile();
    store.getState().receiveAll([resolvedTo(2)]);
    expect(store.getState().items).toHaveLength(2);
    expect(store.getState().notice).toBeNull();
  });
});
