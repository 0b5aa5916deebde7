// Reads the path and query of one SoundCloud address: permalinks and their tabs, API URLs and embeds.
import type { LinkKind } from './ipc';

export interface FoundLink {
  /** The link as it appeared in the text, without surrounding brackets, quotes or sentence punctuation. */
  raw: string;
  /**
   * The canonical link: `https://soundcloud.com/<user>[/…]` for pages, `https://api.soundcloud.com/<kind>s/<id>`
   * for API URLs and embeds, `https://on.soundcloud.com/<code>` for short links; null when refused.
   */
  link: string | null;
  kind: LinkKind | null;
  /** Start offset from `#t=90`, `#t=1:30`, `#t=1m30s` (or `?t=`), in seconds; 0 for sets and profiles. */
  startSeconds: number;
  /** Why a SoundCloud link cannot be played, as a sentence for the user; null when accepted. */
  refusal: string | null;
}

/** The sentences a refused link carries. */
export const REFUSALS = {
  nothingToPlay: 'This SoundCloud page has nothing to play.',
  malformed: 'This SoundCloud link is not valid.',
  scheme: 'Only http:// and https:// SoundCloud links can be opened.',
  credentials: 'SoundCloud links with a user name or password are not opened.',
  port: 'SoundCloud links with a port number are not opened.',
  oldShareLink: 'This old SoundCloud share link no longer works; the service behind it closed in 2025.',
} as const;

// First path segments that are SoundCloud's own pages, never a user (SoundCloud reserves them).
const RESERVED_USERS = new Set(
  (
    'you discover upload search stream feed charts messages notifications settings pages terms-of-use mobile ' +
    'imprint jobs pro signin signup login logout people popular tags stations home premium go artists ' +
    'creators for-artists connect apps press legal help library'
  ).split(' '),
);

/** A user's tabs that list tracks (or sets, expanded) other than their uploads; `tracks` is the profile. */
export const USER_TABS = ['likes', 'reposts', 'albums', 'sets', 'spotlight', 'popular-tracks'] as const;
export type UserTab = (typeof USER_TABS)[number];
/** A track's tabs: its related tracks, and the albums and sets it is in. */
export const TRACK_TABS = ['recommended', 'albums', 'sets'] as const;
export type TrackTab = (typeof TRACK_TABS)[number];

// A user's sub-pages that list nothing Cloudcue plays.
const USER_OTHER_PAGES = new Set([
  'followers',
  'following',
  'comments',
  'toptracks',
  'playlists',
  'stations',
]);

export const SEGMENT = /^[A-Za-z0-9_-]{1,255}$/;
export const TOKEN = /^s-[A-Za-z0-9_-]{1,64}$/;
// System playlists (`weekly::alice`, `charts-top:all-music:de`) are named with at least one colon.
const SYSTEM_NAME = /^[A-Za-z0-9_-]{0,128}:[A-Za-z0-9_:-]{0,255}$/;
const API_COLLECTIONS = { tracks: 'track', playlists: 'set', users: 'user' } as const;
type ApiCollection = keyof typeof API_COLLECTIONS;
export const API_HOSTS = new Set(['api.soundcloud.com', 'api-v2.soundcloud.com']);
export const EMBED_HOSTS = new Set(['w.soundcloud.com', 'player.soundcloud.com', 'p.soundcloud.com']);
export const PERMALINK_HOSTS = new Set(['soundcloud.com', 'www.soundcloud.com', 'm.soundcloud.com']);

export function refused(raw: string, refusal: string): FoundLink {
  return { raw, link: null, kind: null, startSeconds: 0, refusal };
}

