// When the chosen source cannot work (no or refused credentials), say so above everything else.
import { useAppStore } from '../store/context';

// Main pushes every change of the problem (its `settings` event): nothing here asks for it.
export function ProviderBanner({ openSettings }: { openSettings: () => void }) {
  const problem = useAppStore((s) => s.settings?.providerProblem ?? null);
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
