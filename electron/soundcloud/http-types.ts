// The HTTP client's shapes: what a request may ask, what comes back, and the client the resolver holds.
import type { ExchangeInit } from './exchange';
import type { Lane } from './limiter';
import type { Pause } from './pauses';

export interface HttpRequestInit extends ExchangeInit {
  /** Follow redirects (each hop checked like the first URL). Default true. */
  followRedirects?: boolean;
  /** Retries after a network error or a 5xx. Default: the client's setting (0 for POST). */
  retries?: number;
  /** The most the decoded body may hold. Default: the cap of its kind of answer (see body.ts). */
  maxBytes?: number;
  /**
   * The URL to send, read when the request gets its slot (a credential may change while it waits); null:
   * not now, the request waits for `ready` and queues again. Same host and path as the URL given.
   */
  urlAtSend?: () => string | null;
  /** Awaited before each turn in the queue, outside any slot (until a credential is known again). */
  ready?: () => Promise<unknown>;
  /**
   * Told each answer's status inside its slot, before a request waiting may take the slot: a credential
   * refused here is dropped before the next request could carry it too.
   */
  onStatus?: (status: number) => void;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The URL finally answered, in its real `https://host/...` form. */
  url: string;
  text: string;
}

export interface JsonResponse {
  status: number;
  body: unknown;
  /** The response's Date header, for clock-skew correction. */
  date: string | null;
  url: string;
}

export interface Http {
  /**
   * One request. Any status comes back as it is, except: a 429 pauses its host and the request waits and
   * tries again, failing RATE_LIMITED only past its bound; network failures and 5xx are retried and, when
   * retries run out, thrown (NETWORK, SERVER); a bot check pauses its route and is thrown as CHALLENGED.
   */
  request(url: string, init?: HttpRequestInit): Promise<HttpResponse>;
  /** A request whose answer must be 2xx JSON; other statuses are thrown as their error codes. */
  getJson(url: string, init?: HttpRequestInit): Promise<JsonResponse>;
  /**
   * Runs `work` with its requests bound to end within `ms` in all (pauses, retries, and each exchange's own
   * deadline), and, in the 'playback' lane, ahead of every metadata request waiting for a slot.
   */
  withinMs<T>(ms: number, work: () => Promise<T>, lane?: Lane): Promise<T>;
  /** The pause to show the user, or null. */
  pause(): Pause | null;
  /** Told when pause() changes; returns the unsubscribe function. */
  onPause(listener: (pause: Pause | null) => void): () => void;
}
