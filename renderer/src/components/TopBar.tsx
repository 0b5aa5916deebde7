// The top of the window: the paste box, the jump to the current track, and the way to the shortcuts, the
// settings and the About dialog.
import { AboutButton } from './AboutDialog';
import { AddLinks } from './AddLinks';
import { IconButton } from './IconButton';
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
        <IconButton label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={openShortcuts}>
          <KeyboardIcon />
        </IconButton>
        <IconButton label="Settings" onClick={openSettings}>
          <SettingsIcon />
        </IconButton>
        <AboutButton />
      </div>
    </header>
  );
}
