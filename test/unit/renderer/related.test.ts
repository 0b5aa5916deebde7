// Keep playing when the queue ends: with the setting on, the last track's related tracks join the queue as
// one marked group and play on; the group goes in one action; off (the default), the queue just stops.
import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors';
import type { Settings } from '../../../shared/ipc';
import type { AppStore } from '../../../renderer/src/store';
import { settingsView } from '../../helpers/settings';
import { currentNumber, flush, idOf, linkOf, numbers, storeWithTracks, track } from './fakes';

const settings = (queueEnd: Settings['queueEnd']): Settings =>
  settingsView(queueEnd === undefined ? {} : { queueEnd });

/** Plays the last of `store`'s tracks to its end. */
async function endQueue(store: AppStore, last: number): Promise<void> {
  store.getState().play(idOf(store, last));
  store.getState().trackEnded();
  await flush();
}

/** Related tracks as main sends them: permalinks in the fakes' `…/track-N` form. */
const relatedTracks = (...ns: number[]) => ns.map((n) => ({ ...track(n), permalink: linkOf(n) }));

describe('when the queue ends', () => {
  it('stops, asking main for nothing, unless the setting says to play related tracks', async () => {
    for (const queueEnd of [undefined, 'stop'] as const) {
      const { store, api } = await storeWithTracks([1, 2]);
      store.getState().adoptSettings(settings(queueEnd));
      await endQueue(store, 2);
      expect(api.related).not.toHaveBeenCalled();
      expect(store.getState()).toMatchObject({ playing: false, currentId: null });
      expect(numbers(store)).toEqual([1, 2]);
    }
  });

  it('adds the last track’s related tracks as one marked group at the end and plays the first', async () => {
    const { store, api } = await storeWithTracks([1, 2]);
    api.related.mockResolvedValue({ ok: true, value: { tracks: relatedTracks(1, 7, 8) } });
    store.getState().adoptSettings(settings('related'));
    await endQueue(store, 2);
    expect(api.related).toHaveBeenCalledWith({ trackId: 2 });
    // Track 1 is in the queue already: not added twice.
    expect(numbers(store)).toEqual([1, 2, 7, 8]);
    const added = store.getState().items.slice(2);
    expect(added.map((item) => item.group?.label)).toEqual(['Related to Track 2', 'Related to Track 2']);
    expect(added.every((item) => item.status === 'ready')).toBe(true);
    expect(store.getState().playing).toBe(true);
    expect(currentNumber(store)).toBe(7);
  });

  it('removes the whole group in one action, and one undo brings it back', async () => {
    const { store, api } = await storeWithTracks([1]);
    api.related.mockResolvedValue({ ok: true, value: { tracks: relatedTracks(5, 6) } });
    store.getState().adoptSettings(settings('related'));
    await endQueue(store, 1);
    const groupId = store.getState().items.at(-1)?.group?.id;
    if (groupId === undefined) throw new Error('no group was added');
    store.getState().removeGroup(groupId);
    expect(numbers(store)).toEqual([1]);
    store.getState().undo();
    expect(numbers(store)).toEqual([1, 5, 6]);
  });

  it('says why when main cannot list related tracks, and stays stopped', async () => {
    const { store, api } = await storeWithTracks([1]);
    api.related.mockResolvedValue({ ok: false, error: appError('INVALID_LINK', 'Not with this source.') });
    store.getState().adoptSettings(settings('related'));
    await endQueue(store, 1);
    expect(store.getState().notice).toBe(
      'Cloudcue could not add the tracks related to “Track 1”: Not with this source.',
    );
    expect(store.getState()).toMatchObject({ playing: false, currentId: null });
    expect(numbers(store)).toEqual([1]);
  });

  it('leaves the group waiting at the end when the listener started another track meanwhile', async () => {
    const { store, api } = await storeWithTracks([1, 2]);
    let answer: (value: { ok: true; value: { tracks: ReturnType<typeof relatedTracks> } }) => void = () => {};
    api.related.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    store.getState().adoptSettings(settings('related'));
    await endQueue(store, 2);
    store.getState().play(idOf(store, 1));
    answer({ ok: true, value: { tracks: relatedTracks(9) } });
    await flush();
    expect(numbers(store)).toEqual([1, 2, 9]);
    expect(currentNumber(store)).toBe(1);
  });
});
