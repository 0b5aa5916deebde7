// SoundCloud's hosts, and the CLOUDCUE_SC_ORIGIN rewrite that points all of them at one loopback server.

/** True for the hosts the app may ever talk to. */
export function isSoundCloudHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'soundcloud.com' ||
    host.endsWith('.soundcloud.com') ||
    host.endsWith('.sndcdn.com') ||
    host === 'playback.media-streaming.soundcloud.cloud'
  );
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class OriginError extends Error {}

/**
 * Reads CLOUDCUE_SC_ORIGIN. Only a loopback `http(s)://host:port` origin is accepted, so the variable
 * can point the app at a local simulator but never at another machine.
 */
export function parseScOrigin(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new OriginError(`CLOUDCUE_SC_ORIGIN is not a URL: ${JSON.stringify(value)}`);
  }
  const bare = url.pathname === '/' && url.search === '' && url.hash === '' && !url.username;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
    throw new OriginError(
      `CLOUDCUE_SC_ORIGIN must be an origin such as http://127.0.0.1:8123, not ${JSON.stringify(value)}`,
    );
  }
  if (!LOOPBACK.has(url.hostname)) {
    throw new OriginError(
      `CLOUDCUE_SC_ORIGIN must point at this machine (127.0.0.1, localhost or [::1]), not ${url.hostname}`,
    );
  }
  return url.origin;
}

/**
 * Maps a SoundCloud URL to the URL actually requested: unchanged without an origin override,
 * `ORIGIN/HOST/path?query` with one. Returns null for a URL the app must not follow.
 */
export function toWireUrl(url: string, origin: string | null): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || !isSoundCloudHost(parsed.hostname)) return null;
  if (parsed.username || parsed.password || parsed.port) return null;
  if (origin === null) return parsed.href;
  return `${origin}/${parsed.hostname}${parsed.pathname}${parsed.search}`;
}
