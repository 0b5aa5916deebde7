// A SoundCloud-compatible HTTP server on loopback. Every host is served as http://127.0.0.1:PORT/<host>/<path>;
// URLs inside answers keep the real https://<host>/… form. Control endpoints live under /_sim/.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCatalogue, DEFAULT_SEED, trackById, type Catalogue } from './catalogue';
import {
  randomToken,
  text,
  type Handler,
  type OfficialApp,
  type SimContext,
  type SimRequest,
  type SimSettings,
} from './context';
import { issuePageToken } from './botcheck';
import { applyFault, createFaults, cutBody, truncateBody, type FaultRule, type FaultSpec } from './faults';
import { createMediaStore } from './media/store';
import { control, type RequestRecord } from './routes/control';
import * as legacy from './routes/legacy';
import * as media from './routes/media';
import * as official from './routes/official';
import * as v2 from './routes/v2';
import * as web from './routes/web';
import { DEFAULT_SETTINGS } from './settings';
import { seededRandom } from './random';
import { createSigner } from './signing';
import { MEDIA_HOSTS, signedMediaUrl, type SignedUrlKind } from './urls';

export type { RequestRecord } from './routes/control';
export type { FaultSpec, FaultRule } from './faults';

export interface SimulatorOptions extends Partial<SimSettings> {
  /** 0 picks a free port. */
  port?: number;
  /** Seeds the catalogue and the fault draws: the same seed gives the same world. */
  seed?: number;
  /** Extra short tracks by one more user, for benchmarks that need many distinct links. */
  extraTracks?: number;
}

export interface Simulator {
  origin: string;
  catalogue: Catalogue;
  /** Every request answered so far (control endpoints excepted), oldest first. */
  requests: RequestRecord[];
  settings: Readonly<SimSettings>;
  /** The api-v2 client_id the web app currently embeds. */
  readonly clientId: string;
  officialApp: OfficialApp;
  configure(settings: Partial<SimSettings>): SimSettings;
  addFault(spec: FaultSpec): FaultRule;
  clearFaults(): void;
  /** Replaces the api-v2 client_id: the old one answers 401 from now on. Returns the new one. */
  rotateClientId(): string;
  /** Expires every media URL issued so far. */
  expireAll(): void;
  /**
   * Destroys the connection of every media response still in flight on the CDN hosts, as a network
   * hiccup would (the client sees the body end early). Returns how many were dropped.
   */
  dropConnections(): number;
  /**
   * Test hook: a freshly signed media URL of the track (real `https://<host>/…` form), as the APIs would
   * hand it out, so media tests need not go through an API. Throws for an unknown track id.
   */
  signedUrl(kind: SignedUrlKind, trackId: number): string;
  /**
   * Test hook: a `datadome` cookie value as a soundcloud.com page visit would issue it, so a test can pass
   * the bot check (with a `Mozilla/` User-Agent) without fetching the page.
   */
  browserCookie(): string;
  close(): Promise<void>;
}

export type { SignedUrlKind } from './urls';

/** api-v2 sends no CORS headers to other origins (only soundcloud.com's own pages may read it). */
const NO_CORS_HOSTS: ReadonlySet<string> = new Set(['api-v2.soundcloud.com', 'api-widget.soundcloud.com']);

/** Makes `res` drop every `access-control-*` header its handler writes. */
function withoutCors(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (status: number, headers?: Record<string, unknown>) => void;
  res.writeHead = ((status: number, headers?: Record<string, unknown>) => {
    const kept = Object.entries(headers ?? {}).filter(([name]) => !/^access-control-/i.test(name));
    writeHead(status, Object.fromEntries(kept));
    return res;
  }) as typeof res.writeHead;
}

function headerText(value: string | string[] | undefined): string | null {
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}

/** api.soundcloud.com serves both the seed chain (`?client_id=`) and the official API (OAuth). */
const apiSoundcloud: Handler = (req, res, ctx) => {
  const seedChain = req.query.has('client_id') && req.headers.authorization === undefined;
  const handler = seedChain ? legacy.legacyTrack : official.routes['api.soundcloud.com'];
  if (handler === undefined) text(res, 404, 'text/plain', 'Not Found');
  else return handler(req, res, ctx);
};

const HOSTS: Record<string, Handler> = {
  ...legacy.routes,
  ...web.routes,
  ...v2.routes,
  ...official.routes,
  ...media.routes,
  'api.soundcloud.com': apiSoundcloud,
};

