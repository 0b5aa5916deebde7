// What every route of the simulator shares: options, catalogue, signer, credentials and helpers.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Catalogue } from './catalogue';
import type { MediaStore } from './media/store';
import type { SimSettings } from './settings';
import type { Signer } from './signing';

export type { SimSettings } from './settings';

export interface SimRequest {
  method: string;
  /** The SoundCloud host this request is for (first path segment), e.g. `api-v2.soundcloud.com`. */
  host: string;
  /** The path on that host, starting with '/'. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: IncomingMessage;
  body(): Promise<string>;
}

export type Handler = (req: SimRequest, res: ServerResponse, ctx: SimContext) => void | Promise<void>;

/** The official API's registered app. */
export interface OfficialApp {
  clientId: string;
  clientSecret: string;
}

export interface SimContext {
  settings: SimSettings;
  catalogue: Catalogue;
  signer: Signer;
  /** The api-v2 client_id the web app currently embeds; rotated by the control API. */
  clientId: string;
  officialApp: OfficialApp;
  /** Live official-API tokens: access token → expiry (epoch ms); refresh tokens are single-use. */
  accessTokens: Map<string, number>;
  refreshTokens: Set<string>;
  now(): number;
  /** Media bytes by file name, made on first use and cached. */
  media: MediaStore;
  /** `datadome` cookie values that soundcloud.com pages issued: the only ones the bot check accepts. */
  pageCookies: Set<string>;
  /** Arrival times (epoch ms) of the stream requests inside each quota's window, oldest first. */
  streamTimes: { v2: number[]; official: number[] };
  /** api-v2 requests so far, for `rotateClientIdEvery`. */
  v2Requests: number;
  /** Seeded draws (e.g. which shape a 429 takes), so a seed replays the same answers. */
  random(): number;
}

export function randomToken(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
}

/** Seconds a signed URL lives for this track under the current settings. */
export function mediaTtlSeconds(ctx: SimContext, durationMs: number): number {
  return ctx.settings.ttlSeconds ?? Math.ceil(durationMs / 1000) + 120;
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'private, max-age=0',
    'access-control-allow-origin': '*',
    vary: 'Origin',
    ...headers,
  });
  res.end(payload);
}

export function text(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** api-v2 and the seed chain's error body. */
export function errorsBody(status: number, reason: string): { errors: { error_message: string }[] } {
  return { errors: [{ error_message: `${status} - ${reason}` }] };
}

/** The official API's error body. */
export function officialErrorBody(status: number, reason: string, message = ''): Record<string, unknown> {
  return {
    code: status,
    message,
    link: 'https://developers.soundcloud.com/docs/api/explorer/open-api',
    status: `${status} - ${reason}`,
    errors: [],
    error: null,
  };
}
