// The window's layout, and the window-wide behaviour: theme, shortcuts, paste to add, dialogs.
import { useCallback, useEffect, useState } from 'react';
import { useAppStore } from '../store/context';
import { NowPlaying } from './NowPlaying';
import { PauseBanner } from './PauseBanner';
import { ProviderBanner } from './ProviderBanner';
import { QueuePanel } from './QueuePanel';
import { SettingsDialog } from './SettingsDialog';
import { OpenSettingsContext } from './settingsOpener';
import { ShortcutsDialog } from './ShortcutsDialog';
import { TopBar } from './TopBar';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { useCopyLinks } from './useCopyLinks';
import { usePasteToAdd } from './usePasteToAdd';
import { useDocumentTitle } from './useDocumentTitle';
import { useTheme } from './useTheme';

export function App() {
  const [dialog, setDialog] = useState<'settings' | 'shortcuts' | null>(null);
  const openSettings = useCallback(() => setDialog('settings'), []);
  const openShortcuts = useCallback(() => setDialog('shortcuts'), []);
  const closeDialog = useCallback(() => setDialog(null), []);
  const loadSettings = useAppStore((s) => s.loadSettings);

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  useTheme();
  useDocumentTitle();
  useGlobalShortcuts(openShortcuts);
  usePasteToAdd();
  useCopyLinks();

  return (
    <OpenSettingsContext.Provider value={openSettings}>
      <div className="app">
        <h1 className="visually-hidden">Cloudcue</h1>
        <TopBar openShortcuts={openShortcuts} openSettings={openSettings} />
        <ProviderBanner openSettings={openSettings} />
        <PauseBanner openSettings={openSettings} />
        <QueuePanel />
        <NowPlaying />
        <SettingsDialog open={dialog === 'settings'} onClose={closeDialog} />
        <ShortcutsDialog open={dialog === 'shortcuts'} onClose={closeDialog} />
      </div>
    </OpenSettingsContext.Provider>
  );
}
