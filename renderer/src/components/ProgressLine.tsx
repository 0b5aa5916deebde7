// "Resolving 37 of 120" while a large paste resolves.
import { useAppStore } from '../store/context';

export function ProgressLine() {
  const progress = useAppStore((s) => s.progress);
  if (progress === null || progress.total < 2) return null;
  const done = progress.resolved + progress.failed;
  return (
    <div className="progress" role="status">
      <span>
        Resolving {done} of {progress.total}
        {progress.failed > 0 ? ` (${progress.failed} failed)` : ''}
      </span>
      <progress max={progress.total} value={done} aria-hidden="true" />
    </div>
  );
}
