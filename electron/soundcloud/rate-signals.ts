// Reads how long SoundCloud asks its clients to wait: Retry-After, the official API's `reset_time`, and the
// x-ratelimit-* headers, each in the forms the service has been seen to use.

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  // An HTTP date names a weekday and month; without letters, Date.parse reads values such as "1.5" or
  // "-5" as dates in some past year, and the wait would silently become 0.
  if (!/[a-z]/i.test(value)) return null;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/** The official API's date form, `2026/12/01 16:35:12 +0000`. */
const OFFICIAL_DATE = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A `reset_time` value as epoch milliseconds: the official API's form or ISO 8601. */
export function parseResetTime(value: string): number | null {
  const trimmed = value.trim();
  const official = OFFICIAL_DATE.exec(trimmed);
  const iso = official
    ? `${official[1]}-${official[2]}-${official[3]}T${official[4]}${official[5]}:${official[6]}`
    : ISO_DATE.test(trimmed)
      ? trimmed
      : null;
  if (iso === null) return null;
  const date = Date.parse(iso);
  return Number.isFinite(date) ? date : null;
}

/** The wait named by a 429's JSON body (`{"reset_time": …}`), or null. */
export function resetTimeMs(text: string, now: number): number | null {
  if (!text.includes('reset_time')) return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null || !('reset_time' in body)) return null;
  const value = body.reset_time;
  const date = typeof value === 'string' ? parseResetTime(value) : null;
  return date === null ? null : Math.max(0, date - now);
}

/**
 * `x-ratelimit-reset` as a wait: epoch seconds (or milliseconds) when large, else seconds from now (both
 * conventions are in use behind CDNs).
 */
export function rateLimitResetMs(headers: Headers, now: number): number | null {
  const raw = headers.get('x-ratelimit-reset')?.trim();
  if (raw === undefined || !/^\d+(\.\d+)?$/.test(raw)) return null;
  const value = Number(raw);
  if (value > 1e12) return Math.max(0, value - now);
  if (value > 1e9) return Math.max(0, value * 1000 - now);
  return value * 1000;
}

/** How long a 429 asks to wait, from whichever signal it carries; null when it names none. */
export function askedWaitMs(headers: Headers, text: string, now: number): number | null {
  return (
    retryAfterMs(headers.get('retry-after'), now) ?? resetTimeMs(text, now) ?? rateLimitResetMs(headers, now)
  );
}

/** A successful answer that spent the last request of its window: the wait until the window resets. */
export function exhaustedForMs(headers: Headers, now: number): number | null {
  if (headers.get('x-ratelimit-remaining')?.trim() !== '0') return null;
  return rateLimitResetMs(headers, now);
}
