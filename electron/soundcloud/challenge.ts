// Recognises the bot checks that stand in front of SoundCloud (DataDome, CloudFront and AWS WAF, captcha
// pages), so that they are reported as CHALLENGED instead of being parsed, retried or blamed on the client_id.

/** DataDome's captcha host: named by its JSON answer to XHR-style requests and by its HTML page. */
const CAPTCHA_HOST = /captcha-delivery\.com/i;
/** Words of the human-check pages SoundCloud and its CDNs have served. */
const CHALLENGE_WORDS = /captcha|challenge|verify (that )?you are (a )?human|are you a robot|access denied/i;
/** CloudFront's WAF page: "ERROR: The request could not be satisfied … Request blocked." */
const CLOUDFRONT_BLOCKED = /request blocked/i;
const CLOUDFRONT_PAGE = /cloudfront|the request could not be satisfied/i;

function isHtml(headers: Headers, text: string): boolean {
  const type = (headers.get('content-type') ?? '').toLowerCase();
  return type.includes('text/html') || /^\s*<(!doctype|html)/i.test(text);
}

/** The Set-Cookie headers of an answer, however the fetch in use exposes them. */
export function setCookiesOf(headers: Headers): string[] {
  const all = headers.getSetCookie();
  if (all.length > 0) return all;
  const joined = headers.get('set-cookie');
  return joined === null ? [] : [joined];
}

/** DataDome's JSON answer: `{"url":"https://geo.captcha-delivery.com/captcha/?initialCid=…"}`. */
function isDataDomeJson(text: string): boolean {
  if (!CAPTCHA_HOST.test(text)) return false;
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null || !('url' in body)) return false;
    return typeof body.url === 'string' && CAPTCHA_HOST.test(body.url);
  } catch {
    return false;
  }
}

/**
 * True when an answer is a bot check rather than the API's own answer. A plain 403 from api-v2 (a refused
 * client_id, JSON `{"errors":[…]}`) is not one, and neither is an ordinary 5xx error page.
 */
export function isChallenge(status: number, headers: Headers, text: string): boolean {
  // AWS WAF asks the client to run its JavaScript challenge with an empty 202 (or a 405 for a captcha).
  const waf = (headers.get('x-amzn-waf-action') ?? '').toLowerCase();
  if (waf === 'challenge' || waf === 'captcha') return true;
  if (status === 403) {
    if (headers.has('x-datadome')) return true;
    if (setCookiesOf(headers).some((cookie) => /^\s*datadome=/i.test(cookie))) return true;
    if (isDataDomeJson(text)) return true;
    if (isHtml(headers, text)) {
      if (CAPTCHA_HOST.test(text) || /datadome/i.test(text)) return true;
      if (CLOUDFRONT_BLOCKED.test(text) && CLOUDFRONT_PAGE.test(text)) return true;
    }
  }
  const html = (headers.get('content-type') ?? '').toLowerCase().includes('text/html');
  return html && (status === 403 || status === 429 || status === 503) && CHALLENGE_WORDS.test(text);
}
