// Which pages may call IPC, which links may leave the app for the user's browser, and which media answers
// the window may read.

/** True when `url` is the app's own renderer page (the built index.html, or the dev server). */
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
  if (expected.protocol === 'file:') {
    return (
      sender.protocol === 'file:' && sender.host === expected.host && sender.pathname === expected.pathname
    );
  }
  return sender.origin === expected.origin;
}

/** Only SoundCloud pages open in the user's browser; everything else is refused. */
export function isOpenableExternally(url: string): boolean {
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

/** The response headers with CORS allowed for any page (media is public and sent without credentials). */
export function withCors(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const kept = Object.fromEntries(
    Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'access-control-allow-origin'),
  );
  return { ...kept, 'Access-Control-Allow-Origin': ['*'] };
}