/** Salts on the seed for the faults' and the routes' generators: a seed draws the same faults and quotas as ever. */
const FAULT_SALT = 0x5bd1e995;
const CONTEXT_SALT = FAULT_SALT ^ 0x2c1b3c6d;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? DEFAULT_SEED;
  const catalogue = buildCatalogue(seed, options.extraTracks ?? 0);
  const settings: SimSettings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof SimSettings)[]) {
    if (options[key] !== undefined) Object.assign(settings, { [key]: options[key] });
  }
  const ctx: SimContext = {
    settings,
    catalogue,
    signer: createSigner(),
    clientId: randomToken(32),
    officialApp: { clientId: randomToken(32), clientSecret: randomToken(32) },
    accessTokens: new Map(),
    refreshTokens: new Set(),
    now: Date.now,
    media: createMediaStore(catalogue),
    pageCookies: new Set(),
    streamTimes: { v2: [], official: [] },
    v2Requests: 0,
    random: seededRandom(seed ^ CONTEXT_SALT),
  };
  const faults = createFaults(seededRandom(seed ^ FAULT_SALT));
  const requests: RequestRecord[] = [];
  /** Media responses not yet finished or closed. */
  const mediaInFlight = new Set<ServerResponse>();

  const api = {
    faults,
    requests,
    rotateClientId(): string {
      ctx.clientId = randomToken(32);
      return ctx.clientId;
    },
    expireAll(): void {
      ctx.signer.expireAll();
    },
    configure(patch: Partial<SimSettings>): SimSettings {
      Object.assign(settings, patch);
      return { ...settings };
    },
    dropConnections(): number {
      // A finished answer waiting only for its 'close' is not in flight any more.
      const dropped = [...mediaInFlight].filter((res) => !res.writableFinished);
      mediaInFlight.clear();
      // Destroying the response destroys its socket: the client sees the connection end mid-body.
      for (const res of dropped) res.destroy();
      return dropped.length;
    },
  };

  async function answer(req: SimRequest, res: ServerResponse, record: RequestRecord): Promise<void> {
    if (settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
    if (NO_CORS_HOSTS.has(req.host)) withoutCors(res);
    const fault = faults.pick(req);
    if (fault !== null) {
      record.fault = fault.kind;
      const applied = applyFault(fault, req, res);
      if (applied === 'answered') return;
      if (applied === 'truncate') truncateBody(res);
      else cutBody(res, fault.afterBytes ?? 0);
    }
    const handler = HOSTS[req.host];
    if (handler === undefined) {
      text(res, 404, 'text/plain', 'Not Found');
      return;
    }
    await handler(req, res, ctx);
  }

  const server = createServer((raw, res) => {
    const url = new URL(raw.url ?? '/', 'http://simulator.invalid');
    const [, host = '', ...rest] = url.pathname.split('/');
    let bodyPromise: Promise<string> | null = null;
    const req: SimRequest = {
      method: raw.method ?? 'GET',
      host: host.toLowerCase(),
      path: `/${rest.join('/')}`,
      query: url.searchParams,
      headers: raw.headers,
      raw,
      body() {
        bodyPromise ??= (async () => {
          const chunks: Buffer[] = [];
          for await (const chunk of raw as AsyncIterable<Buffer>) chunks.push(chunk);
          return Buffer.concat(chunks).toString('utf8');
        })();
        return bodyPromise;
      },
    };
    res.setHeader('date', new Date(ctx.now()).toUTCString());
    if (req.method === 'OPTIONS' && NO_CORS_HOSTS.has(req.host)) {
      // A preflight from another origin gets no permission: the browser then refuses the request.
      res.writeHead(204, { vary: 'Origin' });
      res.end();
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'authorization, content-type, range',
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    const onError = (error: unknown): void => {
      console.error('simulator error', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    };
    if (req.host === '_sim') {
      control(req, res, ctx, api).catch(onError);
      return;
    }
    // Logged on arrival, so a request that hangs is counted too; its status is filled in at the end
    // (0 when the connection closed without an answer).
    const record: RequestRecord = {
      time: Date.now(),
      method: req.method,
      host: req.host,
      path: req.path,
      query: req.query.toString(),
      status: null,
      fault: null,
      headers: {
        'user-agent': headerText(raw.headers['user-agent']),
        cookie: headerText(raw.headers.cookie),
        origin: headerText(raw.headers.origin),
        ...(raw.headers.range === undefined ? {} : { range: raw.headers.range }),
      },
    };
    requests.push(record);
    if (MEDIA_HOSTS.has(req.host)) mediaInFlight.add(res);
    res.on('close', () => {
      mediaInFlight.delete(res);
      record.status = res.writableFinished ? res.statusCode : 0;
    });
    answer(req, res, record).catch(onError);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    catalogue,
    requests,
    settings,
    get clientId() {
      return ctx.clientId;
    },
    officialApp: ctx.officialApp,
    configure: api.configure,
    addFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    rotateClientId: api.rotateClientId,
    expireAll: api.expireAll,
    dropConnections: api.dropConnections,
    signedUrl(kind, trackId) {
      const track = trackById(catalogue, trackId);
      if (track === undefined) throw new Error(`no track ${trackId} in the simulator's catalogue`);
      return signedMediaUrl(ctx, track, kind);
    },
    browserCookie: () => issuePageToken(ctx),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
