// A SoundCloud-compatible HTTP server on loopback. Every host is served as http://127.0.0.1:PORT/<host>/<path>.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toneMp3 } from './audio';
import { TRACKS, permalinkOf, type SimTrack } from './catalogue';
import { solidPng } from './image';
import { createSigner } from './signing';

export interface SimulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Lifetime of signed media URLs, in seconds. Defaults to the track's duration + 120 s, as on SoundCloud. */
  ttlSeconds?: number;
  /** Delay added to every request, in milliseconds. */
  latencyMs?: number;
  /** Send CORS headers on media responses (SoundCloud's CDNs have not always done so). */
  mediaCors?: boolean;
}

export interface RequestRecord {
  method: string;
  host: string;
  path: string;
  status: number;
}

export interface Simulator {
  origin: string;
  /** Every request answered so far, oldest first. */
  requests: RequestRecord[];
  close(): Promise<void>;
}

const CLIENT_ID = /^[0-9a-zA-Z]{32}$/;

function byPermalink(url: string | null): SimTrack | undefined {
  if (url === null) return undefined;
  const wanted = url
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/^(www|m)\./i, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
  return TRACKS.find((t) => permalinkOf(t).replace('https://', '') === wanted);
}

function v1Track(track: SimTrack): Record<string, unknown> {
  const avatar = `https://i1.sndcdn.com/avatars-000${track.user.id}-av${track.user.id}-large.jpg`;
  return {
    kind: 'track',
    id: track.id,
    created_at: '2024/05/14 18:22:05 +0000',
    title: track.title,
    duration: track.durationMs,
    permalink: track.slug,
    permalink_url: permalinkOf(track),
    artwork_url: track.artwork === null ? null : `https://i1.sndcdn.com/artworks-${track.artwork}-large.jpg`,
    waveform_url: `https://w1.sndcdn.com/${track.sid}_m.png`,
    stream_url: `https://api.soundcloud.com/tracks/${track.id}/stream`,
    streamable: true,
    downloadable: false,
    sharing: 'public',
    genre: 'Ambient',
    user_id: track.user.id,
    user: {
      id: track.user.id,
      kind: 'user',
      username: track.user.username,
      permalink: track.user.permalink,
      permalink_url: `https://soundcloud.com/${track.user.permalink}`,
      avatar_url: avatar,
    },
  };
}

function legacyError(res: ServerResponse, status: number, text: string): void {
  json(res, status, { errors: [{ error_message: `${status} - ${text}` }] });
}

function json(
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
    ...headers,
  });
  res.end(payload);
}

