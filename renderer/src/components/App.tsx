// The window's layout (full, or the mini player), and the window-wide behaviour: theme, shortcuts, paste to
// add, dialogs.
import { useCallback, useEffect, useState } from 'react';
import { useAppStore } from '../store/context';
import { MiniPlayer } from './MiniPlayer';
import { NowPlaying } from './NowPlaying';
import { PauseBanner } from './PauseBanner';
import { PlaylistsLayout } from './PlaylistsLayout';
import { ProviderBanner } from './ProviderBanner';
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
  const mini = useAppStore((s) => s.mini);

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
      <div className={mini ? 'app mini' : 'app'}>
        <h1 className="visually-hidden">Cloudcue</h1>
        {/* Hidden, not unmade, in the mini player: the paste box's text and the queue's scroll stay. */}
        <div className="full-window" hidden={mini}>
          <TopBar openShortcuts={openShortcuts} openSettings={openSettings} />
          <ProviderBanner openSettings={openSettings} />
          <PauseBanner openSettings={openSettings} />
          <PlaylistsLayout />
          <NowPlaying />
        </div>
        {mini && <MiniPlayer />}
        <SettingsDialog open={dialog === 'settings'} onClose={closeDialog} />
        <ShortcutsDialog open={dialog === 'shortcuts'} onClose={closeDialog} />
      </div>
    </OpenSettingsContext.Provider>
  );
}
