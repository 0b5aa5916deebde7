// OAuth access tokens for the official API: one cached token shared by every call, refreshed with the
// newest single-use refresh token, fetched again with the app's client credentials when that fails.
import { z } from 'zod';
import { appError } from '../../shared/errors';
import { createInflight } from './cache';
import { fail, SoundCloudError, type Http, type HttpResponse } from './http';

export const TOKEN_URL = 'https://secure.soundcloud.com/oauth/token';

export const MISSING_CREDENTIALS =
  "The official API needs your app's client id and secret: add them in Settings.";
export const REFUSED_CREDENTIALS = 'SoundCloud refused the client id and secret in Settings.';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenStore {
  /** A live access token: the cached one, or one fetched now (concurrent callers share one fetch). */
  token(): Promise<string>;
  /** Forgets `token` after the API refused it (only if it is still the current one). */
  invalidate(token: string): void;
}

export interface TokenStoreOptions {
  http: Http;
  /** Read on every call, so new credentials in Settings take effect at once. */
  credentials: () => ClientCredentials | null;
  now?: () => number;
}

/** An answer without expires_in is trusted for SoundCloud's usual hour. */
const DEFAULT_TTL_SECONDS = 3599;
/** Tokens are renewed this early (at most), so a call never starts with a token about to die. */
const MAX_EARLY_MS = 60_000;
/** After SoundCloud refuses the credentials, the same ones are not tried again for this long. */
const REFUSAL_COOLDOWN_MS = 60_000;
/** Client-credential requests are safe to repeat; a refresh is not (its token is single-use). */
const GRANT_RETRIES = 2;

const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive().nullable().optional(),
  refresh_token: z.string().min(1).nullable().optional(),
});

const oauthErrorSchema = z.object({ error: z.string() });

interface CachedToken {
  accessToken: string;
  /** Single-use: cleared the moment it is sent, so it is never sent twice. */
  refreshToken: string | null;
  /** Local time after which the token is renewed before use. */
  renewAt: number;
  /** Which credentials it was issued to: a change in Settings makes it worthless. */
  fingerprint: string;
}

type Grant = { type: 'client_credentials' } | { type: 'refresh_token'; refreshToken: string };

function fingerprintOf(credentials: ClientCredentials): string {
  return `${credentials.clientId}\n${credentials.clientSecret}`;
}

