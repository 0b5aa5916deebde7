// Above the queue: how much is in it, and the actions on the whole queue (undo, retry or remove the
// failed, remove the related tracks added when it ended, clear).
import { useShallow } from 'zustand/react/shallow';
import { formatCount, formatDuration } from '../format';
import { useAppStore } from '../store/context';
import { canRetry } from '../store/queue-edit';
import { ExportButtons } from './QueueFiles';
import { Toast } from './Toast';
import { useStoreFields } from './useStoreFields';

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

export function QueueToolbar() {
  const { count, cap, failed, retryable, totalMs, undoLabel, toastShown } = useAppStore(
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
        cap: s.queueCap,
        failed: failedCount,
        retryable: retryableCount,
        totalMs: total,
        undoLabel: s.undoLabel,
        toastShown: s.toast !== null || s.playlistToast !== null,
      };
    }),
  );
  const { undo, retryFailed, removeFailed, clear, removeGroup } = useStoreFields(
    'undo',
    'retryFailed',
    'removeFailed',
    'clear',
    'removeGroup',
  );
  // The latest related group (its items share one object, so this is stable between renders).
  const group = useAppStore((s) => s.items.findLast((item) => item.group !== undefined)?.group);
  // The toast outlives the queue it emptied: a clear is undone from it.
  if (count === 0 && undoLabel === null) return <Toast />;
  return (
    <div className="queue-toolbar">
      <Toast />
      <p className="queue-summary">
        {plural(count, 'item', 'items')}
        {totalMs > 0 && <> · {formatDuration(totalMs)}</>}
        {failed > 0 && <span className="failed-count"> · {plural(failed, 'failed', 'failed')}</span>}
        {/* Said before a paste is refused: the queue's cap is a limit the listener can see. */}
        {count >= cap && <span className="queue-full"> · full (at most {formatCount(cap)})</span>}
      </p>
      <div className="toolbar-actions">
        <ExportButtons />
        {undoLabel !== null && !toastShown && (
          // While the toast shows, its button is the one Undo.
          <button type="button" onClick={undo}>
            {undoLabel}
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
        {group !== undefined && (
          <button type="button" onClick={() => removeGroup(group.id)}>
            Remove “{group.label}”
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
