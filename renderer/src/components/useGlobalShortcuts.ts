// The window's keyboard shortcuts (keyboard.ts decides; this runs them), unless focus is in a text field,
// in a dialog, or on a control that uses the key itself; and Ctrl/Cmd+Shift+M, the mini player, anywhere
// but in a dialog.
import { useEffect } from 'react';
import {
  commandFor,
  isTextField,
  ownedByControl,
  SEEK_STEP,
  VOLUME_STEP,
  type Command,
  type KeyInput,
} from '../keyboard';
import { playerPosition } from '../player/position';
import type { AppStore } from '../store';
import { stepChapter } from '../store/chapters';
import { requestJumpToCurrent } from './jumpToCurrent';
import { useStoreApi } from './useStoreApi';

function run(store: AppStore, command: Exclude<Command, 'help'>): void {
  const state = store.getState();
  const { position, duration } = playerPosition.get();
  const seekBy = (delta: number) => {
    if (state.currentId === null) return;
    const end = duration > 0 ? duration : Number.POSITIVE_INFINITY;
    state.seek(Math.min(Math.max(0, position + delta), end));
  };
  switch (command) {
    case 'toggle':
      return state.toggle();
    case 'seekBack':
      return seekBy(-SEEK_STEP);
    case 'seekForward':
      return seekBy(SEEK_STEP);
    case 'previous':
      return state.previous(position);
    case 'next':
      return state.next();
    case 'previousChapter':
      return stepChapter(state, position, 'previous');
    case 'nextChapter':
      return stepChapter(state, position, 'next');
    case 'mute':
      return state.toggleMute();
    case 'volumeUp':
      return state.setVolume(Math.min(1, state.volume + VOLUME_STEP));
    case 'volumeDown':
      // Turning it down while muted would unmute it: it is as quiet as it gets already.
      if (!state.muted) state.setVolume(Math.max(0, state.volume - VOLUME_STEP));
      return;
    case 'shuffle':
      return state.toggleShuffle();
    case 'repeat':
      return state.cycleRepeat();
    case 'undo':
      return state.undo();
    case 'jump':
      return requestJumpToCurrent();
  }
}

/** Ctrl/Cmd+Shift+M: the mini player, or the full window again (no text field has a use for it). */
export function isMiniShortcut(event: KeyInput): boolean {
  return (
    (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'm'
  );
}

export function useGlobalShortcuts(openHelp: () => void): void {
  const store = useStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.target instanceof Element && event.target.closest('dialog')) return;
      if (isMiniShortcut(event)) {
        event.preventDefault();
        void store.getState().toggleMini();
        return;
      }
      if (isTextField(event.target) || ownedByControl(event.target, event.key)) return;
      const command = commandFor(event);
      if (command === null) return;
      event.preventDefault();
      if (command === 'help') openHelp();
      else run(store, command);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [store, openHelp]);
}
