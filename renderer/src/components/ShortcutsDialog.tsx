// The list of keyboard shortcuts ("?" opens it).
import { shortcutList } from '../keyboard';
import { Dialog } from './Dialog';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" className="shortcuts-dialog">
      {shortcutList().map((group) => (
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
