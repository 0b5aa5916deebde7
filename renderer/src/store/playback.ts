// What the listener wants to hear: the cursor, play/pause, the play order (shuffle, repeat), seeks and volume.
import type { StateCreator } from 'zustand';
import type { AppState, PlaybackSlice, RepeatMode } from './state';

export type { RepeatMode, SeekRequest } from './state';
import {
  currentItem,
  cursorTo,
  isPlayable,
  moveAfter,
  playOrder,
  RESTART_THRESHOLD_SECONDS,
  shuffleAround,
  stepInOrder,
} from './order';
import { isProviderProblem, stoppedBecause } from './verdicts';
import { startWhenReady } from './play-added';

const REPEAT_CYCLE: Record<RepeatMode, RepeatMode> = { off: 'all', all: 'one', one: 'off' };

export function createPlaybackSlice(random: () => number): StateCreator<AppState, [], [], PlaybackSlice> {
  return (set, get, store) => {
    /** Where the cursor goes after the current track (or after Next): wrapping unless repeat is off. */
    function following(): string | null {
      const state = get();
      return stepInOrder(state, state.currentId, 1, state.repeat !== 'off');
    }

    /** Moves the cursor to `target`; the same item again (a one-track loop) restarts it instead. */
    function goTo(target: string | null, playing: boolean): void {
      const state = get();
      if (target === null) set({ ...cursorTo(state, null), playing: false });
      else if (target === state.currentId) {
        state.seek(0);
        set({ playing });
      } else set({ ...cursorTo(state, target), playing });
    }

    return {
      currentId: null,
      playing: false,
      sounding: false,
      shuffle: false,
      shuffleOrder: [],
      repeat: 'off',
      seekRequest: null,
      volume: 1,
      muted: false,
      restoredPosition: 0,
      startWhenReady: false,

      play(id) {
        const state = get();
        if (id === undefined) {
          const current = currentItem(state);
          const target = current && isPlayable(current) ? current.id : stepInOrder(state, null, 1, false);
          // An old notice (a stop, a paste's) is stale once playback starts again.
          if (target !== null)
            set({ ...cursorTo(state, target), playing: true, notice: null, startWhenReady: false });
          else if (state.items.some((item) => item.status === 'resolving')) startWhenReady(store);
          return;
        }
        const item = state.items.find((i) => i.id === id);
        if (item === undefined || !isPlayable(item)) return;
        // Jumping to a track while shuffled: what had not played yet still comes after it.
        const reorder =
          state.shuffle && id !== state.currentId
            ? { shuffleOrder: moveAfter(playOrder(state), [id], state.currentId) }
            : {};
        set({ ...cursorTo(state, id), playing: true, notice: null, startWhenReady: false, ...reorder });
      },

      pause() {
        set({ playing: false, startWhenReady: false });
      },

      toggle() {
        // A press while waiting to start cancels the wait, as one while loading stops.
        if (get().playing || get().startWhenReady) get().pause();
        else get().play();
      },

      next() {
        goTo(following(), get().playing);
      },

      previous(positionSeconds) {
        const state = get();
        if (state.currentId === null) return;
        if (positionSeconds > RESTART_THRESHOLD_SECONDS) {
          state.seek(0);
          return;
        }
        const target = stepInOrder(state, state.currentId, -1, state.repeat !== 'off');
        // At the start of the order there is nothing before: restart the track.
        goTo(target ?? state.currentId, state.playing);
      },

      trackEnded() {
        const state = get();
        const current = currentItem(state);
        if (state.repeat === 'one' && current !== undefined && isPlayable(current)) {
          goTo(current.id, true);
          return;
        }
        const next = following();
        goTo(next, true);
        // The end of the queue: with "play related tracks" in Settings, the music goes on.
        if (next === null && current !== undefined) void get().playRelated(current.id);
      },

      playbackFailed(id, error) {
        get().itemFailed(id, error);
        if (get().currentId !== id) return;
        // The provider failed, not the track: every next track would fail alike, so stop and say why.
        if (isProviderProblem(error)) set({ playing: false, notice: stoppedBecause(error) });
        // Not trackEnded: repeat-one must not retry a failed track forever.
        else goTo(following(), true);
      },

      seek(seconds) {
        const safe = Number.isFinite(seconds) ? Math.max(0, seconds) : 0;
        set((state) => ({ seekRequest: { seconds: safe, serial: (state.seekRequest?.serial ?? 0) + 1 } }));
      },

      toggleShuffle() {
        const state = get();
        if (state.shuffle) {
          set({ shuffle: false, shuffleOrder: [] });
          return;
        }
        const ids = state.items.map((item) => item.id);
        set({ shuffle: true, shuffleOrder: shuffleAround(ids, state.currentId, random) });
      },

      cycleRepeat() {
        set((state) => ({ repeat: REPEAT_CYCLE[state.repeat] }));
      },

      setVolume(volume) {
        if (Number.isNaN(volume)) return;
        const clamped = Math.min(1, Math.max(0, volume));
        set((state) => ({ volume: clamped, muted: clamped > 0 ? false : state.muted }));
      },

      toggleMute() {
        set((state) => ({ muted: !state.muted }));
      },

      setSounding(sounding) {
        if (get().sounding !== sounding) set({ sounding });
      },
    };
  };
}
