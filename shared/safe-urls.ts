// What SoundCloud's answers and saved files say, made safe to use: URLs checked where they enter (https on
// SoundCloud's own hosts only), text stripped of control characters where it leaves (M3U files, terminals).

/** Hosts of SoundCloud links a track may point to: its pages, short links and API URLs (all canonical forms). */
const LINK_HOSTS: ReadonlySet<string> = new Set([
  'soundcloud.com',
  'www.soundcloud.com',
  'm.soundcloud.com',
  'on.soundcloud.com',
  'api.soundcloud.com',
]);

/** SoundCloud's image CDN (`i1.sndcdn.com`; older answers used i2…i4): artwork and avatars. */
const isImageHost = (host: string): boolean => /^i\d{0,2}\.sndcdn\.com$/.test(host);
/** Where waveforms are kept: PNG on wave. (w1. in the 2012–2019 API), JSON on wis. */
const WAVEFORM_HOSTS: ReadonlySet<string> = new Set(['wave.sndcdn.com', 'wis.sndcdn.com', 'w1.sndcdn.com']);

/**
 * In the loopback form `http://127.0.0.1:PORT/<host>/<path>` that CLOUDCUE_SC_ORIGIN gives every SoundCloud
 * URL main hands on (artwork, waveforms), the host is the first path segment. Loopback is never another
 * machine, so that form is as safe as the https one it stands for.
 */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The longest URL accepted: SoundCloud's signed or tokened URLs are well under it. */
const MAX_URL_LENGTH = 2048;

/**
 * True for characters no URL of SoundCloud's holds raw: controls, spaces, and what the WHATWG parser would
 * silently drop (tab, CR, LF), so a URL that reads clean after parsing was clean before it too.
 */
function hasUnsafeCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** The URL parsed when it is plain https (or loopback http) with no user, password or odd characters. */
function parsePlain(text: string): URL | null {
  if (text.length > MAX_URL_LENGTH || hasUnsafeCharacter(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '') return null;
  return url;
}

/** The https URL's href when `allowed` accepts its host (or, loopback, the host its path names); else null. */
function checked(text: string | null | undefined, allowed: (host: string) => boolean): string | null {
  if (typeof text !== 'string') return null;
  const url = parsePlain(text);
  if (url === null) return null;
  if (url.protocol === 'https:') return url.port === '' && allowed(url.hostname) ? url.href : null;
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  const inner = url.pathname.split('/')[1] ?? '';
  return allowed(inner) ? url.href : null;
}

/**
 * A track's page link as SoundCloud (or a saved file) gives it, normalised; null unless it is https on
 * soundcloud.com (or www., m., on., api.), without a port, user name or control characters. Never loopback:
 * main hands permalinks on as they are, and they open in the user's browser.
 */
export function safePermalink(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  const url = parsePlain(text);
  if (url === null || url.protocol !== 'https:' || url.port !== '') return null;
  return LINK_HOSTS.has(url.hostname) ? url.href : null;
}

/** Artwork or an avatar on SoundCloud's image CDN, or null. */
export function safeArtworkUrl(text: string | null | undefined): string | null {
  return checked(text, isImageHost);
}

/** A waveform on SoundCloud's waveform hosts, or null. */
export function safeWaveformUrl(text: string | null | undefined): string | null {
  return checked(text, (host) => WAVEFORM_HOSTS.has(host));
}

/** True for a character a terminal or a line-based file format could take as a command: C0, DEL and C1. */
const isControl = (code: number): boolean => code < 0x20 || (code >= 0x7f && code <= 0x9f);

/**
 * `text` fit to print as one line: each run of control characters (ESC and its sequences' introducers,
 * CR and LF, C1's CSI…) becomes one space, so a title can neither start a new line nor steer a terminal.
 */
export function oneLine(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isControl(text.charCodeAt(i))) continue;
    out += `${text.slice(from, i)} `;
    while (i + 1 < text.length && isControl(text.charCodeAt(i + 1))) i++;
    from = i + 1;
  }
  return out + text.slice(from);
}

/** The URL fields of a track (shared/ipc.ts's Track), as saved or sent by the renderer. */
interface TrackUrls {
  id: number;
  permalink: string;
  artworkUrl: string | null;
  waveformUrl: string | null;
}

/**
 * The track with each URL it cannot be trusted with cleared, field by field: a permalink becomes the track's
 * API URL (which resolves and opens the same track), artwork and waveform become none. Nothing else changes.
 */
export function withSafeUrls<T extends TrackUrls>(track: T): T {
  const permalink = safePermalink(track.permalink) === null ? apiTrackUrl(track.id) : track.permalink;
  const artworkUrl = safeArtworkUrl(track.artworkUrl) === null ? null : track.artworkUrl;
  const waveformUrl = safeWaveformUrl(track.waveformUrl) === null ? null : track.waveformUrl;
  if (permalink === track.permalink && artworkUrl === track.artworkUrl && waveformUrl === track.waveformUrl)
    return track;
  return { ...track, permalink, artworkUrl, waveformUrl };
}

/** A track's canonical API URL, the link form that names it by id alone. */
export function apiTrackUrl(id: number): string {
  return `https://api.soundcloud.com/tracks/${id}`;
}
