// A hostile stand-in for SoundCloud on loopback, for the hostile-server tests: bodies that trickle or never
// end, answers too large (declared or not), a gzip bomb, redirect chains and loops, and a host that answers
// 429 storms; each request's arrival is logged. Also a fake of Electron's net.request that dials it with Node,
// decompressing as Chromium does, so both of main's fetch paths meet the same server.
import { EventEmitter } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGunzip, createGzip } from 'node:zlib';
import type { ClientRequest, ClientRequestConstructorOptions } from 'electron';
import { createChromiumFetch } from '../../electron/chromium-fetch';

const MIB = 1024 * 1024;

export interface Arrival {
  path: string;
  at: number;
}

export interface HostileServer {
  /** The loopback origin, as CLOUDCUE_SC_ORIGIN would name it. */
  origin: string;
  /** Every request, in the order it arrived, by its real path (without the host segment). */
  arrivals: Arrival[];
  /** How many bodies the server is still writing (a client that gave up closes its socket, ending them). */
  writing(): number;
  /** For `/storm/*`: answer 429 with this Retry-After (seconds) until `ms` after the first storm request. */
  storm(retryAfterSeconds: number, ms: number): void;
  /** Makes api-v2's `/resolve` answer as another of the server's routes (`trickle`, `bomb`, ...). */
  resolveAs(route: string): void;
  close(): Promise<void>;
}

/** The gzip of `size` zero bytes, made a mebibyte at a time so that the bomb never exists inflated here. */
export async function gzipBomb(size: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (part: Buffer) => parts.push(part));
  const ended = new Promise<void>((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(MIB);
  for (let written = 0; written < size; written += MIB) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await ended;
  return Buffer.concat(parts);
}

/** Writes `chunk` every `everyMs` (or as fast as the client reads, for 0) until `limit` bytes or the client leaves. */
function stream(response: ServerResponse, chunk: Buffer, everyMs: number, limit = Infinity): void {
  let sent = 0;
  let stopped = false;
  response.on('close', () => (stopped = true));
  const next = (): void => {
    if (stopped) return;
    if (sent >= limit) {
      response.end();
      return;
    }
    sent += chunk.length;
    const more = response.write(chunk);
    if (everyMs > 0) setTimeout(next, everyMs);
    else if (more) setImmediate(next);
    else response.once('drain', next);
  };
  next();
}

export async function startHostileServer(bomb: Buffer): Promise<HostileServer> {
  const arrivals: Arrival[] = [];
  const open = new Set<ServerResponse>();
  let storm = { retryAfter: 0, ms: 0, began: -1 };
  let resolveRoute = 'ok';

  function answer(request: IncomingMessage, response: ServerResponse): void {
    // The wire path is /<real host>/<real path>; the host segment is dropped from the log.
    const path = (request.url ?? '/').replace(/^\/[^/]+/, '');
    arrivals.push({ path, at: performance.now() });
    open.add(response);
    response.on('close', () => open.delete(response));
    const json = { 'content-type': 'application/json' };
    const [, named = '', rest = ''] = /^\/([^/?]+)\/?([^?]*)/.exec(path) ?? [];
    const route = named === 'resolve' ? resolveRoute : named;
    switch (route) {
      case 'ok':
        response.writeHead(200, json).end(JSON.stringify({ ok: true, path }));
        return;
      case 'trickle':
        // Headers at once, then a byte every 100 ms for ever: only a deadline on the body ends it.
        response.writeHead(200, json);
        stream(response, Buffer.from(' '), 100);
        return;
      case 'endless':
        // As fast as it is read, for ever, without a Content-Length: only a size cap ends it.
        response.writeHead(200, json);
        stream(response, Buffer.alloc(64 * 1024, 0x20), 0);
        return;
      case 'declared-huge':
        // 200 MiB announced: refused from its headers.
        response.writeHead(200, { ...json, 'content-length': String(200 * MIB) });
        stream(response, Buffer.alloc(64 * 1024, 0x20), 0, 200 * MIB);
        return;
      case 'bomb':
        response.writeHead(200, { ...json, 'content-encoding': 'gzip', 'content-length': bomb.length });
        response.end(bomb);
        return;
      case 'chain': {
        // /chain/N redirects to /chain/N-1 ... /chain/0, which answers.
        const hops = Number(rest);
        if (hops === 0) response.writeHead(200, json).end('{"ok":true}');
        else response.writeHead(302, { location: `/chain/${hops - 1}` }).end();
        return;
      }
      case 'loop':
        response.writeHead(302, { location: 'https://api-v2.soundcloud.com/loop' }).end();
        return;
      case 'away':
        response.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();
        return;
      case 'storm': {
        const now = performance.now();
        if (storm.began < 0) storm.began = now;
        if (now - storm.began < storm.ms) {
          response.writeHead(429, { ...json, 'retry-after': String(storm.retryAfter) });
          response.end('{"error":"Rate Limit Exceeded"}');
        } else {
          response.writeHead(200, json).end('{"ok":true}');
        }
        return;
      }
      default:
        response.writeHead(404, json).end('{}');
    }
  }

  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    arrivals,
    writing: () => open.size,
    storm(retryAfter, ms) {
      storm = { retryAfter, ms, began: -1 };
    },
    resolveAs(route) {
      resolveRoute = route;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Electron's ClientRequest as createChromiumFetch uses it, dialled with Node: a 3xx is reported as a
 * 'redirect' event (Chromium's `redirect: 'manual'`), a gzip body arrives inflated (Chromium inflates it), and
 * abort() ends the answer with 'aborted', as Electron's does.
 */
class NodeBackedRequest extends EventEmitter {
  private readonly headers: Record<string, string> = {};
  private outgoing: ReturnType<typeof httpRequest> | null = null;
  private message: (NodeJS.ReadableStream & EventEmitter) | null = null;

  constructor(private readonly options: ClientRequestConstructorOptions) {
    super();
  }

  setHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  write(): void {
    throw new Error('the hostile server takes no request bodies');
  }

  abort(): void {
    this.outgoing?.destroy();
    this.message?.emit('aborted');
  }

  end(): void {
    const outgoing = httpRequest(this.options.url ?? '', {
      method: this.options.method ?? 'GET',
      headers: this.headers,
    });
    this.outgoing = outgoing;
    outgoing.on('error', (error) => this.emit('error', error));
    outgoing.on('response', (incoming) => {
      const status = incoming.statusCode ?? 0;
      const location = incoming.headers.location;
      if (status >= 300 && status < 400 && location !== undefined) {
        incoming.resume();
        this.emit('redirect', status, 'GET', location, { location: [location] });
        return;
      }
      const gzip = incoming.headers['content-encoding'] === 'gzip';
      const body = gzip ? incoming.pipe(createGunzip()) : incoming;
      this.message = body;
      const headers = incoming.headers as Record<string, string | string[]>;
      this.emit(
        'response',
        Object.assign(body, { statusCode: status, statusMessage: incoming.statusMessage, headers }),
      );
    });
    outgoing.end();
  }
}

/** createChromiumFetch on requests that Node makes: main's Chromium fetch path, without Electron. */
export function chromiumFetchOverNode(): typeof fetch {
  return createChromiumFetch((options) => new NodeBackedRequest(options) as unknown as ClientRequest, {
    sessionCookies: false,
  });
}
