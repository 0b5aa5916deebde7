// The "Jump to the current track" button: brings the current track's row into view and focus (J does the same).
import { useAppStore } from '../store/context';
import { JumpIcon } from './icons';
import { requestJumpToCurrent } from './jumpToCurrent';

export function JumpToCurrent() {
  const hasCurrent = useAppStore((s) => s.currentId !== null);
  return (
    <button
      type="button"
      className="icon-button"
      aria-label="Jump to the current track"
      title="Jump to the current track (J)"
      disabled={!hasCurrent}
      onClick={requestJumpToCurrent}
    >
      <JumpIcon />
    </button>
  );
}
