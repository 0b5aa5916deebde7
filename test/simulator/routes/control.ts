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

/** Answers /_sim/<path>. */
export async function control(
  req: SimRequest,
  res: ServerResponse,
  ctx: SimContext,
  api: ControlApi,
): Promise<void> {
  const route = `${req.method} ${req.path}`;
  try {
    switch (route) {
      case 'GET /catalogue':
        json(res, 200, catalogueEntries(ctx.catalogue));
        return;
      case 'GET /requests':
        json(res, 200, api.requests);
        return;
      case 'DELETE /requests':
        api.requests.length = 0;
        json(res, 200, { cleared: true });
        return;
      case 'GET /faults':
        json(res, 200, api.faults.list());
        return;
      case 'POST /faults': {
        const spec = parseFaultSpec(await readJson(req));
        if (typeof spec === 'string') json(res, 400, { error: spec });
        else json(res, 201, api.faults.add(spec));
        return;
      }
      case 'DELETE /faults':
        api.faults.clear();
        json(res, 200, { cleared: true });
        return;
      case 'POST /rotate-client-id':
        json(res, 200, { client_id: api.rotateClientId() });
        return;
      case 'POST /expire-all':
        api.expireAll();
        json(res, 200, { expired: true });
        return;
      case 'POST /drop-connections':
        json(res, 200, { dropped: api.dropConnections() });
        return;
      case 'GET /settings':
        json(res, 200, ctx.settings);
        return;
      case 'POST /settings': {
        const settings = parseSettings(await readJson(req));
        const applied = typeof settings === 'string' ? settings : api.configure(settings);
        if (typeof applied === 'string') json(res, 400, { error: applied });
        else json(res, 200, applied);
        return;
      }
      case 'GET /credentials':
        json(res, 200, {
          client_id: ctx.clientId,
          official: { client_id: ctx.officialApp.clientId, client_secret: ctx.officialApp.clientSecret },
        });
        return;
      default:
        json(res, 404, {
          error: `no such control endpoint: ${route}`,
          endpoints: [
            'GET /_sim/catalogue',
            'GET|DELETE /_sim/requests',
            'GET|POST|DELETE /_sim/faults',
            'POST /_sim/rotate-client-id',
            'POST /_sim/expire-all',
            'POST /_sim/drop-connections',
            'GET|POST /_sim/settings',
            'GET /_sim/credentials',
          ],
        });
    }
  } catch (error) {
    json(res, 400, { error: error instanceof SyntaxError ? 'the body is not JSON' : String(error) });
  }
}
