// The OS media controls move their position by the playback speed between two reports: they are told the
// track's speed, at once when it changes, and a position that moves at that speed is not a jump.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Track } from '../../../shared/ipc';
import { createPositionSource } from '../../../renderer/src/player/position';
import type { AppStore } from '../../../renderer/src/store';
import { startMediaSession } from '../../../renderer/src/store/media-session';
import { createLiveStore, fakeApi, flush, linkOf, track } from './fakes';

afterEach(() => vi.unstubAllGlobals());

function fakeSession() {
  return {
    metadata: null,
    playbackState: 'none' as MediaSessionPlaybackState,
    setActionHandler: vi.fn(),
    setPositionState: vi.fn<(state?: MediaPositionState) => void>(),
  };
}

async function playingLong(): Promise<AppStore> {
  const long: Track = { ...track(1, 'Harbour Radio'), durationMs: 3_600_000 };
  const store = createLiveStore(fakeApi({ answer: () => long }));
  await store.getState().addText(linkOf(1));
  await flush();
  store.getState().play(store.getState().items[0]?.id);
  return store;
}

describe('the Media Session at other speeds', () => {
  it("reports the track's speed, at once when it changes, and counts its steady progress as no jump", async () => {
    vi.stubGlobal('MediaMetadata', class {});
    const store = await playingLong();
    const position = createPositionSource();
    let clock = 0;
    const session = fakeSession();
    position.set({ position: 100, duration: 3600 });
    const stop = startMediaSession({
      store,
      position,
      session: session as unknown as MediaSession,
      now: () => clock,
    });
    const last = () => session.setPositionState.mock.calls.at(-1)?.[0];
    expect(last()).toMatchObject({ position: 100, playbackRate: 1 });

    store.getState().setSpeed(2);
    expect(last()).toMatchObject({ playbackRate: 2 });
    const reports = session.setPositionState.mock.calls.length;

    // Half a second at 2× moves a second: what the OS already extrapolates, so nothing new is said.
    clock += 500;
    position.set({ position: 101, duration: 3600 });
    expect(session.setPositionState.mock.calls.length).toBe(reports);
    stop();
  });
});
