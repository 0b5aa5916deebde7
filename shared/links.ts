// Finds SoundCloud links in pasted text and turns each into a canonical track, set, profile or short link.
import {
  API_HOSTS,
  classifyApi,
  classifyEmbed,
  classifyPermalink,
  EMBED_HOSTS,
  PERMALINK_HOSTS,
  REFUSALS,
  refused,
  accepted,
  type FoundLink,
} from './link-forms';
import { embedCodeEnds } from './embed-codes';

export { REFUSALS, type FoundLink } from './link-forms';

const SHORT_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const SHORT_HOST = 'on.soundcloud.com';
// Firebase Dynamic Links, which the old apps shared, closed in August 2025: found, to say so.
const OLD_SHARE_HOST = 'soundcloud.app.goo.gl';

/*
 * A SoundCloud address inside arbitrary text. Groups: 1 scheme, 2 user info, 3 host, 4 the rest
 * (port, path, query, fragment), always starting with one of `:/?#` when present.
 * - Not glued to a preceding word, host, e-mail address or path (a `/` before it means a path on another
 *   site); letters outside ASCII may precede it, since CJK prose has no spaces.
 * - The host is soundcloud.com or a subdomain, and must end there: `soundcloud.com.evil.com`,
 *   `soundcloud.community` and `soundcloud.com@evil.com` (where soundcloud.com is a user name) fail.
 * - The rest stops at whitespace, quotes, brackets, commas, semicolons and anything outside printable
 *   ASCII: permalinks never contain them, and pasted lists and prose use them as separators.
 * Every part is bounded or linear, so a multi-megabyte paste is scanned in one pass.
 */
