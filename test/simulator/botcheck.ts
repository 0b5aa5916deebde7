// DataDome in front of api-v2 as of 2026: the paths it guards, who passes (a `Mozilla/` User-Agent with a
// `datadome` cookie that a soundcloud.com page issued), and the cookie those pages hand out.
import type { ServerResponse } from 'node:http';
import { datadomeCookie, datadomeToken, sendChallenge } from './challenges';
import type { SimContext, SimRequest } from './context';

/**
 * The api-v2 paths in the home page's DataDome configuration: the `/tracks?ids=` multi-get (not
 * `/tracks/<id>`), sets, users' tracks and likes, comments and `/me`. `/resolve`, `/tracks/<id>`, `/users/<id>`,
 * `/media/*` and the other lists (reposts, albums, sets, spotlight, top and related tracks) are not on it.
 */
const GUARDED: readonly RegExp[] = [
  /^\/tracks$/,
  /^\/playlists(\/|$)/,
  /^\/users\/[^/]+\/tracks/,
  /^\/users\/[^/]+\/(track_)?likes/,
  /^\/tracks\/[^/]+\/comments$/,
  /^\/me(\/|$)/,
];

export function isGuarded(path: string): boolean {
  const trimmed = path.length > 1 ? path.replace(/\/$/, '') : path;
  return GUARDED.some((pattern) => pattern.test(trimmed));
}

/** One cookie's value from a `Cookie` header, or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/** A browser, as far as the simulator can tell: its User-Agent, and a cookie from an earlier page visit. */
export function looksLikeBrowser(req: SimRequest, ctx: SimContext): boolean {
  const cookie = cookieValue(req.headers.cookie, 'datadome');
  return (
    (req.headers['user-agent'] ?? '').includes('Mozilla/') && cookie !== null && ctx.pageCookies.has(cookie)
  );
}

/** Answers this api-v2 request with a challenge when the bot check stops it; true when it did. */
export function botChallenged(req: SimRequest, res: ServerResponse, ctx: SimContext, path: string): boolean {
  const mode = ctx.settings.botCheck;
  if (mode === 'off' || !isGuarded(path)) return false;
  if (mode === 'non-browser' && looksLikeBrowser(req, ctx)) return false;
  sendChallenge(ctx.settings.botCheckShape, req, res);
  return true;
}

/** A new `datadome` token, remembered as one the site issued (so the bot check will accept it). */
export function issuePageToken(ctx: SimContext): string {
  const token = datadomeToken();
  ctx.pageCookies.add(token);
  return token;
}

/** The `set-cookie` a soundcloud.com page sends. */
export function issuePageCookie(ctx: SimContext): string {
  return datadomeCookie(issuePageToken(ctx));
}
