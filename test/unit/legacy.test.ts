// Covers the seed-chain provider (electron/soundcloud/legacy.ts) against the simulator, and against servers that misbehave.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttp, SoundCloudError } from '../../electron/soundcloud/http';
import { createLegacyProvider, RETIRED_MESSAGE } from '../../electron/soundcloud/legacy';
import type { Provider, ResolvedTrack } from '../../electron/soundcloud/provider';
import type { Track } from '../../shared/ipc';
import {
  buildCatalogue,
  permalinkOf,
  playlistPermalinkOf,
  userPermalinkOf,
  type SimTrack,
} from '../simulator/catalogue';
import { startSimulator } from '../simulator/server';
import { useSimulator } from '../helpers/simulator';
import { codeOf, failure } from '../helpers/errors';
import { LONG_PODCAST, RADIO_SHOW } from '../helpers/sim-catalogue';
import { meantChapters } from '../helpers/sim-chapters';
import { v1Track } from '../simulator/routes/legacy';

const CATALOGUE = buildCatalogue();
/** Ordinary tracks of the simulator's default catalogue (the one startSimulator() serves). */
const TRACKS = CATALOGUE.tracks.filter((t) => t.role === null).slice(0, 3);
/** A client id of the seed chain's shape (32 letters and digits); the simulator accepts any such. */
const CLIENT_ID = 'a3e059563d7fd3372b49b37f00a00bcf';
const TTL_SECONDS = 300;
const OPTIONS = { userTrackCap: 500 };

function trackAt(index: number): SimTrack {
  const track = TRACKS[index];
  if (track === undefined) throw new Error(`no simulator track ${index}`);
  return track;
}

function withRole(role: NonNullable<SimTrack['role']>): SimTrack {
  const track = CATALOGUE.tracks.find((t) => t.role === role);
  if (track === undefined) throw new Error(`the catalogue has no ${role} track`);
  return track;
}

