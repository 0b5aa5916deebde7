// How hls.js may retry a failed request: never one the server refused, which only a fresh grant mends.
import type { LoadPolicy } from 'hls.js';

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
