// Looking like the browser SoundCloud expects when requests go through Node's fetch (the CLI, the web bridge):
// a current Chrome's headers, a cookie jar for SoundCloud's hosts, and which api-v2 routes its bot check guards.
import { CookieJar } from 'tough-cookie';

/** The Chrome release the headers below claim to be (stable in late 2026). */
const CHROME_MAJOR = 146;

/** SoundCloud's web pages and guarded API routes refuse clients that do not look like a browser. */
export const BROWSER_USER_AGENT = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME_MAJOR}.0.0.0 Safari/537.36`;

export const HOME_PAGE = 'https://soundcloud.com/';

/** The name of the cookie DataDome issues, and looks for on guarded routes. */
export const BOT_CHECK_COOKIE = 'datadome';

const PAGE_HOSTS = new Set(['soundcloud.com', 'm.soundcloud.com', 'on.soundcloud.com']);
/** The web app calls these from https://soundcloud.com, with that page as its origin. */
const WEB_APP_APIS = new Set(['api-v2.soundcloud.com', 'api-widget.soundcloud.com']);

/**
 * Headers Chrome sends with such a request: a page navigation for soundcloud.com's pages, the web app's
 * cross-origin XHR for its APIs. A caller's own headers are applied over these.
 */
export function browserHeaders(url: URL): Record<string, string> {
  const brands = `"Chromium";v="${CHROME_MAJOR}", "Not-A.Brand";v="24", "Google Chrome";v="${CHROME_MAJOR}"`;
  const common: Record<string, string> = {
    'user-agent': BROWSER_USER_AGENT,
    'accept-language': 'en-US,en;q=0.9',
    'sec-ch-ua': brands,
    'sec-ch-ua-mobile': '?0',
    'sec-ch-ua-platform': '"Linux"',
  };
  if (PAGE_HOSTS.has(url.hostname)) {
    return {
      ...common,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      ...fetchMetadata('document', 'navigate', 'none'),
      'sec-fetch-user': '?1',
      'upgrade-insecure-requests': '1',
    };
  }
  if (WEB_APP_APIS.has(url.hostname)) {
    const site = { origin: 'https://soundcloud.com', referer: 'https://soundcloud.com/' };
    return { ...common, ...site, ...fetchMetadata('empty', 'cors', 'same-site') };
  }
  return common;
}

/** The Sec-Fetch-* request headers Chrome sends for what a request is for, how, and from where. */
function fetchMetadata(dest: string, mode: string, site: string): Record<string, string> {
  return { 'sec-fetch-dest': dest, 'sec-fetch-mode': mode, 'sec-fetch-site': site };
}

/**
 * The api-v2 routes soundcloud.com's DataDome configuration lists: the `ids=` multi-get, sets, a user's
 * tracks and likes, comments, and the signed-in user's own. `/resolve` and `/media/*` are not among them.
 */
const GUARDED = [
  /^\/tracks\/?$/,
  /^\/playlists(\/|$)/,
  /^\/users\/[^/]+\/(tracks|track_likes|likes)/,
  /^\/tracks\/[^/]+\/comments/,
  /^\/me(\/|$)/,
];

export function isGuarded(url: URL): boolean {
  return url.hostname === 'api-v2.soundcloud.com' && GUARDED.some((pattern) => pattern.test(url.pathname));
}

/** The cookies of SoundCloud's hosts, by their real URLs (never the loopback URL a simulator is reached by). */
export interface CookieStore {
  /** The Cookie header to send to `url`, or null when the fetch in use adds its own. */
  header(url: string): Promise<string | null>;
  /** Keeps the cookies an answer from `url` set. */
  keep(url: string, setCookies: readonly string[]): Promise<void>;
  /** Whether a cookie called `name` would be sent to `url`. */
  has(name: string, url: string): Promise<boolean>;
  /** Drops the cookies called `name` that would be sent to `url`. */
  forget(name: string, url: string): Promise<void>;
}

/** A jar in memory (tough-cookie: domains, paths, expiry and the public suffix list as browsers apply them). */
export function createCookieJar(): CookieStore {
  const jar = new CookieJar();
  return {
    async header(url) {
      const cookies = await jar.getCookieString(url);
      return cookies === '' ? null : cookies;
    },
    async keep(url, setCookies) {
      for (const cookie of setCookies) {
        // A cookie for another domain, or a malformed one, is refused as a browser would refuse it.
        await jar.setCookie(cookie, url).catch(() => undefined);
      }
    },
    async has(name, url) {
      return (await jar.getCookies(url)).some((cookie) => cookie.key === name);
    },
    async forget(name, url) {
      const store = jar.store;
      for (const cookie of await jar.getCookies(url)) {
        if (cookie.key === name && cookie.domain !== null && cookie.path !== null) {
          await store.removeCookie(cookie.domain, cookie.path, cookie.key);
        }
      }
    },
  };
}
