// Covers the seed-chain resolver (electron/soundcloud/service.ts, legacy.ts) against the simulator, and http.ts with a fake fetch.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SoundCloudError, createHttp } from '../../electron/soundcloud/http';
import { createSoundCloudService, type SoundCloudService } from '../../electron/soundcloud/service';
import type { ErrorCode } from '../../shared/errors';
import type { Result } from '../../shared/result';
import { buildCatalogue, permalinkOf, type SimTrack } from '../simulator/catalogue';

/** Ordinary tracks of the simulator's default catalogue (the one startSimulator() serves). */
const TRACKS = buildCatalogue()
  .tracks.filter((t) => t.role === null)
  .slice(0, 3);
import { startSimulator, type Simulator } from '../simulator/server';

const TTL_SECONDS = 300;

function trackAt(index: number): SimTrack {
  const track = TRACKS[index];
  if (track === undefined) throw new Error(`no simulator track ${index}`);
  return track;
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function codeOf<T>(result: Result<T>): ErrorCode | 'ok' {
  return result.ok ? 'ok' : result.error.code;
}

/** A loopback server that answers every request with the same status, type and body. */
async function startFixedServer(
  status: number,
  type: string,
  body: string,
): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

describe('createSoundCloudService against the simulator', () => {
  let sim: Simulator;
  let service: SoundCloudService;

  beforeAll(async () => {
    sim = await startSimulator({ ttlSeconds: TTL_SECONDS });
    service = createSoundCloudService({ origin: sim.origin });
  });

  afterAll(async () => {
    await sim.close();
  });

  it.each(TRACKS.map((t) => [t.title, t] as const))(
    'resolves %s to the catalogue entry',
    async (_title, track) => {
      const resolved = valueOf(await service.resolveTrack(permalinkOf(track)));
      expect(resolved).toMatchObject({
        id: track.id,
        permalink: permalinkOf(track),
        title: track.title,
        artist: track.user.username,
        durationMs: track.durationMs,
      });
    },
  );

  it('rewrites the 500 px artwork to the simulator origin, where it can be fetched', async () => {
    const track = trackAt(0);
    expect(track.artworkId).not.toBeNull();
    const { artworkUrl } = valueOf(await service.resolveTrack(permalinkOf(track)));
    expect(artworkUrl).toBe(`${sim.origin}/i1.sndcdn.com/artworks-${track.artworkId}-t500x500.jpg`);
    const image = await fetch(artworkUrl ?? '');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    await image.body?.cancel();
  });

  it("falls back to the user's avatar for a track without artwork", async () => {
    const track = buildCatalogue().tracks.find((t) => t.artworkId === null);
    if (track === undefined) throw new Error('the catalogue has no track without artwork');
    const { artworkUrl } = valueOf(await service.resolveTrack(permalinkOf(track)));
    expect(artworkUrl).toBe(`${sim.origin}/i1.sndcdn.com/avatars-${track.user.avatarId}-t500x500.jpg`);
    const image = await fetch(artworkUrl ?? '');
    expect(image.status).toBe(200);
    await image.body?.cancel();
  });

  it('grants a progressive MP3 stream on the simulator that expires after the ttl', async () => {
    const track = trackAt(1);
    const before = Date.now();
    const grant = valueOf(await service.getStream(track.id));
    const after = Date.now();
    expect(grant.url.startsWith(`${sim.origin}/cf-media.sndcdn.com/`)).toBe(true);
    expect(grant.url).toContain(`/${track.sid}.128.mp3?`);
    expect(grant.protocol).toBe('progressive');
    expect(grant.mimeType).toBe('audio/mpeg');
    expect(grant.preview).toBe(false);
    // Expires is in whole seconds, so the grant may end up to a second before now + ttl.
    expect(grant.expiresAt).toBeGreaterThan(before + TTL_SECONDS * 1000 - 1000);
    expect(grant.expiresAt).toBeLessThanOrEqual(after + TTL_SECONDS * 1000);

    const media = await fetch(grant.url, { headers: { range: 'bytes=0-3' } });
    expect(media.status).toBe(206);
    expect(media.headers.get('content-type')).toBe('audio/mpeg');
    await media.body?.cancel();
  });

  it('answers NOT_FOUND for a permalink the service does not know', async () => {
    expect(codeOf(await service.resolveTrack('https://soundcloud.com/nobody/nothing'))).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND for a track id the service does not know', async () => {
    expect(codeOf(await service.getStream(999_999))).toBe('NOT_FOUND');
  });

  it('answers UNAUTHORIZED when the client id is refused', async () => {
    const refused = createSoundCloudService({ origin: sim.origin, clientId: 'not-a-client-id' });
    expect(codeOf(await refused.resolveTrack(permalinkOf(trackAt(0))))).toBe('UNAUTHORIZED');
    expect(codeOf(await refused.getStream(trackAt(0).id))).toBe('UNAUTHORIZED');
  });

  it('never talks to anything but the simulator origin', async () => {
    const start = sim.requests.length;
    valueOf(await service.resolveTrack(permalinkOf(trackAt(2))));
    await vi.waitFor(() => expect(sim.requests.length).toBeGreaterThanOrEqual(start + 2));
    expect(sim.requests.slice(start, start + 2).map((r) => `${r.host}${r.path}`)).toEqual([
      'api.sndcdn.com/resolve',
      `api.soundcloud.com/tracks/${trackAt(2).id}`,
    ]);
  });
});

describe('createSoundCloudService when the server misbehaves', () => {
  const servers: Server[] = [];

  afterEach(async () => {
    await Promise.all(servers.splice(0).map(closeServer));
    vi.restoreAllMocks();
  });

  it('answers NETWORK when nothing listens at the origin', async () => {
    const closed = await startSimulator();
    await closed.close();
    const service = createSoundCloudService({ origin: closed.origin });
    expect(codeOf(await service.resolveTrack(permalinkOf(trackAt(0))))).toBe('NETWORK');
    expect(codeOf(await service.getStream(trackAt(0).id))).toBe('NETWORK');
  });

  it.each([
    ['HTML', 'text/html', '<!doctype html><html><body>Service Unavailable</body></html>'],
    ['plain text', 'text/plain', 'ok'],
  ])('answers SERVER when a 200 carries %s', async (_label, type, body) => {
    const fixed = await startFixedServer(200, type, body);
    servers.push(fixed.server);
    const service = createSoundCloudService({ origin: fixed.origin });
    const resolved = await service.resolveTrack(permalinkOf(trackAt(0)));
    const stream = await service.getStream(trackAt(0).id);
    expect(codeOf(resolved)).toBe('SERVER');
    expect(codeOf(stream)).toBe('SERVER');
  });

  it('answers SERVER when a 200 carries JSON of the wrong shape', async () => {
    const fixed = await startFixedServer(200, 'application/json', '{"http_mp3_128_url":42,"location":7}');
    servers.push(fixed.server);
    const service = createSoundCloudService({ origin: fixed.origin });
    expect(codeOf(await service.resolveTrack(permalinkOf(trackAt(0))))).toBe('SERVER');
    expect(codeOf(await service.getStream(trackAt(0).id))).toBe('SERVER');
  });

  it('answers SERVER when the server fails with an HTML error page', async () => {
    const fixed = await startFixedServer(502, 'text/html', '<html><body>Bad Gateway</body></html>');
    servers.push(fixed.server);
    const service = createSoundCloudService({ origin: fixed.origin });
    expect(codeOf(await service.resolveTrack(permalinkOf(trackAt(0))))).toBe('SERVER');
  });
});

describe('createHttp', () => {
  type FetchCall = { url: string; init: RequestInit | undefined };

  /** A fetch that answers from `responses` in order and records what it was asked. */
  function fakeFetch(responses: (() => Response)[]): { fetch: typeof fetch; calls: FetchCall[] } {
    const calls: FetchCall[] = [];
    const fetchFn = vi.fn<typeof fetch>((input, init) => {
      calls.push({ url: input instanceof Request ? input.url : String(input), init });
      const next = responses[calls.length - 1];
      if (next === undefined) return Promise.reject(new Error('unexpected fetch'));
      return Promise.resolve(next());
    });
    return { fetch: fetchFn, calls };
  }

  const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

  const redirect = (location: string, status = 302): Response =>
    new Response(null, { status, headers: { location } });

  async function failure(promise: Promise<unknown>): Promise<SoundCloudError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof SoundCloudError) return error;
      throw error;
    }
    throw new Error('expected a SoundCloudError');
  }

  it('returns the parsed body, status and Date header', async () => {
    const date = 'Tue, 14 Nov 2023 22:13:20 GMT';
    const fake = fakeFetch([() => json({ a: 1 }, 200, { date })]);
    const http = createHttp({ origin: null, fetch: fake.fetch });
    await expect(http.getJson('https://api.sndcdn.com/x')).resolves.toEqual({
      status: 200,
      body: { a: 1 },
      date,
    });
    expect(fake.calls[0]?.url).toBe('https://api.sndcdn.com/x');
    expect(fake.calls[0]?.init?.redirect).toBe('manual');
  });

  it('sends requests to the origin when one is set', async () => {
    const fake = fakeFetch([() => json({})]);
    const http = createHttp({ origin: 'http://127.0.0.1:9', fetch: fake.fetch });
    await http.getJson('https://api.sndcdn.com/resolve?url=x');
    expect(fake.calls.map((c) => c.url)).toEqual(['http://127.0.0.1:9/api.sndcdn.com/resolve?url=x']);
  });

  it('refuses to fetch a URL that is not SoundCloud in the first place', async () => {
    const fake = fakeFetch([() => json({})]);
    const http = createHttp({ origin: null, fetch: fake.fetch });
    expect((await failure(http.getJson('https://example.com/x'))).code).toBe('SERVER');
    expect(fake.calls).toEqual([]);
  });

  it('follows a redirect to another SoundCloud host, through the origin', async () => {
    const fake = fakeFetch([
      () => redirect('https://api.soundcloud.com/tracks/1?client_id=c'),
      () => json({ id: 1 }),
    ]);
    const http = createHttp({ origin: 'http://127.0.0.1:9', fetch: fake.fetch });
    await expect(http.getJson('https://api.sndcdn.com/resolve?url=x')).resolves.toMatchObject({
      body: { id: 1 },
    });
    expect(fake.calls.map((c) => c.url)).toEqual([
      'http://127.0.0.1:9/api.sndcdn.com/resolve?url=x',
      'http://127.0.0.1:9/api.soundcloud.com/tracks/1?client_id=c',
    ]);
  });

  it.each([
    'https://evil.example/tracks/1',
    'https://soundcloud.com.evil.com/tracks/1',
    'http://api.soundcloud.com/tracks/1',
    'https://api.soundcloud.com:8443/tracks/1',
    'http://169.254.169.254/latest/meta-data/',
  ])('refuses a redirect to %s before fetching it', async (location) => {
    const fake = fakeFetch([() => redirect(location), () => json({ leaked: true })]);
    const http = createHttp({ origin: null, fetch: fake.fetch });
    const error = await failure(http.getJson('https://api.sndcdn.com/resolve?url=x'));
    expect(error.code).toBe('SERVER');
    expect(error.message).toMatch(/does not trust/);
    expect(fake.calls.map((c) => c.url)).toEqual(['https://api.sndcdn.com/resolve?url=x']);
  });

  it('gives up after three redirects', async () => {
    const loop = (): Response => redirect('https://api.sndcdn.com/again');
    const fake = fakeFetch([loop, loop, loop, loop, loop, loop]);
    const http = createHttp({ origin: null, fetch: fake.fetch });
    const error = await failure(http.getJson('https://api.sndcdn.com/start'));
    expect(error.code).toBe('SERVER');
    expect(error.message).toMatch(/too many/);
    expect(fake.calls).toHaveLength(4);
  });

  it.each<[number, ErrorCode]>([
    [401, 'UNAUTHORIZED'],
    [403, 'UNAUTHORIZED'],
    [404, 'NOT_FOUND'],
    [429, 'RATE_LIMITED'],
    [500, 'SERVER'],
    [503, 'SERVER'],
  ])('maps HTTP %i to %s', async (status, code) => {
    const fake = fakeFetch([() => json({ errors: [{ error_message: `${status}` }] }, status)]);
    const http = createHttp({ origin: null, fetch: fake.fetch });
    expect((await failure(http.getJson('https://api.sndcdn.com/x'))).code).toBe(code);
  });

  it('maps a 200 that is not JSON to SERVER', async () => {
    const fake = fakeFetch([() => new Response('<html></html>', { status: 200 })]);
    const http = createHttp({ origin: null, fetch: fake.fetch });
    expect((await failure(http.getJson('https://api.sndcdn.com/x'))).code).toBe('SERVER');
  });

  it('maps a failing fetch to NETWORK', async () => {
    const fetchFn = vi.fn<typeof fetch>(() => Promise.reject(new TypeError('fetch failed')));
    const http = createHttp({ origin: null, fetch: fetchFn });
    expect((await failure(http.getJson('https://api.sndcdn.com/x'))).code).toBe('NETWORK');
  });

  it('maps a request that outlives its timeout to NETWORK', async () => {
    const hanging = vi.fn<typeof fetch>(
      (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () =>
            reject(new DOMException('timed out', 'TimeoutError')),
          );
        }),
    );
    const http = createHttp({ origin: null, fetch: hanging, timeoutMs: 20 });
    expect((await failure(http.getJson('https://api.sndcdn.com/x'))).code).toBe('NETWORK');
  });
});
