// How long and how fast the listener wants to hear: the speed per kind of track, "stop after this track", and
// the sleep timer, which fades the player out and pauses it at its time (kept by the store's clock).
import type { StateCreator } from 'zustand';
import { nearestSpeed, speedKindOf, DEFAULT_SPEEDS } from './speeds';
import type { AppState, ListeningSlice } from './state';

export type { SleepChoice } from './state';

/** The fade before the sleep timer pauses: long enough to be gentle, short enough to be over soon. */
export const SLEEP_FADE_MS = 5_000;
/** How often the timer looks at the clock: its own wait would drift or stop while the machine sleeps. */
const TICK_MS = 200;

export function createListeningSlice(now: () => number): StateCreator<AppState, [], [], ListeningSlice> {
  return (set, get) => {
    let ticker: ReturnType<typeof setInterval> | null = null;

    function stopTicker(): void {
      if (ticker !== null) clearInterval(ticker);
      ticker = null;
    }

    /** The timer is over: whatever happens next plays at full volume again. */
    function sleepOver(): void {
      stopTicker();
      set({ sleepAt: null, sleepMinutes: null, sleepGain: 1 });
    }

    function tick(): void {
      const state = get();
      if (state.sleepAt === null) {
        stopTicker();
        return;
      }
      const late = now() - state.sleepAt;
      if (late < 0) return;
      // Paused already (before the time or during the fade): nothing to fade, and the timer has done its job.
      if (!state.playing) {
        sleepOver();
        return;
      }
      if (late >= SLEEP_FADE_MS) {
        // Paused before the volume comes back, so the full volume is never heard.
        state.pause();
        sleepOver();
        return;
      }
      set({ sleepGain: 1 - late / SLEEP_FADE_MS });
    }

    return {
      speeds: DEFAULT_SPEEDS,
      stopAfterCurrent: false,
      sleepAt: null,
      sleepMinutes: null,
      sleepGain: 1,

      setSpeed(rate) {
        const state = get();
        const item = state.items.find((i) => i.id === state.currentId);
        const kind = speedKindOf(item?.track?.durationMs);
        const speed = nearestSpeed(rate);
        if (state.speeds[kind] !== speed) set({ speeds: { ...state.speeds, [kind]: speed } });
      },

      setStopAfterCurrent(on) {
        if (get().stopAfterCurrent !== on) set({ stopAfterCurrent: on });
      },

      setSleepTimer(choice) {
        stopTicker();
        if (choice === 'off' || choice === 'end') {
          set({ sleepAt: null, sleepMinutes: null, sleepGain: 1, stopAfterCurrent: choice === 'end' });
          return;
        }
        // One choice at a time, as the menu shows them: a timer replaces "at the end of the track".
        set({
          sleepAt: now() + choice * 60_000,
          sleepMinutes: choice,
          sleepGain: 1,
          stopAfterCurrent: false,
        });
        ticker = setInterval(tick, TICK_MS);
      },

      sleepLeftMs() {
        const { sleepAt } = get();
        return sleepAt === null ? null : Math.max(0, sleepAt - now());
      },

      endOfTrack() {
        const state = get();
        if (!state.stopAfterCurrent) {
          state.trackEnded();
          return;
        }
        // Stops here: the next track is chosen (as Next would) but waits paused, and the option has done its job.
        set({ playing: false, stopAfterCurrent: false });
        get().next();
      },
    };
  };
}
