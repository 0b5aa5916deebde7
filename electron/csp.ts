// The page's Content-Security-Policy: read from renderer/index.html's meta tag (the one policy, strict, with no
// loopback source), and widened by exactly one loopback origin where the page must reach a local stand-in.

const META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;

/** The directives through which the page reaches SoundCloud's artwork, audio and HLS playlists. */
const MEDIA_DIRECTIVES: readonly string[] = ['img-src', 'media-src', 'connect-src'];

/** Only a loopback origin (scheme, host, port and nothing else) may ever be added to the policy. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The policy the page's meta tag declares, or null when it declares none. */
export function pagePolicy(html: string): string | null {
  return META.exec(html)?.[2] ?? null;
}

/**
 * Why a page's policy is not fit to ship, or null when it is: a policy must be declared, and may name no
 * plain-http, websocket, wildcard or loopback source (loopback belongs to the development and test stand-ins).
 */
export function shippingPolicyProblem(html: string): string | null {
  const policy = pagePolicy(html);
  if (policy === null) return 'The page declares no Content-Security-Policy.';
  const loose = policy
    .split(/[\s;]+/)
    .find((source) =>
      /^([a-z][a-z0-9+.-]*:\/\/)?(127\.0\.0\.1|localhost|\[::1\])([:/]|$)|^(http|ws):|^\*$/i.test(source),
    );
  return loose === undefined ? null : `The page's Content-Security-Policy allows ${loose}: not in a build.`;
}

/** True when `source` is a bare loopback http(s) origin such as `http://127.0.0.1:8123`. */
export function isLoopbackOrigin(source: string): boolean {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    url.origin === source
  );
}

/**
 * The policy with `origin` added to the media directives. Throws for anything but a loopback origin, so no
 * caller can open the page to the network by mistake.
 */
export function withMediaSource(policy: string, origin: string): string {
  if (!isLoopbackOrigin(origin)) throw new Error(`Not a loopback origin: ${JSON.stringify(origin)}`);
  return policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '')
    .map((directive) => {
      const name = directive.split(/\s/, 1)[0]?.toLowerCase() ?? '';
      return MEDIA_DIRECTIVES.includes(name) ? `${directive} ${origin}` : directive;
    })
    .join('; ');
}

/** The page with its meta tag's policy replaced (the header and the tag must agree: both are enforced). */
export function withPagePolicy(html: string, policy: string): string {
  return html.replace(META, (_match, start: string, _old: string, end: string) => `${start}${policy}${end}`);
}