const LINK_IN_TEXT =
  /(?<![A-Za-z0-9_@./\\+%-])(?:([a-z][a-z0-9+.-]{0,31}):\/\/([A-Za-z0-9\-._~%!$&*+=:]{0,256}@)?)?((?:[a-z0-9-]{1,63}\.){0,8}soundcloud\.com|soundcloud\.app\.goo\.gl)(?![A-Za-z0-9_@-]|\.[A-Za-z0-9])([:/?#][A-Za-z0-9\-._~:/?#@!$&*+=%]*)?/gi;

// More of an embed's query after `&amp;`: its `;` followed by query characters, repeatedly.
const ESCAPED_QUERY = /(?:(?<=&amp);[A-Za-z0-9\-._~:/?#@!$&*+=%]*)*/iy;

function readEscapedQuery(text: string, from: number): string {
  ESCAPED_QUERY.lastIndex = from;
  return ESCAPED_QUERY.exec(text)?.[0] ?? '';
}

// Schemes whose URLs are code or local data: a SoundCloud address after one, in the same run of
// non-space characters, is part of that URL and not a link. (`file:` only before a slash, since
// "file:" is also a word.)
const UNSAFE_SCHEME =
  /(?<![A-Za-z0-9+.-])(?:javascript|vbscript|data|blob|about|view-source|filesystem|file(?=:\/)):/gi;

/** True for the characters `\s` matches, without a regular expression call per character. */
function isWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Drops the sentence punctuation and emphasis that end a link in prose rather than belong to it. A loop,
 * not `/[.!?]+$/`: that pattern is quadratic on long runs of dots that do not reach the end.
 */
function trimTrailing(value: string): string {
  let end = value.length;
  while (end > 0 && '.!?:*~'.includes(value.charAt(end - 1))) end--;
  return value.slice(0, end);
}

/** Parses a start offset such as `90`, `1:30`, `1:02:03`, `90s`, `1m30s` or `1h2m3s`; 0 otherwise. */
export function parseStartOffset(value: string): number {
  const clock = /^(\d{1,6})(?::([0-5]?\d))?(?::([0-5]?\d))?$/.exec(value);
  if (clock !== null) {
    const [, first = '0', second, third] = clock;
    if (third !== undefined) return Number(first) * 3600 + Number(second) * 60 + Number(third);
    if (second !== undefined) return Number(first) * 60 + Number(second);
    return Number(first);
  }
  const units = /^(?:(\d{1,4})h)?(?:(\d{1,6})m)?(?:(\d{1,6})s)?$/i.exec(value);
  if (units !== null && value !== '') {
    const [, h = '0', m = '0', s = '0'] = units;
    return Number(h) * 3600 + Number(m) * 60 + Number(s);
  }
  return 0;
}

/** The `t` parameter of a fragment or query string (`t=1:30`, `t=1%3A30`), if any. */
function timeParam(part: string): number {
  if (part === '') return 0;
  const value = new URLSearchParams(part).get('t');
  return value === null ? 0 : parseStartOffset(value.trim());
}

/**
 * Classifies one match of LINK_IN_TEXT. Returns null when the match is not a SoundCloud link after all
 * (a bare mention of the site in prose, or an address whose real host comes after an `@`).
 */
function classify(
  raw: string,
  scheme: string | undefined,
  userInfo: string | undefined,
  hostText: string,
  rest: string,
): FoundLink | null {
  const host = hostText.toLowerCase();
  const pathStart = rest.search(/[/?#]/);
  const port = pathStart === -1 ? rest : rest.slice(0, pathStart);
  const tail = pathStart === -1 ? '' : rest.slice(pathStart);
  // `soundcloud.com:1@evil.com`: the text before `@` is a user name, and the host is another site.
  if (port.includes('@')) return null;
  // "I found it on soundcloud.com" names the site; only a path or a scheme makes it an address.
  if (scheme === undefined && tail === '') return null;
  const schemeLower = scheme?.toLowerCase();
  if (schemeLower !== undefined && schemeLower !== 'https' && schemeLower !== 'http') {
    return refused(raw, REFUSALS.scheme);
  }
  if (userInfo !== undefined) return refused(raw, REFUSALS.credentials);
  if (port !== '' && port !== ':') {
    if (!/^:\d{1,5}$/.test(port)) return refused(raw, REFUSALS.malformed);
    // The default port of the scheme is the same address written out in full.
    const defaultPort = schemeLower === 'http' ? 80 : 443;
    if (Number(port.slice(1)) !== defaultPort) return refused(raw, REFUSALS.port);
  }
  const hashAt = tail.indexOf('#');
  const beforeHash = hashAt === -1 ? tail : tail.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : tail.slice(hashAt + 1);
  // A permalink never holds `&`: one means the link sat in another site's query string (a redirect
  // wrapper such as `?q=https://soundcloud.com/a/b&sa=D`), whose parameters follow.
  const queryAt = beforeHash.search(/[?&]/);
  const path = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt === -1 ? '' : beforeHash.slice(queryAt + 1);
  // `#t=` is what SoundCloud's share dialog writes; `?t=` is accepted as other sites write it.
  const startSeconds = timeParam(fragment) || timeParam(query);
  const segments = path.split('/').filter((s) => s !== '');

  if (host === OLD_SHARE_HOST) {
    return segments.length === 0 ? refused(raw, REFUSALS.malformed) : refused(raw, REFUSALS.oldShareLink);
  }
  if (host === SHORT_HOST) {
    const [code, ...more] = segments;
    if (code === undefined || more.length > 0 || !SHORT_CODE.test(code)) {
      return refused(raw, REFUSALS.malformed);
    }
    // Short codes are case-sensitive; the tracking query the share button adds is dropped.
    return accepted(raw, `https://${SHORT_HOST}/${code}`, 'short', startSeconds);
  }
  if (API_HOSTS.has(host)) return classifyApi(raw, path, query, startSeconds);
  if (EMBED_HOSTS.has(host)) return classifyEmbed(raw, path, query);
  // developers., help., on-demand CDNs…: SoundCloud addresses, but not pages to play.
  if (!PERMALINK_HOSTS.has(host)) return refused(raw, REFUSALS.nothingToPlay);
  return classifyPermalink(raw, segments, startSeconds);
}

interface Located {
  found: FoundLink;
  start: number;
  end: number;
}

/** Matches a scan takes between two pauses when it runs in slices (findLinksInSlices). */
const SLICE_MATCHES = 250;

/**
 * Every SoundCloud link in the text with its position, in order, added to `results`; the scan pauses (yields)
 * after every SLICE_MATCHES matches, its place kept, so a caller may let other work run in between.
 */
function* scanSteps(text: string, results: Located[]): Generator<void, void, void> {
  // Cheap exit for the common paste without any SoundCloud address.
  if (!/soundcloud\.(?:com|app\.goo\.gl)/i.test(text)) return;
  // Where unsafe schemes start, found in one pass; `nextUnsafe` walks it alongside the matches.
  const unsafe = Array.from(text.matchAll(UNSAFE_SCHEME), (m) => m.index);
  let nextUnsafe = 0;
  let lastUnsafe = -1;
  // Start of the whitespace-delimited chunk holding the current match, advanced incrementally so a
  // paste without whitespace is still scanned in linear time.
  let chunkStart = 0;
  let scanned = 0;
  const embedCodeEnd = embedCodeEnds(text);
  // Links in the attribution that follows a pasted embed code are part of that code.
  let skipUntil = 0;
  const pattern = new RegExp(LINK_IN_TEXT.source, LINK_IN_TEXT.flags);
  let matches = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (++matches % SLICE_MATCHES === 0) yield;
    const start = match.index;
    for (; scanned < start; scanned++) {
      if (isWhitespace(text.charCodeAt(scanned))) chunkStart = scanned + 1;
    }
    for (; nextUnsafe < unsafe.length && (unsafe[nextUnsafe] ?? Infinity) <= start; nextUnsafe++) {
      lastUnsafe = unsafe[nextUnsafe] ?? -1;
    }
    if (lastUnsafe >= chunkStart) continue;
    const [matched, scheme, userInfo, host = '', matchedRest = ''] = match;
    // An embed's URL inside HTML writes its `&` as `&amp;`, whose `;` would otherwise end the link.
    const escaped = EMBED_HOSTS.has(host.toLowerCase()) ? readEscapedQuery(text, pattern.lastIndex) : '';
    pattern.lastIndex += escaped.length;
    const whole = matched + escaped;
    const fullRest = matchedRest + escaped;
    const rest = trimTrailing(fullRest);
    const end = start + whole.length - (fullRest.length - rest.length);
    if (start < skipUntil) continue;
    const found = classify(text.slice(start, end), scheme, userInfo, host, rest);
    if (found === null) continue;
    if (EMBED_HOSTS.has(host.toLowerCase())) skipUntil = embedCodeEnd(start, end);
    // Markdown `[https://soundcloud.com/x](https://soundcloud.com/x)`: the label repeats the link that
    // follows, so only the link counts.
    const previous = results.at(-1);
    if (
      previous !== undefined &&
      text.charAt(previous.start - 1) === '[' &&
      text.startsWith('](', previous.end) &&
      previous.end + 2 === start
    ) {
      results.pop();
    }
    results.push({ found, start, end });
  }
}

/** Every SoundCloud link in the text with its position, in order, in one go. */
function scan(text: string): Located[] {
  const results: Located[] = [];
  const steps = scanSteps(text, results);
  while (steps.next().done !== true);
  return results;
}

/** Finds every SoundCloud link in the text, in order, duplicates kept; refused ones carry a refusal. */
export function findLinks(text: string): FoundLink[] {
  return scan(text).map((located) => located.found);
}

/**
 * findLinks for a large paste in main: the scan gives way to other work (stream grants above all) after every
 * SLICE_MATCHES links, where in one go 5,000 links held the process 40–180 ms and more under load.
 */
export async function findLinksInSlices(text: string): Promise<FoundLink[]> {
  const results: Located[] = [];
  const steps = scanSteps(text, results);
  while (steps.next().done !== true) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  return results.map((located) => located.found);
}

// What may surround a single link: brackets and quotes around it, sentence punctuation after it.
const LEADING_WRAP = /^[<(["'`]*$/;
const TRAILING_WRAP = /^[>)\]"'`.,;:!?*~]*$/;

/**
 * Parses one SoundCloud URL (surrounding whitespace, brackets and quotes allowed). Returns null when the
 * input is not a SoundCloud URL at all, or holds more than one link or other text.
 */
export function parseLink(input: string): FoundLink | null {
  const text = input.trim();
  const located = scan(text);
  const only = located[0];
  if (located.length !== 1 || only === undefined) return null;
  const before = text.slice(0, only.start);
  const after = text.slice(only.end);
  return LEADING_WRAP.test(before) && TRAILING_WRAP.test(after) ? only.found : null;
}
