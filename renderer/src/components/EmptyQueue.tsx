// What an empty queue says: what to paste, what a link looks like, and the shortcut.
import { modKey } from '../keyboard';

export function EmptyQueue() {
  return (
    <div className="empty">
      <h2>Your queue is empty</h2>
      <p>
        Paste SoundCloud links into the box above: single tracks, sets and playlists, or a profile (its
        tracks).
      </p>
      <p>
        A link looks like <code>https://soundcloud.com/artist/track</code>
      </p>
      <p>
        Or press <kbd>{modKey()}</kbd>+<kbd>V</kbd> anywhere in the window to add what is on the clipboard, or
        drop links here.
      </p>
    </div>
  );
}