export function accepted(raw: string, link: string, kind: LinkKind, startSeconds: number): FoundLink {
  return { raw, link, kind, startSeconds, refusal: null };
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** Percent-decoding that never throws: a malformed escape leaves the text as it was. */
function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `/stations/track/<user>/<track>` and `/stations/artist/<user>`; `/discover/sets/<name:with:colons>`. */
function classifyReserved(raw: string, segments: string[]): FoundLink {
  const [first = '', second, third, fourth, fifth, ...deeper] = segments.map((s) => s.toLowerCase());
  if (first === 'stations' && deeper.length === 0 && fifth === undefined) {
    const named = [third, fourth].filter((s) => s !== undefined);
    if (!named.every((s) => SEGMENT.test(s))) return refused(raw, REFUSALS.malformed);
    if (second === 'track' && named.length === 2)
      return accepted(raw, `https://soundcloud.com/stations/track/${named.join('/')}`, 'list', 0);
    if (second === 'artist' && named.length === 1)
      return accepted(raw, `https://soundcloud.com/stations/artist/${named[0] ?? ''}`, 'list', 0);
  }
  const name = decodeOnce(segments[2] ?? '');
  if (first === 'discover' && second === 'sets' && fourth === undefined && SYSTEM_NAME.test(name)) {
    return accepted(raw, `https://soundcloud.com/discover/sets/${name}`, 'list', 0);
  }
  return refused(raw, REFUSALS.nothingToPlay);
}

/** What the path of a soundcloud.com page names. */
export function classifyPermalink(raw: string, segments: string[], startSeconds: number): FoundLink {
  const [user, second, third, fourth, ...deeper] = segments;
  if (user === undefined) return refused(raw, REFUSALS.nothingToPlay);
  const userLower = user.toLowerCase();
  if (RESERVED_USERS.has(userLower)) return classifyReserved(raw, segments);
  if (!SEGMENT.test(user)) return refused(raw, REFUSALS.malformed);
  // User and slug are case-insensitive on SoundCloud; a secret token is not.
  const base = `https://soundcloud.com/${userLower}`;
  if (second === undefined) return accepted(raw, base, 'user', 0);
  if (!SEGMENT.test(second)) return refused(raw, REFUSALS.malformed);
  const secondLower = second.toLowerCase();
  if (secondLower === 'sets' && third !== undefined) {
    if (!SEGMENT.test(third)) return refused(raw, REFUSALS.malformed);
    if (deeper.length > 0) return refused(raw, REFUSALS.nothingToPlay);
    if (fourth === undefined) return accepted(raw, `${base}/sets/${third.toLowerCase()}`, 'set', 0);
    if (!TOKEN.test(fourth)) return refused(raw, REFUSALS.nothingToPlay);
    return accepted(raw, `${base}/sets/${third.toLowerCase()}/${fourth}`, 'set', 0);
  }
  if (secondLower === 'tracks') {
    return third === undefined ? accepted(raw, base, 'user', 0) : refused(raw, REFUSALS.nothingToPlay);
  }
  if (isOneOf(USER_TABS, secondLower)) {
    return third === undefined
      ? accepted(raw, `${base}/${secondLower}`, 'list', 0)
      : refused(raw, REFUSALS.nothingToPlay);
  }
  if (USER_OTHER_PAGES.has(secondLower)) return refused(raw, REFUSALS.nothingToPlay);
  if (fourth !== undefined) return refused(raw, REFUSALS.nothingToPlay);
  const track = `${base}/${secondLower}`;
  if (third === undefined) return accepted(raw, track, 'track', startSeconds);
  const thirdLower = third.toLowerCase();
  if (isOneOf(TRACK_TABS, thirdLower)) return accepted(raw, `${track}/${thirdLower}`, 'list', 0);
  // Anything else after a slug other than a secret token is one of the track's sub-pages (comments, likes…).
  if (!TOKEN.test(third)) return refused(raw, REFUSALS.nothingToPlay);
  return accepted(raw, `${track}/${third}`, 'track', startSeconds);
}

/**
 * `/tracks/<id>`, `/tracks/soundcloud:tracks:<id>` (colons perhaps encoded, once or twice) and the same
 * for playlists and users, on api. or api-v2.; `secret_token` is kept, everything else (a client_id) dropped.
 */
export function classifyApi(raw: string, path: string, query: string, startSeconds: number): FoundLink {
  const segments = path.split('/').filter((s) => s !== '');
  const [collection = '', rawId = '', ...more] = segments;
  if (!(collection in API_COLLECTIONS) || more.length > 0) return refused(raw, REFUSALS.nothingToPlay);
  const kind = API_COLLECTIONS[collection as ApiCollection];
  const id = decodeOnce(decodeOnce(rawId));
  const match = /^(?:soundcloud:(tracks|playlists|users):)?(\d{1,15})$/.exec(id);
  if (match === null || (match[1] !== undefined && match[1] !== collection))
    return refused(raw, REFUSALS.malformed);
  const secret = kind === 'user' ? null : new URLSearchParams(query).get('secret_token');
  const token = secret !== null && TOKEN.test(secret) ? `?secret_token=${secret}` : '';
  const link = `https://api.soundcloud.com/${collection}/${String(Number(match[2]))}${token}`;
  return accepted(raw, link, kind, kind === 'track' ? startSeconds : 0);
}

/**
 * `/player/?url=<API URL or permalink>[&secret_token=…]`, as the embed code writes it (with `&amp;` inside
 * HTML). The inner URL is read by host: an embed of an embed is refused, so reading stays one level deep.
 */
export function classifyEmbed(raw: string, path: string, query: string): FoundLink {
  if (!/^\/player\/?$/i.test(path)) return refused(raw, REFUSALS.nothingToPlay);
  const params = new URLSearchParams(query.replace(/&amp;/gi, '&'));
  const inner = params.get('url');
  if (inner === null || inner === '') return refused(raw, REFUSALS.nothingToPlay);
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(inner) ? inner : `https://${inner}`);
  } catch {
    return refused(raw, REFUSALS.malformed);
  }
  if (url.username !== '' || url.password !== '' || url.port !== '') return refused(raw, REFUSALS.malformed);
  const host = url.hostname.toLowerCase();
  const outerToken = params.get('secret_token');
  if (API_HOSTS.has(host)) {
    const innerQuery = new URLSearchParams(url.search);
    if (!innerQuery.has('secret_token') && outerToken !== null) innerQuery.set('secret_token', outerToken);
    // The raw pathname keeps a double-encoded urn's escapes for classifyApi to undo.
    return classifyApi(raw, url.pathname, innerQuery.toString(), 0);
  }
  if (PERMALINK_HOSTS.has(host)) {
    const segments = url.pathname.split('/').filter((s) => s !== '');
    return classifyPermalink(raw, segments, 0);
  }
  return refused(raw, REFUSALS.nothingToPlay);
}
