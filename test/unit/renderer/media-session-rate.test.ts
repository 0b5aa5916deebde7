// The OS media controls move their position by the playback speed between two reports: they are told the
// track's speed, at once when it changes, and a position that moves at that speed is not a jump.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPositionSource } from '../../../renderer/src/player/position';
import { startMediaSession } from '../../../renderer/src/store/media-session';
import { playingHourLong } from './fakes';

afterEach(() => vi.unstubAllGlobals());

function fakeSession() {
  return {
    metadata: null,
    playbackState: 'none' as MediaSessionPlaybackState,
    setActionHandler: vi.fn(),
    setPositionState: vi.fn<(state?: MediaPositionState) => void>(),
  };
}

describe('the Media Session at other speeds', () => {
  it("reports the track's speed, at once when it changes, and counts its steady progress as no jump", async () => {
    vi.stubGlobal('MediaMetadata', class {});
    const store = await playingHourLong();
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
