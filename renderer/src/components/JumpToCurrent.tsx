// The "Jump to current" button over the queue: brings the current track's row into view (J does the same).
import { useAppStore } from '../store/context';
import { JumpIcon } from './icons';
import { requestJumpToCurrent } from './jumpToCurrent';

export function JumpToCurrent() {
  const hasCurrent = useAppStore((s) => s.currentId !== null);
  if (!hasCurrent) return null;
  return (
    <button
      type="button"
      className="jump-current"
      title="Jump to the current track (J)"
      onClick={requestJumpToCurrent}
    >
      <JumpIcon />
      Jump to current
    </button>
  );
}