/** Answers a media body, honouring a single `Range: bytes=a-b` request with 206. */
function sendMedia(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  type: string,
  cors: boolean,
): void {
  const headers: Record<string, string | number> = {
    'content-type': type,
    'accept-ranges': 'bytes',
    'cache-control': 'private, max-age=0',
    ...(cors ? { 'access-control-allow-origin': '*' } : {}),
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  let start = 0;
  let end = body.length - 1;
  let status = 200;
  if (range && (range[1] !== '' || range[2] !== '')) {
    if (range[1] === '') {
      start = Math.max(0, body.length - Number(range[2]));
    } else {
      start = Number(range[1]);
      end = range[2] === '' ? end : Math.min(end, Number(range[2]));
    }
    if (start >= body.length || start > end) {
      res.writeHead(416, { 'content-range': `bytes */${body.length}`, ...headers });
      res.end();
      return;
    }
    status = 206;
    headers['content-range'] = `bytes ${start}-${end}/${body.length}`;
  }
  headers['content-length'] = end - start + 1;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body.subarray(start, end + 1));
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const latencyMs = options.latencyMs ?? 0;
  const mediaCors = options.mediaCors ?? true;
  const signer = createSigner();
  const audio = new Map<string, Buffer>();
  for (const track of TRACKS) {
    audio.set(track.sid, await toneMp3({ frequency: track.frequency, durationMs: track.durationMs }));
  }
  const requests: RequestRecord[] = [];
  let origin = '';

  function route(
    req: IncomingMessage,
    res: ServerResponse,
    host: string,
    path: string,
    query: URLSearchParams,
  ): void {
    if (host === '_sim' && path === '/catalogue') {
      json(
        res,
        200,
        TRACKS.map((t) => ({
          kind: 'track',
          permalink: permalinkOf(t),
          title: t.title,
          artist: t.user.username,
          duration: t.durationMs,
          role: null,
        })),
      );
      return;
    }

    // The seed's chain: resolve, track, i1 streams.
    if (host === 'api.sndcdn.com' || host === 'api.soundcloud.com') {
      const clientId = query.get('client_id');
      if (clientId === null || !CLIENT_ID.test(clientId)) {
        legacyError(res, 401, 'Unauthorized');
        return;
      }
      if (host === 'api.sndcdn.com' && path === '/resolve') {
        const track = byPermalink(query.get('url'));
        if (!track) {
          legacyError(res, 404, 'Not Found');
          return;
        }
        const location = `https://api.soundcloud.com/tracks/${track.id}?client_id=${clientId}`;
        const body = { status: '302 - Found', location };
        if (query.get('_status_code_map[302]') === '200') json(res, 200, body);
        else json(res, 302, body, { location });
        return;
      }
      const trackMatch = /^\/tracks\/(\d+)$/.exec(path);
      const streamsMatch = /^\/i1\/tracks\/(\d+)\/streams$/.exec(path);
      const id = Number((host === 'api.soundcloud.com' ? trackMatch : streamsMatch)?.[1] ?? Number.NaN);
      const track = TRACKS.find((t) => t.id === id);
      if (!track) {
        legacyError(res, 404, 'Not Found');
        return;
      }
      if (host === 'api.soundcloud.com') {
        json(res, 200, v1Track(track));
        return;
      }
      const ttl = options.ttlSeconds ?? Math.ceil(track.durationMs / 1000) + 120;
      const expires = Math.floor(Date.now() / 1000) + ttl;
      const mediaPath = `/${track.sid}.128.mp3`;
      json(res, 200, {
        http_mp3_128_url: `https://cf-media.sndcdn.com${mediaPath}?${signer.sign(mediaPath, expires)}`,
      });
      return;
    }

    if (host === 'cf-media.sndcdn.com' && (req.method === 'GET' || req.method === 'HEAD')) {
      const media = /^\/([A-Za-z0-9]+)\.128\.mp3$/.exec(path);
      const body = media?.[1] === undefined ? undefined : audio.get(media[1]);
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      const verdict = signer.check(path, query, Date.now());
      if (verdict !== 'ok') {
        res.writeHead(403, {
          'content-type': 'text/xml',
          ...(mediaCors ? { 'access-control-allow-origin': '*' } : {}),
        });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>${verdict === 'expired' ? 'Request has expired' : 'Access denied'}</Message></Error>`,
        );
        return;
      }
      sendMedia(req, res, body, 'audio/mpeg', mediaCors);
      return;
    }

    if (host === 'i1.sndcdn.com') {
      const art = /^\/(?:artworks|avatars)-(\d+)-[\w]+-(?:large|t500x500)\.jpg$/.exec(path);
      const id = Number(art?.[1] ?? Number.NaN);
      const owner =
        TRACKS.find((t) => Number(t.artwork?.split('-')[0]) === id) ?? TRACKS.find((t) => t.user.id === id);
      if (!owner) {
        res.writeHead(404).end();
        return;
      }
      const png = solidPng(path.includes('t500x500') ? 500 : 100, owner.colour);
      res.writeHead(200, {
        'content-type': 'image/png',
        'content-length': png.length,
        'access-control-allow-origin': '*',
      });
      res.end(png);
      return;
    }

    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const [, host = '', ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    res.on('finish', () =>
      requests.push({ method: req.method ?? 'GET', host, path, status: res.statusCode }),
    );
    res.setHeader('date', new Date().toUTCString());
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
        'access-control-allow-methods': 'GET, HEAD, POST',
      });
      res.end();
      return;
    }
    const answer = (): void => {
      try {
        route(req, res, host, path, url.searchParams);
      } catch (error) {
        console.error('simulator error', error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }
    };
    if (latencyMs > 0) setTimeout(answer, latencyMs);
    else answer();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
