// When the chosen source cannot work (no or refused credentials), say so above everything else.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/context';

/**
 * Main learns of a credentials problem (and of its end) while resolving, and does not say so by itself:
 * ask again when a track fails for that reason, and, while a problem shows, when a track resolves.
 */
function useProblemRefresh(problem: string | null): void {
  const { refused, ready } = useAppStore(
    useShallow((s) => {
      let refusedCount = 0;
      let readyCount = 0;
      for (const item of s.items) {
        if (item.error?.code === 'UNAUTHORIZED') refusedCount++;
        else if (item.status === 'ready') readyCount++;
      }
      return { refused: refusedCount, ready: readyCount };
    }),
  );
  const loadSettings = useAppStore((s) => s.loadSettings);
  const watched = problem === null ? 0 : ready;
  useEffect(() => {
    if (refused > 0 || watched > 0) void loadSettings();
  }, [refused, watched, loadSettings]);
}

export function ProviderBanner({ openSettings }: { openSettings: () => void }) {
  const problem = useAppStore((s) => s.settings?.providerProblem ?? null);
  useProblemRefresh(problem);
  if (problem === null) return null;
  return (
    <div className="banner" role="alert">
      <p>{problem}</p>
      <button type="button" onClick={openSettings}>
        Open settings
      </button>
    </div>
  );
}
