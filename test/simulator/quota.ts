// Stream-request quotas over a sliding window, and their 429s: api-v2's (about 600 stream URLs per 10
// minutes, answered in the several shapes on record) and the official API's (15,000 a day, with reset_time).
import type { ServerResponse } from 'node:http';
import { officialErrorBody, text, type SimContext } from './context';
import type { Quota } from './settings';

/**
 * Takes a slot in the window for a request arriving at `nowMs`: null when granted, else the milliseconds
 * until a slot frees. `times` holds the granted requests still in the window, oldest first; refused
 * requests do not count, so a client that waits as told gets through.
 */
export function takeSlot(times: number[], quota: Quota | null, nowMs: number): number | null {
  if (quota === null) return null;
  const windowMs = quota.windowSeconds * 1000;
  while ((times[0] ?? Infinity) <= nowMs - windowMs) times.shift();
  if (times.length < quota.limit) {
    times.push(nowMs);
    return null;
  }
  // With a limit lowered since, more than `limit` may be inside: the slot frees when enough have left.
  const freeing = times[times.length - quota.limit] ?? nowMs;
  return Math.max(1, freeing + windowMs - nowMs);
}

/**
 * api-v2's 429, in one of the shapes on record, drawn from the seed: JSON with `Retry-After` (the seconds
 * until the window frees a slot), JSON without it, or the plain text "Please slow down.".
 */
export function sendV2RateLimit(res: ServerResponse, ctx: SimContext, waitMs: number): void {
  const draw = ctx.random();
  if (draw < 0.2) {
    text(res, 429, 'text/plain; charset=utf-8', 'Please slow down.');
    return;
  }
  const body = JSON.stringify({ error: 'Rate Limit Exceeded' });
  const retryAfter: Record<string, string> =
    draw < 0.6 ? { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) } : {};
  text(res, 429, 'application/json; charset=utf-8', body, {
    'cache-control': 'private, max-age=0',
    ...retryAfter,
  });
}

/** `PT24H`, `PT10M`, `PT2S`: the window as the official API names it. */
function isoDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `PT${seconds / 3600}H`;
  if (seconds % 60 === 0) return `PT${seconds / 60}M`;
  return `PT${seconds}S`;
}

/** The official API's date form: `2026/12/01 16:35:12 +0000`. */
function officialDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, ' +0000')
    .replace('T', ' ')
    .replace(/-/g, '/');
}

/**
 * The official API's 429: its usual error body plus when the window frees a slot (`reset_time`), what is
 * left (0) and the window; no `Retry-After`, so a client must read the body.
 */
export function sendOfficialRateLimit(
  res: ServerResponse,
  ctx: SimContext,
  quota: Quota,
  waitMs: number,
): void {
  const resetTime = officialDate(ctx.now() + waitMs);
  const timeWindow = isoDuration(quota.windowSeconds);
  const rateLimit = {
    bucket: 'by-client',
    max_nr_of_requests: quota.limit,
    time_window: timeWindow,
    group: 'plays',
  };
  const body = {
    ...officialErrorBody(429, 'Too Many Requests', 'rate_limit_exceeded'),
    errors: [
      {
        error_message: 'rate_limit_exceeded',
        meta: { rate_limit: rateLimit, remaining_requests: 0, reset_time: resetTime },
      },
    ],
    reset_time: resetTime,
    remaining_requests: 0,
    time_window: timeWindow,
  };
  text(res, 429, 'application/json; charset=utf-8', JSON.stringify(body), {
    'cache-control': 'private, max-age=0',
  });
}
