// HLS playlists name their segments with absolute https://<host>/… URLs. When the app talks to a loopback
// SoundCloud stand-in (CLOUDCUE_SC_ORIGIN), main hands out playlist URLs of the form
// `http://127.0.0.1:PORT/<host>/…`; the segments must go the same way. One rule, from the playlist's own
// URL, so it works alike in Electron and in the browser bridge.

const LOOPBACK_PLAYLIST =
  /^(http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d{1,5})\/((?:[a-z0-9-]+\.)*(?:sndcdn\.com|soundcloud\.com|soundcloud\.cloud))\//i;

const SOUNDCLOUD_URL =
  /^https:\/\/((?:[a-z0-9-]+\.)*(?:sndcdn\.com|soundcloud\.com|soundcloud\.cloud))(\/.*)?$/i;

/** The loopback origin a playlist URL was handed out under, or null for SoundCloud itself. */
export function loopbackOriginOf(playlistUrl: string): string | null {
  return LOOPBACK_PLAYLIST.exec(playlistUrl)?.[1] ?? null;
}

/** Where to fetch `url` (a playlist, segment or key) when the playlist came from `origin`. */
export function rewriteForOrigin(url: string, origin: string | null): string {
  if (origin === null) return url;
  const match = SOUNDCLOUD_URL.exec(url);
  return match === null ? url : `${origin}/${match[1] ?? ''}${match[2] ?? '/'}`;
}
