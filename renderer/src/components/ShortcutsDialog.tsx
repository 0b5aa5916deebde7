// The list of keyboard shortcuts ("?" opens it).
import { modKey, shortcutList, type ShortcutHelp } from '../keyboard';
import { Dialog } from './Dialog';

/** keyboard.ts's list, with the mini player's shortcut (useGlobalShortcuts runs it) first in Window. */
export function shortcutGroups(): { title: string; shortcuts: ShortcutHelp[] }[] {
  const mini: ShortcutHelp = { keys: [modKey(), 'Shift', 'M'], what: 'Mini player or full window' };
  return shortcutList().map((group) =>
    group.title === 'Window' ? { ...group, shortcuts: [mini, ...group.shortcuts] } : group,
  );
}

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" className="shortcuts-dialog">
      {shortcutGroups().map((group) => (
        <section key={group.title} className="shortcut-group">
          <h3>{group.title}</h3>
          <dl>
            {group.shortcuts.map((shortcut) => (
              <div key={shortcut.what} className="shortcut">
                <dt>
                  {shortcut.keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 && <span className="joiner">+</span>}
                      {key.split(' / ').map((alternative, n) => (
                        <span key={alternative}>
                          {n > 0 && <span className="joiner">/</span>}
                          <kbd>{alternative}</kbd>
                        </span>
                      ))}
                    </span>
                  ))}
                </dt>
                <dd>{shortcut.what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Dialog>
  );
}
