// A track's artwork, or a quiet placeholder when it has none (or it fails to load).
import { useState } from 'react';
import { NoteIcon } from './icons';

/** SoundCloud serves each artwork in several sizes: a list thumbnail needs 100 px, not 500. */
export function artworkAt(url: string, size: 'large' | 't500x500'): string {
  return url.replace(/-(?:t\d+x\d+|large|crop|original)(\.(?:jpg|png))(?=$|\?)/, `-${size}$1`);
}

interface ArtworkProps {
  url: string | null;
  size: 'small' | 'medium';
}

export function Artwork({ url, size }: ArtworkProps) {
  const [failed, setFailed] = useState<string | null>(null);
  if (url === null || failed === url) {
    return (
      <span className={`artwork artwork-${size} artwork-none`} aria-hidden="true">
        <NoteIcon />
      </span>
    );
  }
  return (
    <img
      className={`artwork artwork-${size}`}
      src={size === 'small' ? artworkAt(url, 'large') : url}
      alt=""
      loading="lazy"
      decoding="async"
      draggable={false}
      onError={() => setFailed(url)}
    />
  );
}
