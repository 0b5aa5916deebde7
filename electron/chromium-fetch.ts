// A fetch on Chromium's network stack for the resolver in the app: requests leave with Chromium's TLS, HTTP/2,
// User-Agent and the session's cookies, like the web player's, redirects come back unfollowed for the
// resolver to check hop by hop, and a body is read as it arrives and stops the request when given up on.
import type { Readable } from 'node:stream';
import type { ClientRequest, ClientRequestConstructorOptions, Cookies, IncomingMessage } from 'electron';
import type { CookieStore } from './soundcloud/browser';

/** Opens a request on the app's session (`net.request` with `session`); a test passes a fake. */
export type OpenRequest = (options: ClientRequestConstructorOptions) => ClientRequest;

export interface ChromiumFetchOptions {
  /**
   * Let the session send and keep cookies (the real service). Off when SoundCloud is reached through the
   * loopback simulator: Chromium would file its cookies under 127.0.0.1 and refuse `Domain=.soundcloud.com`,
   * so the resolver's own jar, keyed by SoundCloud's real hosts, keeps them instead.
   */
  sessionCookies: boolean;
}

const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * Electron's User-Agent names the app and Electron after Chrome's own tokens. SoundCloud's bot check knows
 * Chrome's; the extra tokens only single Cloudcue out, so the app goes as the Chromium it is.
 */
export function chromeUserAgent(electronUserAgent: string): string {
  return electronUserAgent.replace(/ (cloudcue|Electron)\/\S+/gi, '');
}

function headersOf(raw: Record<string, string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    // Each Set-Cookie stays a header of its own (getSetCookie), as Node's fetch gives them.
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * The body of `message` as a web stream that pulls as it is read (Chromium's loader is paused while nobody
 * reads), and that aborts the request when it is cancelled (a caller past its size cap) or when `signal`
 * aborts (a caller past its deadline): a body given up on must not keep streaming into main.
 */
function bodyOf(
  message: Readable,
  request: ClientRequest,
  signal: AbortSignal | null | undefined,
): ReadableStream<Uint8Array> {
  let ended = false;
  let stop = (): void => undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        /** Ends the stream once, however many of Electron's events report the end. */
        const end = (outcome: () => void): void => {
          if (ended) return;
          ended = true;
          signal?.removeEventListener('abort', onAbort);
          outcome();
        };
        const onAbort = (): void =>
          end(() => {
            request.abort();
            controller.error(signal?.reason);
          });
        stop = () => end(() => request.abort());
        message.on('data', (chunk: Buffer) => {
          if (ended) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) message.pause();
        });
        message.once('end', () => end(() => controller.close()));
        message.once('error', (error) =>
          end(() => controller.error(new TypeError('fetch failed', { cause: error }))),
        );
        // Electron's answer to an aborted request ends neither with 'end' nor 'error', but with 'aborted'.
        message.once('aborted', () => end(() => controller.error(new TypeError('fetch failed'))));
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      },
      pull() {
        message.resume();
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

function urlOf(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

export function createChromiumFetch(open: OpenRequest, options: ChromiumFetchOptions): typeof fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const method = init?.method ?? 'GET';
      const request = open({
        method,
        url: urlOf(input),
        // Chromium's `manual` cancels the request unless told to follow: the 'redirect' handler below
        // answers with the 3xx instead (net.fetch cannot, it rejects with "Redirect was cancelled").
        redirect: 'manual',
        credentials: options.sessionCookies ? 'include' : 'omit',
      });
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        init?.signal?.removeEventListener('abort', onAbort);
        outcome();
      };
      const onAbort = (): void => {
        request.abort();
        settle(() => reject(init?.signal?.reason as Error));
      };
      if (init?.signal?.aborted) {
        onAbort();
        return;
      }
      init?.signal?.addEventListener('abort', onAbort, { once: true });
      for (const [name, value] of new Headers(init?.headers)) request.setHeader(name, value);

      request.on('redirect', (status, _method, redirectUrl, responseHeaders) => {
        const headers = headersOf(responseHeaders);
        // The raw Location, which the resolver reads against the real URL (not the loopback one dialled).
        if (!headers.has('location')) headers.set('location', redirectUrl);
        settle(() => resolve(new Response(null, { status, headers })));
        request.abort();
      });
      request.on('response', (message: IncomingMessage) => {
        const empty = NULL_BODY.has(message.statusCode) || method === 'HEAD';
        // Electron's IncomingMessage is a Node Readable (its typings list only the events).
        const stream = message as unknown as Readable;
        if (empty) stream.resume();
        const body = empty ? null : bodyOf(stream, request, init?.signal);
        const response = new Response(body, {
          status: message.statusCode,
          statusText: message.statusMessage,
          headers: headersOf(message.headers),
        });
        settle(() => resolve(response));
      });
      request.on('error', (error) => settle(() => reject(new TypeError('fetch failed', { cause: error }))));
      if (typeof init?.body === 'string') request.write(init.body);
      request.end();
    });
}

/**
 * The session's own cookies as the resolver sees them: Chromium sends and keeps them itself, and the
 * resolver only asks whether the bot check's cookie is there, or drops a flagged one.
 */
export function sessionCookieStore(cookies: Pick<Cookies, 'get' | 'remove'>): CookieStore {
  return {
    header: () => Promise.resolve(null),
    keep: () => Promise.resolve(),
    has: async (name, url) => (await cookies.get({ url, name })).length > 0,
    forget: (name, url) => cookies.remove(url, name),
  };
}
