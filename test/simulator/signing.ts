// Signed media URLs as SoundCloud's CDNs issue them: CloudFront `Policy`/`Signature`/`Key-Pair-Id` (with
// `expires=` in front on the AAC host), and the legacy S3 `Expires`/`Signature` form of the seed's chain.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const KEY_PAIR_ID = 'APKAI6TU7MMXM5DG6EPQ';
export const ACCESS_KEY_ID = 'AKIAJNIGGLK7XA7YZSNQ';

export type Verdict = 'ok' | 'expired' | 'bad-signature';

/** CloudFront's URL-safe base64: '+' → '-', '=' → '_', '/' → '~'. */
export function cloudfrontBase64(data: Buffer | string): string {
  return Buffer.from(data).toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
}

export function fromCloudfrontBase64(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
}

/** `*` in a CloudFront resource matches any run of characters. */
function resourceMatches(resource: string, url: string): boolean {
  const pattern = resource
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(url);
}

export interface Signer {
  /** Query string granting `resource` (a `*://host/path*` pattern) until `expires` (epoch s). */
  policyQuery(resource: string, expires: number, options?: { expiresParam?: boolean }): string;
  /** Checks a Policy-signed request for `https://host/path`. */
  checkPolicy(host: string, path: string, query: URLSearchParams, nowMs: number): Verdict;
  /** Query string of the legacy form, signing `path` until `expires` (epoch s). */
  legacyQuery(path: string, expires: number): string;
  checkLegacy(path: string, query: URLSearchParams, nowMs: number): Verdict;
  /** Makes every URL issued until now expired. */
  expireAll(): void;
}

export function createSigner(secret: Buffer = randomBytes(32)): Signer {
  // "Expire everything now" starts a new signing epoch: URLs signed in an earlier epoch still verify
  // as genuine, but count as expired, and a URL re-issued for the same second differs from the old one.
  let epoch = 0;
  const mac = (text: string, at: number = epoch): Buffer =>
    createHmac('sha256', secret).update(`${at}\n${text}`).digest();

  /** 'ok' if signed in the current epoch, 'expired' if in an earlier one, else 'bad-signature'. */
  const verify = (given: Buffer, text: string): Verdict => {
    for (let at = epoch; at >= 0; at--) {
      const expected = mac(text, at);
      if (given.length === expected.length && timingSafeEqual(given, expected)) {
        return at === epoch ? 'ok' : 'expired';
      }
    }
    return 'bad-signature';
  };

  return {
    policyQuery(resource, expires, options = {}) {
      const policyJson = JSON.stringify({
        Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': expires } } }],
      });
      const policy = cloudfrontBase64(policyJson);
      const signed = `Policy=${policy}&Signature=${cloudfrontBase64(mac(policy))}&Key-Pair-Id=${KEY_PAIR_ID}`;
      return options.expiresParam ? `expires=${expires}&${signed}` : signed;
    },

    checkPolicy(host, path, query, nowMs) {
      const policy = query.get('Policy');
      const signature = query.get('Signature');
      if (policy === null || signature === null || query.get('Key-Pair-Id') !== KEY_PAIR_ID)
        return 'bad-signature';
      const genuine = verify(fromCloudfrontBase64(signature), policy);
      if (genuine === 'bad-signature') return genuine;
      let statement: { Resource?: unknown; Condition?: { DateLessThan?: { 'AWS:EpochTime'?: unknown } } };
      try {
        const parsed = JSON.parse(fromCloudfrontBase64(policy).toString('utf8')) as { Statement?: unknown[] };
        statement = (parsed.Statement?.[0] ?? {}) as typeof statement;
      } catch {
        return 'bad-signature';
      }
      const expires = statement.Condition?.DateLessThan?.['AWS:EpochTime'];
      if (typeof statement.Resource !== 'string' || typeof expires !== 'number') return 'bad-signature';
      if (!resourceMatches(statement.Resource, `https://${host}${path}`)) return 'bad-signature';
      // The AAC host repeats the expiry in `expires=`: it must agree with the signed policy.
      const plain = query.get('expires');
      if (plain !== null && Number(plain) !== expires) return 'bad-signature';
      return nowMs >= expires * 1000 ? 'expired' : genuine;
    },

    legacyQuery(path, expires) {
      const signature = mac(`${path}\n${expires}`).toString('base64url');
      return `AWSAccessKeyId=${ACCESS_KEY_ID}&Expires=${expires}&Signature=${signature}`;
    },

    checkLegacy(path, query, nowMs) {
      const expires = query.get('Expires') ?? '';
      if (!/^\d+$/.test(expires)) return 'bad-signature';
      const genuine = verify(Buffer.from(query.get('Signature') ?? '', 'base64url'), `${path}\n${expires}`);
      if (genuine === 'bad-signature') return genuine;
      return nowMs >= Number(expires) * 1000 ? 'expired' : genuine;
    },

    expireAll() {
      epoch += 1;
    },
  };
}
