// "Resolving 37 of 120" while links resolve (one link too), ending on the true final count a moment later.
import { useEffect } from 'react';
import { formatCount } from '../format';
import { useAppStore } from '../store/context';

/** How long the final count stays before the line goes. */
export const FINISHED_LINE_MS = 2_500;

export function ProgressLine() {
  const progress = useAppStore((s) => s.progress);
  const dismissProgress = useAppStore((s) => s.dismissProgress);
  const finishedBatch = progress?.finished === true ? progress.batchId : null;
  useEffect(() => {
    if (finishedBatch === null) return undefined;
    const timer = setTimeout(() => dismissProgress(finishedBatch), FINISHED_LINE_MS);
    return () => clearTimeout(timer);
  }, [finishedBatch, dismissProgress]);
  if (progress === null || progress.total < 1) return null;
  const done = Math.min(progress.total, progress.resolved + progress.failed);
  const failed = progress.failed > 0 ? ` (${formatCount(progress.failed)} failed)` : '';
  const total = formatCount(progress.total);
  return (
    <div className={`progress${progress.finished ? ' finished' : ''}`} role="status">
      <span>
        {progress.finished ? `Resolved ${total} of ${total}` : `Resolving ${formatCount(done)} of ${total}`}
        {failed}
      </span>
      <progress max={progress.total} value={done} aria-hidden="true" />
    </div>
  );
}
