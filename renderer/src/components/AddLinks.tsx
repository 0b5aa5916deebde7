// The paste box: takes one link or a whole block of text full of them.
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useAppStore } from '../store/context';

export function AddLinks() {
  const [text, setText] = useState('');
  const addText = useAppStore((s) => s.addText);
  const notice = useAppStore((s) => s.notice);
  const noticeId = useId();

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (text.trim() === '') return;
    const pasted = text;
    // Text with no link stays in the box, so nothing the user typed is lost.
    void addText(pasted).then((added) => {
      if (added > 0) setText((current) => (current === pasted ? '' : current));
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
    </form>
  );
}
