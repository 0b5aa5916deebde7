// Reads the expiry of a signed media URL (CloudFront Policy, S3 Expires, or the AAC host's expires).

/** How long an URL with no readable expiry is trusted. */
export const UNKNOWN_EXPIRY_MS = 60_000;

function policyExpiry(policy: string): number | null {
  // CloudFront's URL-safe base64: '-' for '+', '_' for '=', '~' for '/'.
  const base64 = policy.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/');
  try {
    const json: unknown = JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
    const match = /"AWS:EpochTime"\s*:\s*(\d+)/.exec(JSON.stringify(json));
    return match?.[1] === undefined ? null : Number(match[1]);
  } catch {
    return null;
  }
}

/**
 * The local-clock time (epoch ms) after which `url` stops working. `serverDate` is the Date header of
 * the response that handed out the URL: the expiry is shifted by the server's clock skew.
 */
export function expiresAtFromUrl(url: string, now: number, serverDate?: string | null): number {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return now + UNKNOWN_EXPIRY_MS;
  }
  const policy = params.get('Policy');
  const plain = params.get('Expires') ?? params.get('expires');
  let epochSeconds: number | null = policy === null ? null : policyExpiry(policy);
  if (epochSeconds === null && plain !== null && /^\d{9,11}$/.test(plain)) epochSeconds = Number(plain);
  if (epochSeconds === null) return now + UNKNOWN_EXPIRY_MS;
  const serverNow = serverDate ? Date.parse(serverDate) : Number.NaN;
  // Date has one-second resolution: ignore skews smaller than that.
  const skew = Number.isFinite(serverNow) && Math.abs(now - serverNow) > 1000 ? now - serverNow : 0;
  return epochSeconds * 1000 + skew;
}
