// The official API's OAuth token endpoint (secure.soundcloud.com/oauth/token): client credentials and
// single-use refresh tokens, with RFC 6749's error answers.
import type { ServerResponse } from 'node:http';
import {
  json,
  officialErrorBody,
  randomToken,
  type Handler,
  type SimContext,
  type SimRequest,
} from '../context';

/** Tokens issued per simulator, so a future control endpoint can report them without a log scan. */
const issued = new WeakMap<SimContext, number>();

export function tokensIssued(ctx: SimContext): number {
  return issued.get(ctx) ?? 0;
}

/** An RFC 6749 §5.2 error answer. */
function oauthError(
  res: ServerResponse,
  status: 400 | 401,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): void {
  json(res, status, { error, error_description: description }, { 'cache-control': 'no-store', ...headers });
}

interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** Sent in an Authorization header: a refusal then carries WWW-Authenticate (RFC 6749 §5.2). */
  viaHeader: boolean;
}

/** `Basic base64(id:secret)`, each part form-urlencoded first (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): ClientCredentials | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    const part = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
    return {
      clientId: part(decoded.slice(0, colon)),
      clientSecret: part(decoded.slice(colon + 1)),
      viaHeader: true,
    };
  } catch {
    return null;
  }
}

function clientCredentials(req: SimRequest, form: URLSearchParams): ClientCredentials | null {
  const basic = basicCredentials(req.headers.authorization);
  if (basic !== null) return basic;
  const clientId = form.get('client_id');
  const clientSecret = form.get('client_secret');
  return clientId === null || clientSecret === null ? null : { clientId, clientSecret, viaHeader: false };
}

/** Forgets expired access tokens, so a long-running simulator does not grow without bound. */
function pruneTokens(ctx: SimContext): void {
  const now = ctx.now();
  for (const [token, expiry] of ctx.accessTokens) if (expiry <= now) ctx.accessTokens.delete(token);
}

function issueTokens(res: ServerResponse, ctx: SimContext): void {
  pruneTokens(ctx);
  const ttl = ctx.settings.tokenTtlSeconds;
  const accessToken = randomToken(32);
  const refreshToken = randomToken(32);
  ctx.accessTokens.set(accessToken, ctx.now() + ttl * 1000);
  ctx.refreshTokens.add(refreshToken);
  issued.set(ctx, tokensIssued(ctx) + 1);
  json(
    res,
    200,
    {
      access_token: accessToken,
      expires_in: ttl,
      refresh_token: refreshToken,
      token_type: 'bearer',
      scope: '',
    },
    { 'cache-control': 'no-store', pragma: 'no-cache' },
  );
}

/** Checks the grant itself; answers the refusal and returns false when it does not hold. */
function grantHolds(res: ServerResponse, ctx: SimContext, form: URLSearchParams): boolean {
  const grantType = form.get('grant_type');
  if (grantType === 'client_credentials') return true;
  if (grantType !== 'refresh_token') {
    oauthError(res, 400, 'unsupported_grant_type', `The authorization grant type is not supported.`);
    return false;
  }
  const refreshToken = form.get('refresh_token');
  if (refreshToken === null || refreshToken === '') {
    oauthError(res, 400, 'invalid_request', 'The request is missing the refresh_token parameter.');
    return false;
  }
  // Single use: deleting it now makes a second attempt with the same token fail.
  if (!ctx.refreshTokens.delete(refreshToken)) {
    oauthError(res, 400, 'invalid_grant', 'The provided refresh token is invalid, expired or revoked.');
    return false;
  }
  return true;
}

const oauthToken: Handler = async (req, res, ctx) => {
  if (req.path !== '/oauth/token') {
    json(res, 404, officialErrorBody(404, 'Not Found'));
    return;
  }
  if (req.method !== 'POST') {
    json(res, 405, officialErrorBody(405, 'Method Not Allowed'), { allow: 'POST' });
    return;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    oauthError(res, 400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded.');
    return;
  }
  const form = new URLSearchParams(await req.body());
  if (!form.get('grant_type')) {
    oauthError(res, 400, 'invalid_request', 'The request is missing the grant_type parameter.');
    return;
  }
  const client = clientCredentials(req, form);
  const app = ctx.officialApp;
  if (client?.clientId !== app.clientId || client.clientSecret !== app.clientSecret) {
    const challenge: Record<string, string> = client?.viaHeader
      ? { 'www-authenticate': 'Basic realm="SoundCloud"' }
      : {};
    oauthError(res, 401, 'invalid_client', 'Client authentication failed.', challenge);
    return;
  }
  if (grantHolds(res, ctx, form)) issueTokens(res, ctx);
};

export const routes: Record<string, Handler> = { 'secure.soundcloud.com': oauthToken };
