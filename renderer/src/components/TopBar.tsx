// The top of the window: the paste box, the jump to the current track, and the way to the shortcuts, the
// settings and the About dialog.
import { AboutButton } from './AboutDialog';
import { AddLinks } from './AddLinks';
import { KeyboardIcon, SettingsIcon } from './icons';
import { JumpToCurrent } from './JumpToCurrent';
import { ImportButton } from './QueueFiles';

interface TopBarProps {
  openShortcuts: () => void;
  openSettings: () => void;
}

export function TopBar({ openShortcuts, openSettings }: TopBarProps) {
  return (
    <header className="top-bar">
      <AddLinks />
      <div className="top-actions">
        <JumpToCurrent />
        <ImportButton />
        <button
          type="button"
          className="icon-button"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={openShortcuts}
        >
          <KeyboardIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Settings"
          title="Settings"
          onClick={openSettings}
        >
          <SettingsIcon />
        </button>
        <AboutButton />
      </div>
    </header>
  );
}
