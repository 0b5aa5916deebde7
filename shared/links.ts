// Finds SoundCloud links in pasted text and normalizes track permalinks.

export interface FoundLink {
  /** The link as it appeared in the text. */
  raw: string;
  /** The canonical track permalink, or null when the link is not a playable track page. */
  permalink: string | null;
  /** Start offset from `#t=90` or `#t=1:30`, in seconds. */
  startSeconds: number;
}

const TRACK_HOSTS = new Set(['soundcloud.com', 'www.soundcloud.com', 'm.soundcloud.com']);

// First path segments that are SoundCloud pages, never a user.
const RESERVED_USERS = new Set([
  'you',
  'discover',
  'upload',
  'search',
  'stream',
  'feed',
  'charts',
  'messages',
  'notifications',
  'settings',
  'pages',
  'terms-of-use',
  'mobile',
  'imprint',
  'jobs',
  'pro',
  'signin',
  'logout',
  'people',
  'popular',
  'tags',
  'stations',
]);

// Second path segments that are a user's sub-pages, never a track.
const RESERVED_SLUGS = new Set([
  'sets',
  'tracks',
  'albums',
  'likes',
  'reposts',
  'followers',
  'following',
  'popular-tracks',
  'comments',
  'spotlight',
  'toptracks',
]);

const SEGMENT = /^[A-Za-z0-9_-]{1,255}$/;

// A SoundCloud URL inside arbitrary text, with or without scheme, not glued to a longer host name.
// Commas and semicolons end a link: permalinks never contain them, and pasted lists use them as separators.
// A preceding '/' means the text is a path on another site, not a SoundCloud link.
const LINK_IN_TEXT =
  /(?<![\w.@/-])(?:https?:\/\/)?(?:(?:www|m|on)\.)?soundcloud\.com(?:\/[^\s<>"'`()[\]{}|\\^,;]*)?/gi;

/** Parses a start offset such as `90`, `1:30` or `1:02:03`. */
export function parseStartOffset(value: string): number {
  if (!/^\d{1,6}(?::\d{1,2}){0,2}$/.test(value)) return 0;
  return value.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/** Returns the canonical permalink of a SoundCloud track URL, or null for anything else. */
export function parsePermalink(input: string): { permalink: string; startSeconds: number } | null {
  const text = input.trim();
  if (text.length === 0 || text.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.port) return null;
  if (!TRACK_HOSTS.has(url.hostname.toLowerCase())) return null;
  const segments = url.pathname.split('/').filter((s) => s.length > 0);
  const [user, slug, token, ...rest] = segments;
  if (user === undefined || slug === undefined || rest.length > 0) return null;
  if (!SEGMENT.test(user) || !SEGMENT.test(slug)) return null;
  if (RESERVED_USERS.has(user.toLowerCase()) || RESERVED_SLUGS.has(slug.toLowerCase())) return null;
  if (token !== undefined && !/^s-[A-Za-z0-9]{1,64}$/.test(token)) return null;
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  const t = hash.get('t');
  // User and slug are case-insensitive on SoundCloud; a secret token is not.
  const path = `${user.toLowerCase()}/${slug.toLowerCase()}${token === undefined ? '' : `/${token}`}`;
  return {
    permalink: `https://soundcloud.com/${path}`,
    startSeconds: t === null ? 0 : parseStartOffset(t),
  };
}

/** Finds every SoundCloud link in the text, in order, duplicates kept. */
export function findLinks(text: string): FoundLink[] {
  const found: FoundLink[] = [];
  for (const match of text.matchAll(LINK_IN_TEXT)) {
    const raw = match[0].replace(/[.,;:!?*_~]+$/, '');
    const parsed = parsePermalink(raw);
    found.push({
      raw,
      permalink: parsed?.permalink ?? null,
      startSeconds: parsed?.startSeconds ?? 0,
    });
  }
  return found;
}
