// Legacy S3-style signed media URLs: `Expires=<epoch s>&Signature=<hmac>&AWSAccessKeyId=…`.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const ACCESS_KEY_ID = 'AKIAJNIGGLK7XA7YZSNQ';

export interface Signer {
  /** Query string that signs `path` until `expires` (epoch seconds). */
  sign(path: string, expires: number): string;
  /** 'ok', or why the URL is refused. */
  check(path: string, query: URLSearchParams, nowMs: number): 'ok' | 'expired' | 'bad-signature';
}

export function createSigner(secret: Buffer = randomBytes(32)): Signer {
  const mac = (path: string, expires: string): Buffer =>
    createHmac('sha256', secret).update(`${path}\n${expires}`).digest();

  return {
    sign(path, expires) {
      const signature = mac(path, String(expires)).toString('base64url');
      return `AWSAccessKeyId=${ACCESS_KEY_ID}&Expires=${expires}&Signature=${signature}`;
    },
    check(path, query, nowMs) {
      const expires = query.get('Expires') ?? '';
      const given = Buffer.from(query.get('Signature') ?? '', 'base64url');
      const expected = mac(path, expires);
      if (!/^\d+$/.test(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return 'bad-signature';
      }
      return nowMs >= Number(expires) * 1000 ? 'expired' : 'ok';
    },
  };
}
