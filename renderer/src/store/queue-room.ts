// The queue's size limit, made visible: how much room is left, the text of a paste cut to fit it, and the
// sentences that say what did not fit. Pure: the slices decide when to apply them.
import { MAX_LINKS, MAX_PASTE_CHARS } from '../../../shared/limits';
import { findLinks } from '../../../shared/links';
import { formatCount } from '../format';

/** How many more items a queue of `length` can take under `cap` (never negative). */
export const roomLeft = (cap: number, length: number): number => Math.max(0, cap - length);

const plural = (count: number, one: string, many: string): string =>
  `${formatCount(count)} ${count === 1 ? one : many}`;

/** Why nothing was added: the queue is at its cap. */
export const queueFull = (cap: number): string =>
  `The queue is full: it holds at most ${formatCount(cap)} items. Remove some to add more.`;

/** What a paste cut to fit the queue added, and what it left out. */
export const linksCut = (added: number, found: number, cap: number): string =>
  `Added ${formatCount(added)} of ${plural(found, 'link', 'links')}: the queue holds at most ` +
  `${formatCount(cap)} items. The other ${formatCount(found - added)} were not added.`;

/** What a paste sent in parts added before main refused a part. */
export const partRefused = (added: number, found: number, why: string): string =>
  `Added ${formatCount(added)} of ${plural(found, 'link', 'links')}; the rest were not added: ${why}`;

/** What a set (or profile) cut to fit the queue added: "120 of 500 tracks added: the queue holds…". */
export const tracksCut = (added: number, total: number, cap: number): string =>
  `${formatCount(added)} of ${plural(total, 'track', 'tracks')} added: the queue holds at most ${formatCount(cap)} items.`;

/**
 * What a profile (or one of its lists) at the Settings cap added: it may hold more, and main takes no more
 * than that from one link.
 */
export const profileCut = (count: number, link: string): string =>
  `Took ${plural(count, 'track', 'tracks')} from ${link}, the most Cloudcue takes from one profile: ` +
  'raise “Tracks taken from a profile” in Settings to take more.';

/** Why an undo was refused: putting its items back would take the queue past its cap. */
export const undoRefused = (count: number, room: number, cap: number): string =>
  `Undo would put back ${plural(count, 'item', 'items')}, but the queue holds at most ${formatCount(cap)} ` +
  `and has room for ${formatCount(room)}. Remove some items, then undo again.`;

/** What a save cut: the queue held more than main keeps (only an earlier bug could make it so). */
export const saveCut = (saved: number, held: number): string =>
  `Only ${formatCount(saved)} of the queue's ${formatCount(held)} items are saved: ` +
  'the rest will not be there after a restart.';

/** A pasted text as main takes it: in parts of at most MAX_LINKS links, and at most `take` links in all. */
export interface PasteParts {
  texts: string[];
  /** How many links the text holds, when it was counted (null: it went as it was). */
  found: number | null;
  /** The links past `take`, as written: not sent. */
  left: string[];
}

/**
 * Every link's host ends in soundcloud.com (or is the old share host, found in order to refuse it), so this
 * counts at least as many as there are links: a paste that cannot exceed `take` is not scanned twice.
 */
const HOST_MENTION = /soundcloud\.com|soundcloud\.app\.goo\.gl/gi;

function atMost(text: string, limit: number): boolean {
  HOST_MENTION.lastIndex = 0;
  let count = 0;
  while (HOST_MENTION.exec(text) !== null) if (++count > limit) return false;
  return true;
}

/**
 * `text` as main should get it: unchanged when it holds at most `take` links, no more than main takes at
 * once, and fits main's limit on a paste's length; else its first `take` links alone, one a line (each as it
 * was written, so a `#t=` offset or a refusal reads the same), in parts of at most MAX_LINKS.
 */
export function pasteParts(text: string, take: number): PasteParts {
  const fitsOnePaste = text.length <= MAX_PASTE_CHARS;
  const most = Math.min(take, MAX_LINKS);
  if (fitsOnePaste && atMost(text, most)) return { texts: [text], found: null, left: [] };
  const links = findLinks(text);
  if (fitsOnePaste && links.length <= most) return { texts: [text], found: links.length, left: [] };
  const raws = links.map((link) => link.raw);
  const kept = raws.slice(0, take);
  const texts: string[] = [];
  for (let start = 0; start < kept.length; start += MAX_LINKS) {
    texts.push(kept.slice(start, start + MAX_LINKS).join('\n'));
  }
  // A long text without links still goes (empty), for main's word on what it holds.
  return { texts: texts.length > 0 ? texts : [''], found: links.length, left: raws.slice(take) };
}
