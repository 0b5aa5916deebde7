// Follows the system's light or dark scheme unless Settings choose one: the choice lands on
// <html data-theme>, which styles.css reads.
import { useEffect } from 'react';
import { useAppStore } from '../store/context';

export function useTheme(): void {
  const theme = useAppStore((s) => s.settings?.theme ?? 'system');
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = theme;
  }, [theme]);
}
