// The simulator's own admin API under /_sim/: the catalogue, settings, faults, credentials, the request log.
import {
  permalinkOf,
  playlistPermalinkOf,
  tracksOfUser,
  userPermalinkOf,
  type Catalogue,
} from '../catalogue';
import { json, type SimContext, type SimRequest, type SimSettings } from '../context';
import { parseFaultSpec, type Faults } from '../faults';
import { parseSettings } from '../settings';
import type { ServerResponse } from 'node:http';

export interface RequestRecord {
  /** Epoch ms when the request arrived. */
  time: number;
  method: string;
  host: string;
  path: string;
  /** The query string without '?'. */
  query: string;
  /** The status answered; null while in progress, 0 if the connection closed without an answer. */
  status: number | null;
  /** The fault that answered instead of the service, if any. */
  fault: string | null;
  /** The request headers a bot check looks at (null when absent), and a media request's Range (if sent). */
  headers: {
    'user-agent': string | null;
    cookie: string | null;
    origin: string | null;
    range?: string;
  };
}

export interface CatalogueEntry {
  kind: 'track' | 'playlist' | 'user';
  permalink: string;
  title: string;
  artist: string;
  /** Milliseconds (a set: its tracks together). */
  duration: number;
  role: string | null;
  track_count?: number;
}

export function catalogueEntries(catalogue: Catalogue): CatalogueEntry[] {
  return [
    ...catalogue.tracks.map((t) => ({
      kind: 'track' as const,
      permalink: permalinkOf(t),
      title: t.title,
      artist: t.user.username,
      duration: t.durationMs,
      role: t.role,
    })),
    ...catalogue.playlists.map((p) => ({
      kind: 'playlist' as const,
      permalink: playlistPermalinkOf(p),
      title: p.title,
      artist: p.user.username,
      duration: p.tracks.reduce((sum, t) => sum + t.durationMs, 0),
      role: p.secretToken === null ? null : 'secret-set',
      track_count: p.tracks.length,
    })),
    ...catalogue.users.map((u) => {
      const tracks = tracksOfUser(catalogue, u);
      return {
        kind: 'user' as const,
        permalink: userPermalinkOf(u),
        title: u.username,
        artist: u.username,
        duration: tracks.reduce((sum, t) => sum + t.durationMs, 0),
        role: null,
        track_count: tracks.length,
      };
    }),
  ];
}

export interface ControlApi {
  faults: Faults;
  requests: RequestRecord[];
  rotateClientId(): string;
  expireAll(): void;
  dropConnections(): number;
  configure(settings: Partial<SimSettings>): SimSettings | string;
}

async function readJson(req: SimRequest): Promise<unknown> {
  const body = await req.body();
  if (body.trim() === '') return {};
  return JSON.parse(body) as unknown;
}

/** What a control route gives: the status and the JSON body. */
type ControlAnswer = [status: number, body: unknown];

interface ControlCall {
  req: SimRequest;
  ctx: SimContext;
  api: ControlApi;
}

/** Each control route by `METHOD /path`; the 404 lists them from here. */
const ROUTES: Record<string, (call: ControlCall) => ControlAnswer | Promise<ControlAnswer>> = {
  'GET /catalogue': ({ ctx }) => [200, catalogueEntries(ctx.catalogue)],
  'GET /requests': ({ api }) => [200, api.requests],
  'DELETE /requests': ({ api }) => {
    api.requests.length = 0;
    return [200, { cleared: true }];
  },
  'GET /faults': ({ api }) => [200, api.faults.list()],
  'POST /faults': async ({ req, api }) => {
    const spec = parseFaultSpec(await readJson(req));
    return typeof spec === 'string' ? [400, { error: spec }] : [201, api.faults.add(spec)];
  },
  'DELETE /faults': ({ api }) => {
    api.faults.clear();
    return [200, { cleared: true }];
  },
  'POST /rotate-client-id': ({ api }) => [200, { client_id: api.rotateClientId() }],
  'POST /expire-all': ({ api }) => {
    api.expireAll();
    return [200, { expired: true }];
  },
  'POST /drop-connections': ({ api }) => [200, { dropped: api.dropConnections() }],
  'GET /settings': ({ ctx }) => [200, ctx.settings],
  'POST /settings': async ({ req, api }) => {
    const settings = parseSettings(await readJson(req));
    const applied = typeof settings === 'string' ? settings : api.configure(settings);
    return typeof applied === 'string' ? [400, { error: applied }] : [200, applied];
  },
  'GET /credentials': ({ ctx }) => [
    200,
    {
      client_id: ctx.clientId,
      official: { client_id: ctx.officialApp.clientId, client_secret: ctx.officialApp.clientSecret },
    },
  ],
};

/** `GET|DELETE /_sim/requests`…: each path once, with its methods, in the table's order. */
function endpoints(): string[] {
  const methods = new Map<string, string[]>();
  for (const route of Object.keys(ROUTES)) {
    const [method = '', path = ''] = route.split(' ');
    methods.set(path, [...(methods.get(path) ?? []), method]);
  }
  return [...methods].map(([path, verbs]) => `${verbs.join('|')} /_sim${path}`);
}

/** Answers /_sim/<path>. */
export async function control(
  req: SimRequest,
  res: ServerResponse,
  ctx: SimContext,
  api: ControlApi,
): Promise<void> {
  const route = `${req.method} ${req.path}`;
  const handler = Object.hasOwn(ROUTES, route) ? ROUTES[route] : undefined;
  try {
    if (handler === undefined) {
      json(res, 404, { error: `no such control endpoint: ${route}`, endpoints: endpoints() });
      return;
    }
    const [status, body] = await handler({ req, ctx, api });
    json(res, status, body);
  } catch (error) {
    json(res, 400, { error: error instanceof SyntaxError ? 'the body is not JSON' : String(error) });
  }
}
