// Expands on.soundcloud.com short links to the track, set, profile or list page they redirect to.
import { parseLink, type FoundLink } from '../../shared/links';
import { fail, statusError, type Http } from './http';

const NOT_A_TRACK = 'This short link does not lead to a SoundCloud track.';
const UNKNOWN = 'This short link does not exist or has expired.';

/**
 * Reads where a short link points, without following it: the target is only parsed, never fetched
 * here, so the tracking query it carries is dropped and nothing but a permalink comes back. The start
 * offset of the short link (`#t=`) wins over one in the target, since it is what the user pasted.
 */
export async function expandShortLink(http: Http, shortUrl: string): Promise<FoundLink> {
  const short = parseLink(shortUrl);
  if (short === null || short.kind !== 'short' || short.link === null) {
    fail('INVALID_LINK', 'This is not a SoundCloud short link.');
  }
  // on.soundcloud.com, like soundcloud.com, turns away clients that do not look like a browser: the HTTP
  // client goes as one (Chromium itself in the app, Chrome's headers from Node).
  const response = await http.request(short.link, { followRedirects: false });
  if (response.status === 404 || response.status === 410) fail('NOT_FOUND', UNKNOWN, response.status);
  if (response.status >= 400) statusError(response.status);
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || location === null) {
    fail('NOT_FOUND', NOT_A_TRACK, response.status);
  }
  let absolute: string;
  try {
    absolute = new URL(location, short.link).href;
  } catch {
    fail('NOT_FOUND', NOT_A_TRACK, response.status);
  }
  const target = parseLink(absolute);
  // Only a page on soundcloud.com itself (a track, set, profile or list): not another short link, not an
  // API or embed address (SoundCloud's short links never lead there), not another site, not a page that
  // has nothing to play.
  const onSite = target?.link?.startsWith('https://soundcloud.com/') === true;
  if (target === null || target.link === null || target.kind === null || target.kind === 'short' || !onSite) {
    fail('NOT_FOUND', NOT_A_TRACK, response.status);
  }
  const startSeconds = target.kind === 'track' ? short.startSeconds || target.startSeconds : 0;
  return { raw: short.raw, link: target.link, kind: target.kind, startSeconds, refusal: null };
}
