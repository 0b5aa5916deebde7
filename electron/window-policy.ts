// Which pages may call IPC, which permissions they get, which links may leave the app for the user's browser,
// and which media answers the window may read.
import { homepage as projectPage } from '../package.json';

/** The schemes a renderer page can be served from: the app's own, or a dev server's. Never file:. */
const TRUSTED_SCHEMES: ReadonlySet<string> = new Set(['app:', 'http:', 'https:']);

/**
 * True when `url` is a page of the app's own renderer origin: app://cloudcue (the built renderer), or the dev
 * server's origin in development. Compared by scheme and host (with port): Node's URL gives a custom scheme
 * an opaque origin, so `origin` cannot be compared for app://.
 */
export function isTrustedRendererUrl(url: string | undefined, rendererUrl: string): boolean {
  if (url === undefined) return false;
  let sender: URL;
  let expected: URL;
  try {
    sender = new URL(url);
    expected = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (!TRUSTED_SCHEMES.has(expected.protocol) || expected.host === '') return false;
  return (
    sender.protocol === expected.protocol &&
    sender.host === expected.host &&
    sender.username === '' &&
    sender.password === ''
  );
}

/**
 * The permissions the app's page may be granted, to the app's own page only. Audio plays, the Media Session
 * shows and the clipboard is read through paste events without any. 'speaker-selection' is the one the
 * Output device picker needs: without it (or the microphone's 'media', which the app never asks for)
 * Chromium lists no audio output but an unnamed default and refuses setSinkId for any other. It names and
 * selects outputs only; nothing is captured.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>(['speaker-selection']);

/**
 * Whether a permission request (or check) from `requestingUrl` is granted: only an allow-listed permission,
 * and only to the app's own page.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  isTrusted: (url: string | undefined) => boolean,
  allowed: ReadonlySet<string> = ALLOWED_PERMISSIONS,
): boolean {
  return allowed.has(permission) && isTrusted(requestingUrl);
}

/** Only SoundCloud pages (and the project's own page, from About) open in the user's browser; all else is refused. */
export function isOpenableExternally(url: string): boolean {
  if (url === projectPage) return true;
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      parsed.hostname === 'soundcloud.com' &&
      parsed.port === '' &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}

/**
 * The media URLs hls.js fetches with XHR. SoundCloud's CDNs have not always sent CORS headers, so main
 * adds `Access-Control-Allow-Origin` to their answers (and to a loopback CLOUDCUE_SC_ORIGIN's).
 */
export function mediaUrlPatterns(origin: string | null): string[] {
  const patterns = ['https://*.sndcdn.com/*', 'https://playback.media-streaming.soundcloud.cloud/*'];
  return origin === null ? patterns : [...patterns, `${origin}/*`];
}

/**
 * The response headers with CORS allowed for any page. `*` rather than app://cloudcue: media is public and
 * fetched without credentials, and one value serves the app, the dev server and the web bridge alike.
 */
export function withCors(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const kept = Object.fromEntries(
    Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'access-control-allow-origin'),
  );
  return { ...kept, 'Access-Control-Allow-Origin': ['*'] };
}
