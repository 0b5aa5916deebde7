// The mini player's layout (the window made small and kept on top by main): what plays, the transport, the
// seek bar and the way back to the full window; and the player bar's button that makes it.
import { useEffect, useRef } from 'react';
import { modKey } from '../keyboard';
import { useAppStore } from '../store/context';
import { FullWindowIcon, MiniPlayerIcon } from './icons';
import { SeekBar } from './SeekBar';
import { TrackInfo } from './TrackInfo';
import { TransportButtons } from './TransportButtons';
import { useCurrentTrack } from './useCurrentTrack';

/** How the shortcut reads on this keyboard, for the buttons' tooltips. */
const shortcut = (): string => `${modKey()}+Shift+M`;

export function MiniPlayerButton() {
  const mini = useAppStore((s) => s.mini);
  const toggleMini = useAppStore((s) => s.toggleMini);
  return (
    <button
      type="button"
      className="icon-button"
      aria-label="Mini player"
      aria-pressed={mini}
      title={`Mini player (${shortcut()})`}
      onClick={() => void toggleMini()}
    >
      <MiniPlayerIcon />
    </button>
  );
}

export function MiniPlayer() {
  const track = useCurrentTrack();
  const setMini = useAppStore((s) => s.setMini);
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The button that made the mini player is hidden with the full layout: focus stays in reach here.
    const focused = document.activeElement;
    if (focused === null || focused === document.body || focused.closest('[hidden]') !== null) {
      back.current?.focus();
    }
  }, []);
  return (
    <section className="mini-player" aria-label="Mini player">
      <TrackInfo />
      <div className="mini-controls">
        <TransportButtons />
        <button
          ref={back}
          type="button"
          className="icon-button"
          aria-label="Full window"
          title={`Full window (${shortcut()})`}
          onClick={() => void setMini(false)}
        >
          <FullWindowIcon />
        </button>
      </div>
      <SeekBar track={track} />
    </section>
  );
}
