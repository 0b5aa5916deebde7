// The mini player's layout (the window made small and kept on top by main): what plays, the transport, the
// seek bar and the way back to the full window; and the player bar's button that makes it.
import { useEffect, useRef } from 'react';
import { modKey } from '../keyboard';
import { useAppStore } from '../store/context';
import { IconButton } from './IconButton';
import { FullWindowIcon, MiniPlayerIcon } from './icons';
import { SeekBar } from './SeekBar';
import { TrackInfo } from './TrackInfo';
import { TransportButtons } from './TransportButtons';
import { useCurrentTrack } from './useCurrentTrack';

/** How the shortcut reads on this keyboard, for the buttons' tooltips. */
const shortcut = (): string => `${modKey()}+Shift+M`;

/** Whether the focus is nowhere in particular (its element was hidden or unmade). */
const focusLost = (): boolean => {
  const focused = document.activeElement;
  return focused === null || focused === document.body || focused.closest('[hidden]') !== null;
};

export function MiniPlayerButton() {
  const mini = useAppStore((s) => s.mini);
  const toggleMini = useAppStore((s) => s.toggleMini);
  const self = useRef<HTMLButtonElement>(null);
  const wasMini = useRef(mini);
  useEffect(() => {
    // Back from the mini player, whose Full window button is gone: the focus comes back where it left.
    if (wasMini.current && !mini && focusLost()) self.current?.focus();
    wasMini.current = mini;
  }, [mini]);
  return (
    <IconButton
      ref={self}
      label="Mini player"
      aria-pressed={mini}
      title={`Mini player (${shortcut()})`}
      onClick={() => void toggleMini()}
    >
      <MiniPlayerIcon />
    </IconButton>
  );
}

export function MiniPlayer() {
  const track = useCurrentTrack();
  const setMini = useAppStore((s) => s.setMini);
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The button that made the mini player is hidden with the full layout: focus stays in reach here.
    if (focusLost()) back.current?.focus();
  }, []);
  return (
    <section className="mini-player" aria-label="Mini player">
      <TrackInfo />
      <div className="mini-controls">
        <TransportButtons />
        <IconButton
          ref={back}
          label="Full window"
          title={`Full window (${shortcut()})`}
          onClick={() => void setMini(false)}
        >
          <FullWindowIcon />
        </IconButton>
      </div>
      <SeekBar track={track} />
    </section>
  );
}