function legacyProvider(origin: string, options: { clientId?: string; fetch?: typeof fetch } = {}): Provider {
  const http = createHttp({
    origin,
    backoffBaseMs: 1,
    backoffMaxMs: 5,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  return createLegacyProvider({ http, clientId: options.clientId ?? CLIENT_ID, origin });
}

/** The one track a single-track link resolves to. */
function onlyTrack(resolved: ResolvedTrack[]): Track {
  expect(resolved).toHaveLength(1);
  const [first] = resolved;
  if (first?.ok !== true) throw new Error(`expected a track, got ${JSON.stringify(first)}`);
  return first.track;
}

/** The error code a provider call fails with, or 'ok'. */

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

describe('createLegacyProvider against the simulator', () => {
  // The chain as it answered from 2012 to 2019: the simulator's default is its retirement.
  const sim = useSimulator({ ttlSeconds: TTL_SECONDS, legacyApi: 'historical' });
  let provider: Provider;

  beforeAll(async () => {
    provider = legacyProvider(sim.origin);
  });

  it('is the legacy provider', () => {
    expect(provider.name).toBe('legacy');
  });

  it.each(TRACKS.map((t) => [t.title, t] as const))(
    'resolves %s to the catalogue entry',
    async (_title, track) => {
      const resolved = onlyTrack(await provider.resolve(permalinkOf(track), OPTIONS));
      expect(resolved).toMatchObject({
        id: track.id,
        permalink: permalinkOf(track),
        title: track.title,
        artist: track.user.username,
        durationMs: track.durationMs,
        access: 'playable',
        waveformUrl: `${sim.origin}/w1.sndcdn.com/${track.sid}_m.png`,
      });
      // The same track looked up by id (a retry) is the same track.
      await expect(provider.lookupTrack(track.id)).resolves.toEqual(resolved);
    },
  );

  it('rewrites the 500 px artwork to the simulator origin, where it can be fetched', async () => {
    const track = trackAt(0);
    expect(track.artworkId).not.toBeNull();
    const { artworkUrl } = onlyTrack(await provider.resolve(permalinkOf(track), OPTIONS));
    expect(artworkUrl).toBe(`${sim.origin}/i1.sndcdn.com/artworks-${track.artworkId}-t500x500.jpg`);
    const image = await fetch(artworkUrl ?? '');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    await image.body?.cancel();
  });

  it("falls back to the user's avatar for a track without artwork", async () => {
    const track = CATALOGUE.tracks.find((t) => t.artworkId === null);
    if (track === undefined) throw new Error('the catalogue has no track without artwork');
    const { artworkUrl } = onlyTrack(await provider.resolve(permalinkOf(track), OPTIONS));
    expect(artworkUrl).toBe(`${sim.origin}/i1.sndcdn.com/avatars-${track.user.avatarId}-t500x500.jpg`);
    const image = await fetch(artworkUrl ?? '');
    expect(image.status).toBe(200);
    await image.body?.cancel();
  });

  it('grants a progressive MP3 stream on the simulator that expires after the ttl', async () => {
    const track = trackAt(1);
    const before = Date.now();
    const grant = await provider.getStream(track.id);
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

  it('resolves a secret track through its token, and streams it', async () => {
    const secret = withRole('secret');
    const permalink = permalinkOf(secret);
    expect(permalink).toMatch(/\/s-[A-Za-z0-9]+$/);
    const resolved = onlyTrack(await provider.resolve(permalink, OPTIONS));
    expect(resolved).toMatchObject({ id: secret.id, permalink, title: secret.title });

    // The token learnt from the link goes along with the later calls for that track.
    const start = sim.requests.length;
    const grant = await provider.getStream(secret.id);
    expect(grant.url.startsWith(`${sim.origin}/cf-media.sndcdn.com/`)).toBe(true);
    expect(grant.preview).toBe(false);
    const asked = sim.requests.slice(start).find((r) => r.path === `/i1/tracks/${secret.id}/streams`);
    expect(new URLSearchParams(asked?.query).get('secret_token')).toBe(secret.secretToken);
    await expect(provider.lookupTrack(secret.id)).resolves.toEqual(resolved);
  });

  it('cannot find a secret track without its token', async () => {
    const secret = withRole('secret');
    const withoutToken = permalinkOf(secret).replace(/\/s-[A-Za-z0-9]+$/, '');
    expect(await codeOf(provider.resolve(withoutToken, OPTIONS))).toBe('NOT_FOUND');
    // A provider that never saw the link has no token for the id either.
    const fresh = legacyProvider(sim.origin);
    expect(await codeOf(fresh.getStream(secret.id))).toBe('NOT_FOUND');
    expect(await codeOf(fresh.lookupTrack(secret.id))).toBe('NOT_FOUND');
  });

  it('refuses sets and user pages as INVALID_LINK: the seed chain plays single tracks only', async () => {
    const playlist = CATALOGUE.playlists[0];
    const user = CATALOGUE.users[0];
    if (playlist === undefined || user === undefined) throw new Error('the catalogue has no set or user');
    for (const link of [playlistPermalinkOf(playlist), userPermalinkOf(user)]) {
      const failure = await provider.resolve(link, OPTIONS).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(SoundCloudError);
      expect(failure).toMatchObject({
        code: 'INVALID_LINK',
        message: expect.stringMatching(/single tracks/),
      });
    }
  });

  it('takes a track’s API URL or embed by its id, secret token kept', async () => {
    const secret = withRole('secret');
    const token = secret.secretToken ?? '';
    for (const link of [
      `https://api.soundcloud.com/tracks/${trackAt(0).id}`,
      `https://api.soundcloud.com/tracks/${secret.id}?secret_token=${token}`,
    ]) {
      const resolved = onlyTrack(await provider.resolve(link, OPTIONS));
      expect(resolved.id, link).toBe(link.includes(token) ? secret.id : trackAt(0).id);
    }
    expect((await provider.getStream(secret.id)).url).toContain(sim.origin);
  });

  it('refuses every list (tabs, stations, sets by id) with the same reason', async () => {
    const track = trackAt(0);
    for (const link of [
      `${userPermalinkOf(track.user)}/likes`,
      `${permalinkOf(track)}/recommended`,
      `https://soundcloud.com/stations/track/${track.user.permalink}/${track.slug}`,
      'https://soundcloud.com/discover/sets/charts-top:all-music',
      `https://api.soundcloud.com/playlists/${CATALOGUE.playlists[0]?.id ?? 0}`,
      `https://api.soundcloud.com/users/${track.user.id}`,
    ]) {
      const error = await failure(provider.resolve(link, OPTIONS));
      expect(error.code, link).toBe('INVALID_LINK');
      expect(error.message, link).toMatch(/single tracks/);
    }
  });

  it('gives a 30-second preview grant for a preview-only track', async () => {
    const track = withRole('preview-only');
    const resolved = onlyTrack(await provider.resolve(permalinkOf(track), OPTIONS));
    expect(resolved.id).toBe(track.id);
    const before = Date.now();
    const grant = await provider.getStream(track.id);
    expect(grant).toMatchObject({ protocol: 'progressive', mimeType: 'audio/mpeg', preview: true });
    expect(grant.url.startsWith(`${sim.origin}/cf-preview-media.sndcdn.com/preview/`)).toBe(true);
    expect(grant.expiresAt).toBeGreaterThan(before);
    const media = await fetch(grant.url, { headers: { range: 'bytes=0-3' } });
    expect(media.status).toBe(206);
    await media.body?.cancel();
  });

  it('marks a track SoundCloud does not stream as blocked', async () => {
    const track = withRole('geo-blocked');
    const resolved = onlyTrack(await provider.resolve(permalinkOf(track), OPTIONS));
    expect(resolved).toMatchObject({ id: track.id, access: 'blocked' });
    expect(await codeOf(provider.getStream(track.id))).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND for a permalink the service does not know, or a removed track', async () => {
    expect(await codeOf(provider.resolve('https://soundcloud.com/nobody/nothing', OPTIONS))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(provider.resolve(permalinkOf(withRole('removed')), OPTIONS))).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND for a track id the service does not know', async () => {
    expect(await codeOf(provider.getStream(999_999))).toBe('NOT_FOUND');
    expect(await codeOf(provider.lookupTrack(999_999))).toBe('NOT_FOUND');
    expect(await codeOf(provider.getStream(withRole('removed').id))).toBe('NOT_FOUND');
  });

  it('answers UNAUTHORIZED when the client id is refused', async () => {
    const refused = legacyProvider(sim.origin, { clientId: 'not-a-client-id' });
    expect(await codeOf(refused.resolve(permalinkOf(trackAt(0)), OPTIONS))).toBe('UNAUTHORIZED');
    expect(await codeOf(refused.getStream(trackAt(0).id))).toBe('UNAUTHORIZED');
    expect(await codeOf(refused.lookupTrack(trackAt(0).id))).toBe('UNAUTHORIZED');
  });

  it('never talks to anything but the simulator origin', async () => {
    const urls: string[] = [];
    const recording: typeof fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    const watched = legacyProvider(sim.origin, { fetch: recording });
    const track = trackAt(2);
    const start = sim.requests.length;
    onlyTrack(await watched.resolve(permalinkOf(track), OPTIONS));
    await watched.getStream(track.id);

    expect(urls).toHaveLength(3);
    for (const url of urls) expect(url.startsWith(`${sim.origin}/`)).toBe(true);
    await vi.waitFor(() => expect(sim.requests.length).toBeGreaterThanOrEqual(start + 3));
    expect(sim.requests.slice(start, start + 3).map((r) => `${r.host}${r.path}`)).toEqual([
      'api.sndcdn.com/resolve',
      `api.soundcloud.com/tracks/${track.id}`,
      `api.sndcdn.com/i1/tracks/${track.id}/streams`,
    ]);
  });
});

describe('createLegacyProvider when the server misbehaves', () => {
  const servers: Server[] = [];

  afterEach(async () => {
    await Promise.all(servers.splice(0).map(closeServer));
    vi.restoreAllMocks();
  });

  it('answers NETWORK when nothing listens at the origin', async () => {
    const closed = await startSimulator();
    await closed.close();
    const provider = legacyProvider(closed.origin);
    expect(await codeOf(provider.resolve(permalinkOf(trackAt(0)), OPTIONS))).toBe('NETWORK');
    expect(await codeOf(provider.getStream(trackAt(0).id))).toBe('NETWORK');
  });

  /** The legacy provider on a loopback server that gives every request the same answer. */
  async function providerAnswered(status: number, type: string, body: string) {
    const fixed = await startFixedServer(status, type, body);
    servers.push(fixed.server);
    return legacyProvider(fixed.origin);
  }

  it.each([
    ['a 200 with HTML', 200, 'text/html', '<!doctype html><html><body>Service Unavailable</body></html>'],
    ['a 200 with plain text', 200, 'text/plain', 'ok'],
    ['a 200 with JSON of the wrong shape', 200, 'application/json', '{"http_mp3_128_url":42,"location":7}'],
    ['an HTML error page', 502, 'text/html', '<html><body>Bad Gateway</body></html>'],
  ])('answers SERVER to %s, from resolve, getStream and lookupTrack', async (_label, status, type, body) => {
    const provider = await providerAnswered(status, type, body);
    expect(await codeOf(provider.resolve(permalinkOf(trackAt(0)), OPTIONS))).toBe('SERVER');
    expect(await codeOf(provider.getStream(trackAt(0).id))).toBe('SERVER');
    expect(await codeOf(provider.lookupTrack(trackAt(0).id))).toBe('SERVER');
  });

  it('says the API is retired when it answers 401, whatever the client id, from resolve and getStream', async () => {
    const unauthorized = '{"errors":[{"error_message":"401 - Unauthorized"}]}';
    const provider = await providerAnswered(401, 'application/json', unauthorized);
    for (const work of [
      provider.resolve(permalinkOf(trackAt(0)), OPTIONS),
      provider.getStream(trackAt(0).id),
    ]) {
      expect((await failure(work)).toAppError()).toEqual({ code: 'UNAUTHORIZED', message: RETIRED_MESSAGE });
    }
  });
});

describe("chapters from the v1 track's description", () => {
  const servers: Server[] = [];

  afterEach(async () => {
    await Promise.all(servers.splice(0).map(closeServer));
  });

  /** The track as the seed chain answered it (2012–2019), with `changes`, looked up by its API URL. */
  async function resolvedWith(track: SimTrack, changes: Record<string, unknown>): Promise<Track> {
    const fixed = await startFixedServer(
      200,
      'application/json',
      JSON.stringify({ ...v1Track(track), ...changes }),
    );
    servers.push(fixed.server);
    const link = `https://api.soundcloud.com/tracks/${track.id}`;
    return onlyTrack(await legacyProvider(fixed.origin).resolve(link, OPTIONS));
  }

  it('reads a tracklist as chapters, and finds none in prose, in an odd description or in none', async () => {
    expect(RADIO_SHOW.description).not.toBeNull();
    const show = await resolvedWith(RADIO_SHOW, { description: RADIO_SHOW.description });
    expect(show.chapters).toEqual(meantChapters(RADIO_SHOW));
    expect(show.chapters?.length).toBeGreaterThanOrEqual(10);
    const podcast = await resolvedWith(LONG_PODCAST, { description: LONG_PODCAST.description });
    expect(podcast.chapters).toEqual([]);
    expect((await resolvedWith(RADIO_SHOW, { description: { text: 'x' } })).chapters).toEqual([]);
    expect((await resolvedWith(RADIO_SHOW, {})).chapters).toEqual([]);
  });
});

describe('the retired chain, as SoundCloud answers it today', () => {
  const sim = useSimulator();

  it('says the API is retired, from resolve and getStream, and points to the Web API', async () => {
    const provider = legacyProvider(sim.origin);
    for (const work of [
      provider.resolve(permalinkOf(trackAt(0)), OPTIONS),
      provider.getStream(trackAt(0).id),
    ]) {
      expect((await failure(work)).toAppError()).toEqual({ code: 'UNAUTHORIZED', message: RETIRED_MESSAGE });
    }
  });
});

describe('the seed chain under every fault the simulator injects', () => {
  const sim = useSimulator({ legacyApi: 'historical' });
  let provider: Provider;

  // A client of its own per case: a bot check pauses its route for every request of the same client.
  const newProvider = (): Provider =>
    createLegacyProvider({
      http: createHttp({
        origin: sim.origin,
        backoffBaseMs: 1,
        backoffMaxMs: 5,
        connectTimeoutMs: 300,
        totalTimeoutMs: 600,
        // How long a 429 is waited out before the request fails RATE_LIMITED.
        waitBoundMs: 1_000,
      }),
      clientId: CLIENT_ID,
      origin: sim.origin,
    });

  beforeEach(() => {
    provider = newProvider();
  });

  afterEach(() => sim.clearFaults());

  const permalink = (): string => permalinkOf(trackAt(0));

  // One failure on each step of the chain: retried and recovered from (a body cut short is fetched again),
  // except a bot check (never retried).
  it.each([
    ['429', 'ok'],
    ['429-retry-after', 'ok'],
    ['500', 'ok'],
    ['503', 'ok'],
    ['reset', 'ok'],
    ['hang', 'ok'],
    ['truncated-json', 'ok'],
    ['challenge', 'CHALLENGED'],
  ] as const)('recovers from one %s, or says why not (%s)', async (kind, expected) => {
    for (const route of ['api.sndcdn.com/resolve', 'api.soundcloud.com/tracks/*', 'api.sndcdn.com/i1/*']) {
      sim.clearFaults();
      sim.addFault({ route, kind, count: 1, retryAfter: 0 });
      const fresh = newProvider();
      const work = route.includes('i1')
        ? fresh.getStream(trackAt(0).id)
        : fresh.resolve(permalink(), OPTIONS);
      expect(await codeOf(work), route).toBe(expected);
    }
  });

  it.each([
    ['429', 'RATE_LIMITED'],
    ['500', 'SERVER'],
    ['503', 'SERVER'],
    ['reset', 'NETWORK'],
    ['hang', 'NETWORK'],
  ] as const)('a lasting %s fails the link with %s', async (kind, expected) => {
    sim.addFault({ route: 'api.sndcdn.com/resolve', kind });
    expect(await codeOf(provider.resolve(permalink(), OPTIONS))).toBe(expected);
  });
});
