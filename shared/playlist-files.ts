// Queue export formats: M3U (with #EXTINF lines and permalinks) and JSON. Importing needs no parser of
// its own: both hold the permalinks, and any text with SoundCloud links can be added.
import type { LinkKind, Track } from './ipc';

export interface ExportItem {
  link: string;
  kind: LinkKind | null;
  startSeconds: number;
  track?: Track;
}

/** The link as it was pasted, with its start offset. */
function linkOf(item: ExportItem): string {
  const link = item.track?.permalink ?? item.link;
  return item.startSeconds > 0 ? `${link}#t=${item.startSeconds}` : link;
}

/** Extended M3U: `#EXTINF:<seconds>,<artist> - <title>` before each permalink. */
export function toM3u(items: readonly ExportItem[]): string {
  const lines = ['#EXTM3U'];
  for (const item of items) {
    if (item.track) {
      const seconds = Math.round(item.track.durationMs / 1000);
      const label = `${item.track.artist} - ${item.track.title}`.replace(/[\r\n]+/g, ' ');
      lines.push(`#EXTINF:${seconds},${label}`);
    }
    lines.push(linkOf(item));
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