/** `Basic base64(id:secret)`, each part form-encoded first as RFC 6749 §2.3.1 asks. */
function basicAuthorization(credentials: ClientCredentials): string {
  const encode = (part: string): string => encodeURIComponent(part).replace(/%20/g, '+');
  const pair = `${encode(credentials.clientId)}:${encode(credentials.clientSecret)}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

function grantBody(grant: Grant, credentials: ClientCredentials): string {
  if (grant.type === 'client_credentials') return 'grant_type=client_credentials';
  return new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: grant.refreshToken,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  }).toString();
}

/** The OAuth error code of a refusal (`invalid_client`, `invalid_grant`, …), or null. */
function oauthErrorOf(response: HttpResponse): string | null {
  try {
    const parsed = oauthErrorSchema.safeParse(JSON.parse(response.text));
    return parsed.success ? parsed.data.error : null;
  } catch {
    return null;
  }
}

/** Thrown for an answer that could not be read, so the caller may ask once more. */
class UnreadableToken extends SoundCloudError {}

/** Thrown when SoundCloud refuses the app's credentials: final, whatever grant was tried. */
class RefusedCredentials extends SoundCloudError {}

type TokenAnswer = z.infer<typeof tokenSchema>;

function parseToken(response: HttpResponse): TokenAnswer {
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    throw new UnreadableToken(appError('SERVER', 'SoundCloud sent a token Cloudcue cannot read.'));
  }
  const parsed = tokenSchema.safeParse(body);
  if (!parsed.success) fail('SERVER', 'SoundCloud sent a token Cloudcue cannot read.');
  return parsed.data;
}

/** Turns a refusal of the token endpoint into the error the user sees. */
function refusal(response: HttpResponse): never {
  const error = oauthErrorOf(response);
  if (response.status === 401 || error === 'invalid_client' || error === 'unauthorized_client') {
    throw new RefusedCredentials(appError('UNAUTHORIZED', REFUSED_CREDENTIALS), response.status);
  }
  const detail = error === null ? `answered ${response.status}` : `said ${error}`;
  fail('SERVER', `SoundCloud would not issue an API token (it ${detail}).`, response.status);
}

export function createTokenStore(options: TokenStoreOptions): TokenStore {
  const { http, credentials } = options;
  const now = options.now ?? Date.now;
  const inflight = createInflight<string, string>();
  let cached: CachedToken | null = null;
  let refused: { fingerprint: string; until: number } | null = null;

  function post(grant: Grant, creds: ClientCredentials): Promise<HttpResponse> {
    return http.request(TOKEN_URL, {
      method: 'POST',
      headers: {
        authorization: basicAuthorization(creds),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: grantBody(grant, creds),
      followRedirects: false,
      retries: grant.type === 'client_credentials' ? GRANT_RETRIES : 0,
    });
  }

  /** A new token from the client credentials; an answer cut short on the way is asked for once more. */
  async function clientGrant(creds: ClientCredentials): Promise<TokenAnswer> {
    for (let attempt = 0; ; attempt++) {
      const response = await post({ type: 'client_credentials' }, creds);
      if (response.status < 200 || response.status >= 300) refusal(response);
      try {
        return parseToken(response);
      } catch (error) {
        if (!(error instanceof UnreadableToken) || attempt > 0) throw error;
      }
    }
  }

  /**
   * A token from the refresh grant, or null when it cannot be had that way (the refresh token was
   * refused or spent, or the answer was lost): the caller then falls back to the client credentials.
   */
  async function refreshGrant(refreshToken: string, creds: ClientCredentials): Promise<TokenAnswer | null> {
    try {
      const response = await post({ type: 'refresh_token', refreshToken }, creds);
      if (response.status >= 200 && response.status < 300) return parseToken(response);
      if (oauthErrorOf(response) === 'invalid_grant') return null;
      return refusal(response);
    } catch (error) {
      if (error instanceof RefusedCredentials) throw error;
      return null;
    }
  }

  function remember(token: TokenAnswer, issuedAt: number, fingerprint: string): string {
    const ttlMs = (token.expires_in ?? DEFAULT_TTL_SECONDS) * 1000;
    cached = {
      accessToken: token.access_token,
      refreshToken: token.refresh_token ?? null,
      renewAt: issuedAt + ttlMs - Math.min(MAX_EARLY_MS, ttlMs / 10),
      fingerprint,
    };
    return token.access_token;
  }

  async function fetchToken(creds: ClientCredentials, fingerprint: string): Promise<string> {
    const issuedAt = now();
    const refreshToken = cached?.fingerprint === fingerprint ? cached.refreshToken : null;
    // Spent from now on, whatever the answer: a single-use token is never sent twice.
    if (cached !== null) cached.refreshToken = null;
    try {
      const refreshed = refreshToken === null ? null : await refreshGrant(refreshToken, creds);
      return remember(refreshed ?? (await clientGrant(creds)), issuedAt, fingerprint);
    } catch (error) {
      if (error instanceof RefusedCredentials) refused = { fingerprint, until: now() + REFUSAL_COOLDOWN_MS };
      throw error;
    }
  }

  async function token(): Promise<string> {
    const creds = credentials();
    if (creds === null || creds.clientId === '' || creds.clientSecret === '') {
      fail('UNAUTHORIZED', MISSING_CREDENTIALS);
    }
    const fingerprint = fingerprintOf(creds);
    if (refused?.fingerprint === fingerprint && now() < refused.until)
      fail('UNAUTHORIZED', REFUSED_CREDENTIALS);
    if (cached?.fingerprint === fingerprint && now() < cached.renewAt) return cached.accessToken;
    return inflight(fingerprint, () => fetchToken(creds, fingerprint));
  }

  function invalidate(token: string): void {
    // Only the current token: a late 401 for an older one must not throw away a fresh token.
    if (cached?.accessToken === token) cached.renewAt = Number.NEGATIVE_INFINITY;
  }

  return { token, invalidate };
}
