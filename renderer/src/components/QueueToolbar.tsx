// Above the queue: how much is in it, and the actions on the whole queue (undo, retry or remove the
// failed, clear).
import { useShallow } from 'zustand/react/shallow';
import { formatCount, formatDuration } from '../format';
import { useAppStore } from '../store/context';
import { canRetry } from '../store/queue-edit';
import { ExportButtons } from './QueueFiles';

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

export function QueueToolbar() {
  const { count, failed, retryable, totalMs, canUndo } = useAppStore(
    useShallow((s) => {
      let failedCount = 0;
      let retryableCount = 0;
      let total = 0;
      for (const item of s.items) {
        if (item.status === 'error') failedCount++;
        if (canRetry(item)) retryableCount++;
        total += item.track?.durationMs ?? 0;
      }
      return {
        count: s.items.length,
        failed: failedCount,
        retryable: retryableCount,
        totalMs: total,
        canUndo: s.canUndo,
      };
    }),
  );
  const { undo, retryFailed, removeFailed, clear } = useAppStore(
    useShallow((s) => ({
      undo: s.undo,
      retryFailed: s.retryFailed,
      removeFailed: s.removeFailed,
      clear: s.clear,
    })),
  );
  if (count === 0 && !canUndo) return null;
  return (
    <div className="queue-toolbar">
      <p className="queue-summary">
        {plural(count, 'item', 'items')}
        {totalMs > 0 && <> · {formatDuration(totalMs)}</>}
        {failed > 0 && <span className="failed-count"> · {plural(failed, 'failed', 'failed')}</span>}
      </p>
      <div className="toolbar-actions">
        <ExportButtons />
        {canUndo && (
          <button type="button" onClick={undo} title="Undo the last removal">
            Undo
          </button>
        )}
        {retryable > 1 && (
          // One press for a whole set that failed together (a human check, a rate limit).
          <button type="button" onClick={() => void retryFailed()}>
            Retry all failed
          </button>
        )}
        {failed > 0 && (
          <button type="button" onClick={removeFailed}>
            Remove all failed
          </button>
        )}
        {count > 0 && (
          <button type="button" onClick={clear} title="Remove everything from the queue">
            Clear
          </button>
        )}
      </div>
    </div>
  );
}
