// Offline: playback pauses with a message when the network goes, and resumes by itself when it returns.
import { describe, expect, it } from 'vitest';
import { OFFLINE_NOTICE, startOfflineWatch } from '../../../renderer/src/player/offline';
import { createLiveStore, fakeApi, flush, track } from './fakes';

async function playingStore() {
  const store = createLiveStore(fakeApi({ answer: () => track(1) }));
  await store.getState().addText('https://soundcloud.com/a/one');
  await flush();
  store.getState().play();
  const events = new EventTarget();
  const stop = startOfflineWatch({ store, events });
  return { store, events, stop };
}

describe('offline watch', () => {
  it('pauses with a message when the network goes, and resumes when it returns', async () => {
    const { store, events } = await playingStore();
    events.dispatchEvent(new Event('offline'));
    expect(store.getState().playing).toBe(false);
    expect(store.getState().notice).toBe(OFFLINE_NOTICE);
    events.dispatchEvent(new Event('online'));
    expect(store.getState().playing).toBe(true);
    expect(store.getState().notice).toBeNull();
  });

  it('does not resume what the listener paused', async () => {
    const { store, events } = await playingStore();
    store.getState().pause();
    events.dispatchEvent(new Event('offline'));
    events.dispatchEvent(new Event('online'));
    expect(store.getState().playing).toBe(false);
  });

  it('lets the listener take over while offline', async () => {
    const { store, events } = await playingStore();
    events.dispatchEvent(new Event('offline'));
    store.getState().play();
    store.getState().pause();
    events.dispatchEvent(new Event('online'));
    expect(store.getState().playing).toBe(false);
  });

  it('stops listening when stopped', async () => {
    const { store, events, stop } = await playingStore();
    stop();
    events.dispatchEvent(new Event('offline'));
    expect(store.getState().playing).toBe(true);
  });
});
