// Queue export formats: M3U (with #EXTINF lines and permalinks) and JSON. Importing needs no parser of
// its own: both hold the permalinks, and any text with SoundCloud links can be added.
import type { LinkKind, Track } from './ipc';
import { safePermalink } from './safe-urls';
import { cleanDisplayText as oneLine } from './text-clean';

export interface ExportItem {
  link: string;
  kind: LinkKind | null;
  startSeconds: number;
  track?: Track;
}

/** The track's permalink (else the link as it was pasted, if that one is safe), with its start offset. */
function linkOf(item: ExportItem): string {
  const permalink = item.track?.permalink;
  const link =
    permalink !== undefined && (safePermalink(permalink) !== null || safePermalink(item.link) === null)
      ? permalink
      : item.link;
  return item.startSeconds > 0 ? `${link}#t=${item.startSeconds}` : link;
}

/**
 * Extended M3U: `#EXTINF:<seconds>,<artist> - <title>` before each permalink. Titles lose their line breaks,
 * control characters and bidi overrides, so a title can neither add lines (entries, directives) of its own
 * nor show the player another order than the one written; a link that is not
 * https on SoundCloud (a refused paste, a damaged save) is written as a comment, never as an entry to open.
 */
export function toM3u(items: readonly ExportItem[]): string {
  const lines = ['#EXTM3U'];
  for (const item of items) {
    const link = linkOf(item);
    if (safePermalink(link) === null) {
      lines.push(`# ${oneLine(link)}`);
      continue;
    }
    if (item.track) {
      const seconds = Math.round(item.track.durationMs / 1000);
      lines.push(`#EXTINF:${seconds},${oneLine(`${item.track.artist} - ${item.track.title}`)}`);
    }
    lines.push(link);
  }
  return `${lines.join('\n')}\n`;
}

export const JSON_FORMAT = 'cloudcue-queue';

export function toJson(items: readonly ExportItem[]): string {
  const tracks = items.map((item) => ({
    link: linkOf(item),
    ...(item.track
      ? { title: item.track.title, artist: item.track.artist, durationMs: item.track.durationMs }
      : {}),
  }));
  return `${JSON.stringify({ format: JSON_FORMAT, version: 1, tracks }, null, 2)}\n`;
}
