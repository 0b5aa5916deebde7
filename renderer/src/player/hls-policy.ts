// How hls.js may retry a failed request (never one the server refused, which only a fresh grant mends), and
// which of its errors the engine is told of.
import type { LoadPolicy } from 'hls.js';
import type { MediaRequestFailure } from './sound';

/**
 * What a signed media URL answers once it has expired or was revoked. hls.js would try the same URL up to
 * six times over about 30 s; giving up at once makes the error fatal, and the engine asks main for a
 * fresh grant while the element still plays what it has buffered.
 */
const REFUSED = new Set([401, 403, 410]);

/** `policy` with its error retries kept for everything but a refusal (timeouts are left as they are). */
export function withoutRetryOnRefusal(policy: LoadPolicy): LoadPolicy {
  const errorRetry = policy.default.errorRetry;
  if (errorRetry === null) return policy;
  const inner = errorRetry.shouldRetry;
  return {
    default: {
      ...policy.default,
      errorRetry: {
        ...errorRetry,
        shouldRetry: (config, count, isTimeout, response, retry) => {
          if (response?.code !== undefined && REFUSED.has(response.code)) return false;
          return inner === undefined ? retry : inner(config, count, isTimeout, response, retry);
        },
      },
    },
  };
}

/** What the engine reads of an hls.js error event. */
export interface HlsErrorSeen {
  fatal: boolean;
  details: string;
  response?: { code?: number } | undefined;
}

/**
 * What to tell the engine of an hls.js error, or null when hls.js handles it itself. A fatal one is reported
 * with its status (what to say if fresh grants fail too). So is a refusal that hls.js took as passing: with a
 * single rendition it has no alternate to switch to, and it then loads a refused fragment again up to six
 * times over about 30 s, whatever the retry policy says, while the listener hears nothing.
 */
export function reportedError(data: HlsErrorSeen): MediaRequestFailure | string | null {
  const status = data.response?.code;
  const refused = typeof status === 'number' && REFUSED.has(status);
  if (!data.fatal && !refused) return null;
  return typeof status === 'number' ? { httpStatus: status } : data.details;
}
