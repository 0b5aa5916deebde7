// Covers the SoundCloud simulator (test/simulator/server.ts) over real HTTP: the seed chain, signed media, ranges, expiry, latency.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseLink } from '../../shared/links';
import { buildCatalogue, permalinkOf, type SimTrack } from '../simulator/catalogue';

/** Ordinary tracks of the simulator's default catalogue (the one startSimulator() serves). */
const TRACKS = buildCatalogue()
  .tracks.filter((t) => t.role === null)
  .slice(0, 3);
import { startSimulator, type Simulator } from '../simulator/server';
import { useSimulator, viaSim } from '../helpers/simulator';

const CLIENT_ID = 'Q7mZ2xK9pL4vB8nR1tY6wE3sD5fG0hJa';
const TTL_SECONDS = 600;

function firstTrack(): SimTrack {
  const track = TRACKS[0];
  if (track === undefined) throw new Error('the simulator catalogue is empty');
  return track;
}

async function getJson(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function resolveUrl(
  sim: Simulator,
  permalink: string,
  statusMap = true,
  clientId: string | null = CLIENT_ID,
): string {
  const query = new URLSearchParams({ url: permalink });
  if (statusMap) {
    query.set('_status_code_map[302]', '200');
    query.set('_status_format', 'json');
  }
  if (clientId !== null) query.set('client_id', clientId);
  return `${sim.origin}/api.sndcdn.com/resolve?${query.toString()}`;
}

async function mediaUrl(sim: Simulator, track: SimTrack): Promise<string> {
  const { status, body } = await getJson(
    `${sim.origin}/api.sndcdn.com/i1/tracks/${track.id}/streams?client_id=${CLIENT_ID}`,
  );
  expect(status).toBe(200);
  const url = (body as { http_mp3_128_url?: unknown }).http_mp3_128_url;
  if (typeof url !== 'string') throw new Error('no http_mp3_128_url');
  return url;
}

function startsWithMp3(bytes: Uint8Array): boolean {
  const id3 = bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33;
  const frameSync = bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0;
  return id3 || frameSync;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('simulator', () => {
  // The seed's chain is retired by default (401 everywhere); these tests are about the chain itself.
  const sim = useSimulator({ ttlSeconds: TTL_SECONDS, legacyApi: 'historical' });

  it('listens on loopback', () => {
    expect(sim.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('lists its catalogue: tracks with canonical permalinks, then sets and users', async () => {
    const { status, body } = await getJson(`${sim.origin}/_sim/catalogue`);
    expect(status).toBe(200);
    const entries = body as {
      kind: string;
      permalink: string;
      title: string;
      duration: number;
      role: string | null;
    }[];
    expect(entries.slice(0, TRACKS.length)).toEqual(
      TRACKS.map((t) => ({
        kind: 'track',
        permalink: permalinkOf(t),
        title: t.title,
        artist: t.user.username,
        duration: t.durationMs,
        role: null,
      })),
    );
    expect(new Set(entries.map((e) => e.kind))).toEqual(new Set(['track', 'playlist', 'user']));
    for (const entry of entries.filter((e) => e.kind === 'track' && e.role !== 'secret')) {
      // Every entry is a link the app itself accepts, already in canonical form.
      expect(parseLink(entry.permalink)?.link).toBe(entry.permalink);
      expect(Number.isInteger(entry.duration) && entry.duration > 1000).toBe(true);
    }
  });

  it('resolves every catalogue permalink with the status map to a 200 JSON "302 - Found"', async () => {
    for (const track of TRACKS) {
      const { status, body } = await getJson(resolveUrl(sim, permalinkOf(track)));
      expect(status).toBe(200);
      expect(body).toEqual({
        status: '302 - Found',
        location: `https://api.soundcloud.com/tracks/${track.id}?client_id=${CLIENT_ID}`,
      });
    }
  });

  it('resolves www., m., trailing-slash and query variants of a permalink to the same track', async () => {
    const track = firstTrack();
    const bare = permalinkOf(track).replace('https://', '');
    for (const variant of [`https://www.${bare}`, `https://m.${bare}/`, `https://${bare}?si=abc#t=10`]) {
      const { body } = await getJson(resolveUrl(sim, variant));
      expect((body as { location: string }).location, variant).toContain(`/tracks/${track.id}?`);
    }
  });

  it('answers a real 302 with a Location header without the status map', async () => {
    const track = firstTrack();
    const response = await fetch(resolveUrl(sim, permalinkOf(track), false), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(
      `https://api.soundcloud.com/tracks/${track.id}?client_id=${CLIENT_ID}`,
    );
    await response.body?.cancel();
  });

  it('answers 404 with the legacy error body for an unknown permalink', async () => {
    const { status, body } = await getJson(resolveUrl(sim, 'https://soundcloud.com/nobody/nothing'));
    expect(status).toBe(404);
    expect(body).toEqual({ errors: [{ error_message: '404 - Not Found' }] });
  });

  it.each<[string, string | null]>([
    ['missing', null],
    ['too short', CLIENT_ID.slice(1)],
    ['too long', `${CLIENT_ID}a`],
    ['not alphanumeric', `${CLIENT_ID.slice(1)}-`],
  ])('answers 401 to every API host when the client_id is %s', async (_label, clientId) => {
    const track = firstTrack();
    const suffix = clientId === null ? '' : `?client_id=${clientId}`;
    // Without a client_id, api.soundcloud.com/tracks/<id> is the official API (OAuth), tested elsewhere.
    const seedChainOnly =
      clientId === null ? [] : [`${sim.origin}/api.soundcloud.com/tracks/${track.id}${suffix}`];
    for (const url of [
      resolveUrl(sim, permalinkOf(track), true, clientId),
      ...seedChainOnly,
      `${sim.origin}/api.sndcdn.com/i1/tracks/${track.id}/streams${suffix}`,
    ]) {
      const { status, body } = await getJson(url);
      expect(status, url).toBe(401);
      expect(body).toEqual({ errors: [{ error_message: '401 - Unauthorized' }] });
    }
  });

  it('follows the resolve location to the track JSON', async () => {
    const track = firstTrack();
    const resolved = await getJson(resolveUrl(sim, permalinkOf(track)));
    const location = (resolved.body as { location: string }).location;
    const { status, body } = await getJson(viaSim(sim, location));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: 'track',
      id: track.id,
      title: track.title,
      duration: track.durationMs,
      permalink_url: permalinkOf(track),
      user: { username: track.user.username },
      stream_url: `https://api.soundcloud.com/tracks/${track.id}/stream`,
    });
  });

  it('answers 404 for an unknown track id on the track and streams endpoints', async () => {
    for (const url of [
      `${sim.origin}/api.soundcloud.com/tracks/999999?client_id=${CLIENT_ID}`,
      `${sim.origin}/api.sndcdn.com/i1/tracks/999999/streams?client_id=${CLIENT_ID}`,
    ]) {
      const { status, body } = await getJson(url);
      expect(status, url).toBe(404);
      expect(body).toEqual({ errors: [{ error_message: '404 - Not Found' }] });
    }
  });

  it('hands out a signed cf-media URL that expires after the configured ttl', async () => {
    const before = Math.floor(Date.now() / 1000);
    const url = await mediaUrl(sim, firstTrack());
    const after = Math.floor(Date.now() / 1000);
    const parsed = new URL(url);
    expect(parsed.protocol).toBe('https:');
    expect(parsed.host).toBe('cf-media.sndcdn.com');
    expect(parsed.pathname).toBe(`/${firstTrack().sid}.128.mp3`);
    expect(parsed.searchParams.get('Signature')).toMatch(/^[\w-]{20,}$/);
    const expires = Number(parsed.searchParams.get('Expires'));
    expect(expires).toBeGreaterThanOrEqual(before + TTL_SECONDS);
    expect(expires).toBeLessThanOrEqual(after + TTL_SECONDS);
  });

  it('serves the signed media as MP3 audio', async () => {
    const response = await fetch(viaSim(sim, await mediaUrl(sim, firstTrack())));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    // 32 kbit/s for 24 s is about 96 kB; anything far smaller is not the whole track.
    expect(bytes.length).toBeGreaterThan(50_000);
    expect(startsWithMp3(bytes)).toBe(true);
  });

  it('serves different audio for different tracks', async () => {
    const [a, b] = TRACKS;
    if (a === undefined || b === undefined) throw new Error('need two tracks');
    const bytesOf = async (track: SimTrack): Promise<Buffer> =>
      Buffer.from(await (await fetch(viaSim(sim, await mediaUrl(sim, track)))).arrayBuffer());
    expect((await bytesOf(a)).equals(await bytesOf(b))).toBe(false);
  });

  it('answers a Range request with 206 and exactly the requested bytes', async () => {
    const wire = viaSim(sim, await mediaUrl(sim, firstTrack()));
    const whole = new Uint8Array(await (await fetch(wire)).arrayBuffer());

    const response = await fetch(wire, { headers: { range: 'bytes=0-99' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 0-99/${whole.length}`);
    const part = new Uint8Array(await response.arrayBuffer());
    expect(part.length).toBe(100);
    expect(Buffer.from(part).equals(Buffer.from(whole.subarray(0, 100)))).toBe(true);

    const middle = await fetch(wire, { headers: { range: 'bytes=1000-1999' } });
    expect(middle.status).toBe(206);
    expect(Buffer.from(await middle.arrayBuffer()).equals(Buffer.from(whole.subarray(1000, 2000)))).toBe(
      true,
    );
  });

  it('refuses media whose Signature was tampered with', async () => {
    const url = new URL(await mediaUrl(sim, firstTrack()));
    const signature = url.searchParams.get('Signature') ?? '';
    // Change the first character: the last one of base64url may carry only padding bits.
    url.searchParams.set('Signature', `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`);
    const response = await fetch(viaSim(sim, url.href));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('refuses a signature moved to another track, or a later Expires', async () => {
    const [a, b] = TRACKS;
    if (a === undefined || b === undefined) throw new Error('need two tracks');
    const url = new URL(await mediaUrl(sim, a));
    const moved = new URL(url.href);
    moved.pathname = `/${b.sid}.128.mp3`;
    expect((await fetch(viaSim(sim, moved.href))).status).toBe(403);
    const extended = new URL(url.href);
    extended.searchParams.set('Expires', String(Number(url.searchParams.get('Expires')) + 3600));
    expect((await fetch(viaSim(sim, extended.href))).status).toBe(403);
  });

  it('records the requests it answered, oldest first', async () => {
    const start = sim.requests.length;
    const track = firstTrack();
    await getJson(resolveUrl(sim, permalinkOf(track)));
    await getJson(`${sim.origin}/api.soundcloud.com/tracks/999999?client_id=${CLIENT_ID}`);
    await vi.waitFor(() => expect(sim.requests.length).toBeGreaterThanOrEqual(start + 2));
    expect(sim.requests.slice(start, start + 2)).toMatchObject([
      { method: 'GET', host: 'api.sndcdn.com', path: '/resolve', status: 200, fault: null },
      { method: 'GET', host: 'api.soundcloud.com', path: '/tracks/999999', status: 404, fault: null },
    ]);
  });
});

describe('simulator with a one-second ttl', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({ ttlSeconds: 1, legacyApi: 'historical' });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('refuses the same media URL once it has expired', async () => {
    // Expires is whole seconds: start early in a second so the fresh URL has time to be fetched once.
    if (Date.now() % 1000 > 600) await sleep(1010 - (Date.now() % 1000));
    const wire = viaSim(sim, await mediaUrl(sim, firstTrack()));
    const fresh = await fetch(wire, { headers: { range: 'bytes=0-9' } });
    expect(fresh.status).toBe(206);
    await fresh.body?.cancel();

    await sleep(2100);
    const stale = await fetch(wire);
    expect(stale.status).toBe(403);
    expect(await stale.text()).toContain('Request has expired');
  });
});

describe('simulator with latency', () => {
  const LATENCY_MS = 150;
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({ latencyMs: LATENCY_MS, legacyApi: 'historical' });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('delays every answer by at least the latency', async () => {
    for (const url of [
      resolveUrl(sim, permalinkOf(firstTrack())),
      `${sim.origin}/api.soundcloud.com/tracks/${firstTrack().id}?client_id=${CLIENT_ID}`,
    ]) {
      const started = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      // Node timers may fire up to a millisecond early relative to performance.now().
      expect(performance.now() - started, url).toBeGreaterThanOrEqual(LATENCY_MS - 1);
      expect(response.status).toBe(200);
    }
  });
});
