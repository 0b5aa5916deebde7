// The paste box: takes one link or a whole block of text full of them, and says where the new rows went.
import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useAppStore } from '../store/context';
import { useStoreApi } from './useStoreApi';

/** How long new rows stay highlighted and the "Added…" line shows. */
export const JUST_ADDED_MS = 4_000;

export function AddLinks() {
  const [text, setText] = useState('');
  const store = useStoreApi();
  const addText = useAppStore((s) => s.addText);
  const notice = useAppStore((s) => s.notice);
  const justAdded = useAppStore((s) => s.justAdded);
  const dismissJustAdded = useAppStore((s) => s.dismissJustAdded);
  const noticeId = useId();

  useEffect(() => {
    if (justAdded === null) return undefined;
    const timer = setTimeout(dismissJustAdded, JUST_ADDED_MS);
    return () => clearTimeout(timer);
  }, [justAdded, dismissJustAdded]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (text.trim() === '') return;
    const pasted = text;
    // Text with no link stays in the box, and so do the links the queue had no room for (one a line): nothing
    // the user typed is lost.
    // With a playlist open (the queue out of view), the links go to that playlist.
    const { openPlaylistId, addTextToPlaylist } = store.getState();
    const adding = openPlaylistId === null ? addText(pasted) : addTextToPlaylist(openPlaylistId, pasted);
    void adding.then((added) => {
      const left = openPlaylistId === null ? (store.getState().notAdded ?? '') : '';
      if (added > 0) setText((current) => (current === pasted ? left : current));
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };

  return (
    <form className="add-links" onSubmit={submit}>
      <textarea
        aria-label="Add links"
        aria-describedby={notice ? noticeId : undefined}
        placeholder="Paste SoundCloud links, e.g. https://soundcloud.com/artist/track"
        rows={2}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit">Add</button>
      {notice && (
        <p id={noticeId} className="notice" role="alert">
          {notice}
        </p>
      )}
      {!notice && justAdded && (
        <p className="added" role="status">
          {justAdded.message}
        </p>
      )}
    </form>
  );
}
