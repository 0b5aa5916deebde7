// Covers the simulator's official API over real HTTP: OAuth tokens, resolve, tracks, streams, sets and paging.
import { shortLinkCode } from '../simulator/routes/web';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import {
  LARGE_SET_SIZE,
  permalinkOf,
  playlistPermalinkOf,
  userPermalinkOf,
  type Role,
  type SimPlaylist,
  type SimTrack,
} from '../simulator/catalogue';
import type { Simulator } from '../simulator/server';
import { useSimulator, viaSim } from '../helpers/simulator';

// ----- what the answers must look like ---------------------------------------------------------------

const TokenSchema = z.strictObject({
  access_token: z.string().min(16),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(16),
  token_type: z.literal('bearer'),
  scope: z.literal(''),
});

const OAuthErrorSchema = z.object({
  error: z.enum(['invalid_request', 'invalid_client', 'invalid_grant', 'unsupported_grant_type']),
  error_description: z.string().min(1),
});

const OfficialErrorSchema = z.object({
  code: z.number().int(),
  message: z.string(),
  link: z.url(),
  status: z.string(),
  errors: z.array(z.unknown()),
  error: z.null(),
});

/** An official API object of `kind`: its kind, integer id and URN (`soundcloud:<kind>s:<id>`) first, then `shape`. */
function entitySchema<K extends string, S extends z.ZodRawShape>(kind: K, shape: S) {
  const urn = new RegExp(`^soundcloud:${kind}s:\\d+$`);
  return z.object({ kind: z.literal(kind), id: z.number().int(), urn: z.string().regex(urn), ...shape });
}

const UserSchema = entitySchema('user', {
  username: z.string(),
  permalink_url: z.url(),
  avatar_url: z.url(),
});

const TrackSchema = entitySchema('track', {
  title: z.string(),
  duration: z.number().int().positive(),
  permalink_url: z.url(),
  artwork_url: z.url().nullable(),
  waveform_url: z.url(),
  stream_url: z.url(),
  uri: z.url(),
  streamable: z.boolean(),
  access: z.enum(['playable', 'preview', 'blocked']),
  sharing: z.enum(['public', 'private']),
  secret_token: z.string().nullable(),
  created_at: z.string().regex(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \+0000$/),
  genre: z.string(),
  user: UserSchema,
});
type Track = z.infer<typeof TrackSchema>;

const PlaylistSchema = entitySchema('playlist', {
  title: z.string(),
  permalink_url: z.url(),
  artwork_url: z.url().nullable(),
  track_count: z.number().int(),
  duration: z.number().int(),
  user: UserSchema,
  tracks: z.array(TrackSchema).optional(),
});

const StreamsSchema = z.strictObject({
  hls_aac_160_url: z.url().optional(),
  http_mp3_128_url: z.url().optional(),
  hls_mp3_128_url: z.url().optional(),
  preview_mp3_128_url: z.url().optional(),
});

const PageSchema = z.object({ collection: z.array(TrackSchema), next_href: z.url().nullable() });

const RedirectSchema = z.object({ status: z.literal('302 - Found'), location: z.url() });

// ----- helpers ---------------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function answer(response: Response): Promise<Answer> {
  const raw = await response.text();
  return { status: response.status, headers: response.headers, body: raw === '' ? null : JSON.parse(raw) };
}

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

async function postToken(
  sim: Simulator,
  form: Record<string, string>,
  authorization: string | null = null,
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (authorization !== null) headers['authorization'] = authorization;
  const response = await fetch(`${sim.origin}/secure.soundcloud.com/oauth/token`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(form).toString(),
  });
  return answer(response);
}

async function clientCredentials(sim: Simulator): Promise<z.infer<typeof TokenSchema>> {
  const { clientId, clientSecret } = sim.officialApp;
  const { status, body } = await postToken(
    sim,
    { grant_type: 'client_credentials' },
    basic(clientId, clientSecret),
  );
  expect(status).toBe(200);
  return TokenSchema.parse(body);
}

/** An api.soundcloud.com request; redirects are returned, not followed. */
async function api(
  sim: Simulator,
  pathOrUrl: string,
  token: string | null,
  method: 'GET' | 'HEAD' = 'GET',
): Promise<Answer> {
  const url = pathOrUrl.startsWith('https://')
    ? viaSim(sim, pathOrUrl)
    : `${sim.origin}/api.soundcloud.com${pathOrUrl}`;
  const headers: Record<string, string> = token === null ? {} : { authorization: `OAuth ${token}` };
  return answer(await fetch(url, { method, headers, redirect: 'manual' }));
}

function byRole(sim: Simulator, role: Role | null): SimTrack {
  const track = sim.catalogue.tracks.find((t) => t.role === role);
  if (track === undefined) throw new Error(`no track with role ${String(role)}`);
  return track;
}

function archiveSet(sim: Simulator): SimPlaylist {
  const set = sim.catalogue.playlists.find((p) => p.tracks.length === LARGE_SET_SIZE);
  if (set === undefined) throw new Error('no archive set');
  return set;
}

function smallSet(sim: Simulator): SimPlaylist {
  const set = sim.catalogue.playlists.find((p) => p.tracks.length < LARGE_SET_SIZE);
  if (set === undefined) throw new Error('no small set');
  return set;
}

function resolvePath(url: string): string {
  return `/resolve?${new URLSearchParams({ url }).toString()}`;
}

function tokenRequests(sim: Simulator): number {
  return sim.requests.filter(
    (r) => r.host === 'secure.soundcloud.com' && r.path === '/oauth/token' && r.status === 200,
  ).length;
}

// ----- tests -----------------------------------------------------------------------------------------

describe('simulator: official API', () => {
  const sim = useSimulator();
  let token: string;

  beforeAll(async () => {
    token = (await clientCredentials(sim)).access_token;
  });

  describe('OAuth tokens', () => {
    it('issues a token pair for client credentials sent with Basic authentication', async () => {
      const issued = await clientCredentials(sim);
      expect(issued.expires_in).toBe(3599);
      expect(issued.access_token).not.toBe(token);
      expect(issued.refresh_token).not.toBe(issued.access_token);
    });

    it('accepts the client credentials in the form body too', async () => {
      const { clientId, clientSecret } = sim.officialApp;
      const { status, body } = await postToken(sim, {
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      });
      expect(status).toBe(200);
      expect(TokenSchema.safeParse(body).success).toBe(true);
    });

    it('answers JSON with no-store caching', async () => {
      const { clientId, clientSecret } = sim.officialApp;
      const { headers } = await postToken(
        sim,
        { grant_type: 'client_credentials' },
        basic(clientId, clientSecret),
      );
      expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(headers.get('cache-control')).toBe('no-store');
    });

    it('trades a refresh token for a new pair once, and refuses it the second time', async () => {
      const { clientId, clientSecret } = sim.officialApp;
      const first = await clientCredentials(sim);
      const form = { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: clientId };
      const refreshed = await postToken(sim, { ...form, client_secret: clientSecret });
      expect(refreshed.status).toBe(200);
      const pair = TokenSchema.parse(refreshed.body);
      expect(pair.access_token).not.toBe(first.access_token);
      expect(pair.refresh_token).not.toBe(first.refresh_token);
      expect((await api(sim, `/users/${sim.catalogue.users[0]?.id ?? 0}`, pair.access_token)).status).toBe(
        200,
      );

      const reused = await postToken(sim, { ...form, client_secret: clientSecret });
      expect(reused.status).toBe(400);
      expect(OAuthErrorSchema.parse(reused.body).error).toBe('invalid_grant');
    });

    it('refuses an unknown refresh token with invalid_grant and a missing one with invalid_request', async () => {
      const { clientId, clientSecret } = sim.officialApp;
      const auth = basic(clientId, clientSecret);
      const unknown = await postToken(sim, { grant_type: 'refresh_token', refresh_token: 'nope' }, auth);
      expect(unknown.status).toBe(400);
      expect(OAuthErrorSchema.parse(unknown.body).error).toBe('invalid_grant');
      const missing = await postToken(sim, { grant_type: 'refresh_token' }, auth);
      expect(missing.status).toBe(400);
      expect(OAuthErrorSchema.parse(missing.body).error).toBe('invalid_request');
    });

    it('refuses a wrong secret or an unknown client with 401 invalid_client', async () => {
      const { clientId } = sim.officialApp;
      const wrong = await postToken(
        sim,
        { grant_type: 'client_credentials' },
        basic(clientId, 'wrong-secret'),
      );
      expect(wrong.status).toBe(401);
      expect(OAuthErrorSchema.parse(wrong.body).error).toBe('invalid_client');
      expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic /);
      const none = await postToken(sim, { grant_type: 'client_credentials' });
      expect(none.status).toBe(401);
      expect(OAuthErrorSchema.parse(none.body).error).toBe('invalid_client');
    });

    it('refuses an unsupported grant type, and a request without one', async () => {
      const { clientId, clientSecret } = sim.officialApp;
      const auth = basic(clientId, clientSecret);
      const password = await postToken(sim, { grant_type: 'password', username: 'a', password: 'b' }, auth);
      expect(password.status).toBe(400);
      expect(password.body).toMatchObject({ error: 'unsupported_grant_type' });
      const empty = await postToken(sim, {}, auth);
      expect(empty.status).toBe(400);
      expect(OAuthErrorSchema.parse(empty.body).error).toBe('invalid_request');
    });

    it('refuses a JSON body and other methods', async () => {
      const { clientId, clientSecret } = sim.officialApp;
      const asJson = await fetch(`${sim.origin}/secure.soundcloud.com/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basic(clientId, clientSecret) },
        body: JSON.stringify({ grant_type: 'client_credentials' }),
      });
      expect(asJson.status).toBe(400);
      expect(OAuthErrorSchema.parse(await asJson.json()).error).toBe('invalid_request');
      const get = await fetch(`${sim.origin}/secure.soundcloud.com/oauth/token`);
      expect(get.status).toBe(405);
    });

    it('logs every token it issues, so a test can count them', async () => {
      const before = tokenRequests(sim);
      await clientCredentials(sim);
      await clientCredentials(sim);
      expect(tokenRequests(sim)).toBe(before + 2);
    });

    it('stops accepting an access token once it has expired', async () => {
      sim.configure({ tokenTtlSeconds: 1 });
      try {
        const short = await clientCredentials(sim);
        expect(short.expires_in).toBe(1);
        const path = `/tracks/${byRole(sim, null).id}`;
        expect((await api(sim, path, short.access_token)).status).toBe(200);
        await sleep(1100);
        const late = await api(sim, path, short.access_token);
        expect(late.status).toBe(401);
        expect(OfficialErrorSchema.parse(late.body).status).toBe('401 - Unauthorized');
      } finally {
        sim.configure({ tokenTtlSeconds: 3599 });
      }
    });
  });

  describe('authorization', () => {
    const routes = (s: Simulator): string[] => {
      const track = byRole(s, null);
      const set = archiveSet(s);
      const user = s.catalogue.users[0];
      return [
        resolvePath(permalinkOf(track)),
        `/tracks/${track.id}`,
        `/tracks/${track.urn}`,
        `/tracks/${track.urn}/streams`,
        `/tracks/${track.urn}/streams/${track.uuid}/hls-aac`,
        `/tracks/${track.urn}/streams/${track.uuid}/progressive`,
        `/tracks/${track.urn}/stream`,
        `/tracks?urns=${track.urn}`,
        `/playlists/${set.urn}`,
        `/playlists/${set.urn}/tracks?linked_partitioning=true`,
        `/users/${user?.id ?? 0}`,
        `/users/${user?.urn ?? ''}/tracks`,
        '/no/such/route',
      ];
    };

    it('answers 401 with the official error body on every route without Authorization', async () => {
      for (const path of routes(sim)) {
        const { status, body } = await api(sim, path, null);
        expect(status, path).toBe(401);
        expect(OfficialErrorSchema.parse(body)).toMatchObject({ code: 401, status: '401 - Unauthorized' });
      }
    });

    it('answers 401 for an unknown token and for a token sent in another scheme', async () => {
      const path = `/tracks/${byRole(sim, null).id}`;
      expect((await api(sim, path, 'not-a-token')).status).toBe(401);
      const otherScheme = await fetch(`${sim.origin}/api.soundcloud.com${path}`, {
        headers: { authorization: `Basic ${token}` },
      });
      expect(otherScheme.status).toBe(401);
    });
  });

  describe('resolve', () => {
    it('redirects a track permalink to its API URL', async () => {
      const track = byRole(sim, null);
      const { status, headers, body } = await api(sim, resolvePath(permalinkOf(track)), token);
      expect(status).toBe(302);
      const location = `https://api.soundcloud.com/tracks/${track.id}`;
      expect(headers.get('location')).toBe(location);
      expect(RedirectSchema.parse(body).location).toBe(location);
      const followed = await api(sim, location, token);
      expect(TrackSchema.parse(followed.body).id).toBe(track.id);
    });

    it('redirects a set and a user permalink to their API URLs', async () => {
      const set = smallSet(sim);
      const playlist = await api(sim, resolvePath(playlistPermalinkOf(set)), token);
      expect(playlist.status).toBe(302);
      expect(playlist.headers.get('location')).toBe(`https://api.soundcloud.com/playlists/${set.id}`);
      const user = set.user;
      const person = await api(sim, resolvePath(userPermalinkOf(user)), token);
      expect(person.status).toBe(302);
      expect(person.headers.get('location')).toBe(`https://api.soundcloud.com/users/${user.id}`);
      const followed = await api(sim, `https://api.soundcloud.com/users/${user.id}`, token);
      expect(UserSchema.parse(followed.body).urn).toBe(user.urn);
    });

    it('accepts an on.soundcloud.com short link, tracking query and all', async () => {
      const track = byRole(sim, null);
      const short = `https://on.soundcloud.com/${shortLinkCode('track', track.id)}?si=abc&utm_source=clipboard`;
      const { status, headers } = await api(sim, resolvePath(short), token);
      expect(status).toBe(302);
      expect(headers.get('location')).toBe(`https://api.soundcloud.com/tracks/${track.id}`);
      const unknown = await api(sim, resolvePath('https://on.soundcloud.com/Zzzzzz'), token);
      expect(unknown.status).toBe(404);
    });

    it('keeps the secret token of a private link in the Location', async () => {
      const secret = byRole(sim, 'secret');
      const { status, headers } = await api(sim, resolvePath(permalinkOf(secret)), token);
      expect(status).toBe(302);
      const location = headers.get('location') ?? '';
      expect(location).toBe(
        `https://api.soundcloud.com/tracks/${secret.id}?secret_token=${secret.secretToken ?? ''}`,
      );
      expect((await api(sim, location, token)).status).toBe(200);
    });

    it('answers 404 for unknown, removed or token-less private permalinks', async () => {
      const secret = byRole(sim, 'secret');
      for (const url of [
        'https://soundcloud.com/nobody-here/nothing',
        permalinkOf(byRole(sim, 'removed')),
        permalinkOf(secret).replace(`/${secret.secretToken ?? ''}`, ''),
        'https://example.com/night-owl-radio',
      ]) {
        const { status, body } = await api(sim, resolvePath(url), token);
        expect(status, url).toBe(404);
        expect(OfficialErrorSchema.parse(body).code).toBe(404);
      }
    });
  });

  describe('tracks', () => {
    it('answers the same track JSON by id, by urn and by URL-encoded urn', async () => {
      const track = byRole(sim, null);
      const bodies: Track[] = [];
      for (const ref of [String(track.id), track.urn, encodeURIComponent(track.urn)]) {
        const { status, headers, body } = await api(sim, `/tracks/${ref}`, token);
        expect(status, ref).toBe(200);
        expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
        bodies.push(TrackSchema.parse(body));
      }
      const [first] = bodies;
      expect(first).toMatchObject({
        id: track.id,
        urn: track.urn,
        title: track.title,
        duration: track.durationMs,
        permalink_url: permalinkOf(track),
        access: 'playable',
        streamable: true,
        sharing: 'public',
        secret_token: null,
        stream_url: `https://api.soundcloud.com/tracks/${track.urn}/stream`,
        user: { id: track.user.id, urn: track.user.urn, username: track.user.username },
      });
      expect(bodies[1]).toEqual(first);
      expect(bodies[2]).toEqual(first);
    });

    it('gives each role its access value', async () => {
      const expected: [Role | null, Track['access']][] = [
        [null, 'playable'],
        ['aac-only-official', 'playable'],
        ['hls-only', 'playable'],
        ['no-artwork', 'playable'],
        ['preview-only', 'preview'],
        ['geo-blocked', 'blocked'],
        ['drm-only', 'blocked'],
      ];
      for (const [role, access] of expected) {
        const { status, body } = await api(sim, `/tracks/${byRole(sim, role).urn}`, token);
        expect(status, String(role)).toBe(200);
        const track = TrackSchema.parse(body);
        expect(track.access, String(role)).toBe(access);
        expect(track.streamable, String(role)).toBe(access !== 'blocked');
      }
    });

    it('has no artwork for the no-artwork track', async () => {
      const { body } = await api(sim, `/tracks/${byRole(sim, 'no-artwork').id}`, token);
      expect(TrackSchema.parse(body).artwork_url).toBeNull();
    });

    it('answers 404 for a removed track, an unknown id, or a URN of another kind', async () => {
      const removed = byRole(sim, 'removed');
      for (const ref of [String(removed.id), removed.urn, '1', 'soundcloud:users:1', 'banana']) {
        const { status, body } = await api(sim, `/tracks/${ref}`, token);
        expect(status, ref).toBe(404);
        expect(OfficialErrorSchema.parse(body).status).toBe('404 - Not Found');
      }
    });

    it('shows a private track only with its secret token', async () => {
      const secret = byRole(sim, 'secret');
      expect((await api(sim, `/tracks/${secret.urn}`, token)).status).toBe(404);
      expect((await api(sim, `/tracks/${secret.urn}?secret_token=s-wrong`, token)).status).toBe(404);
      const { status, body } = await api(
        sim,
        `/tracks/${secret.urn}?secret_token=${secret.secretToken ?? ''}`,
        token,
      );
      expect(status).toBe(200);
      expect(TrackSchema.parse(body)).toMatchObject({ sharing: 'private', secret_token: secret.secretToken });
    });

    it('multi-gets by urns and by ids, leaving out unknown, removed and private tracks', async () => {
      const wanted = [byRole(sim, null), byRole(sim, 'preview-only')];
      const missing = [byRole(sim, 'removed').urn, byRole(sim, 'secret').urn, 'soundcloud:tracks:1'];
      const urns = [...wanted.map((t) => t.urn), ...missing].join(',');
      const byUrn = await api(sim, `/tracks?urns=${encodeURIComponent(urns)}`, token);
      expect(byUrn.status).toBe(200);
      const found = z.array(TrackSchema).parse(byUrn.body);
      expect(found.map((t) => t.id).sort()).toEqual(wanted.map((t) => t.id).sort());

      const ids = [...wanted.map((t) => t.id), byRole(sim, 'removed').id, 1].join(',');
      const byId = await api(sim, `/tracks?ids=${ids}`, token);
      expect(z.array(TrackSchema).parse(byId.body)).toHaveLength(2);
    });
  });

  describe('streams', () => {
    // These tests are about the shape before the 2025 deprecation (MP3 fields included); the AAC-only
    // default has its own tests in simulator-2026.test.ts.
    beforeAll(() => {
      sim.configure({ officialStreams: 'with-mp3' });
    });
    afterAll(() => {
      sim.configure({ officialStreams: 'aac-only' });
    });

    async function streams(track: SimTrack): Promise<z.infer<typeof StreamsSchema>> {
      const secret = track.secretToken === null ? '' : `?secret_token=${track.secretToken}`;
      const { status, body } = await api(sim, `/tracks/${track.urn}/streams${secret}`, token);
      expect(status).toBe(200);
      return StreamsSchema.parse(body);
    }

    /** The signed CDN URL an API stream URL redirects to. */
    async function target(url: string, method: 'GET' | 'HEAD' = 'GET'): Promise<URL> {
      const { status, headers } = await api(sim, url, token, method);
      expect(status).toBe(302);
      return new URL(headers.get('location') ?? '');
    }

    it('lists AAC and both MP3 streams for an ordinary track, as API URLs under the track', async () => {
      const track = byRole(sim, null);
      const body = await streams(track);
      const base = `https://api.soundcloud.com/tracks/${track.urn}/streams/${track.uuid}`;
      expect(body).toEqual({
        hls_aac_160_url: `${base}/hls-aac`,
        http_mp3_128_url: `${base}/progressive`,
        hls_mp3_128_url: `${base}/hls`,
      });
    });

    it('lists only AAC for the aac-only-official track', async () => {
      const body = await streams(byRole(sim, 'aac-only-official'));
      expect(Object.keys(body)).toEqual(['hls_aac_160_url']);
    });

    it('lists no progressive MP3 for the hls-only track', async () => {
      const body = await streams(byRole(sim, 'hls-only'));
      expect(Object.keys(body).sort()).toEqual(['hls_aac_160_url', 'hls_mp3_128_url']);
    });

    it('lists only the preview for the Go+ track', async () => {
      const body = await streams(byRole(sim, 'preview-only'));
      expect(Object.keys(body)).toEqual(['preview_mp3_128_url']);
    });

    it('answers an empty object for geo-blocked and DRM-only tracks', async () => {
      expect(await streams(byRole(sim, 'geo-blocked'))).toEqual({});
      expect(await streams(byRole(sim, 'drm-only'))).toEqual({});
    });

    it('needs the secret token for a private track, and puts it in the stream URLs', async () => {
      const secret = byRole(sim, 'secret');
      expect((await api(sim, `/tracks/${secret.urn}/streams`, token)).status).toBe(404);
      const body = await streams(secret);
      const aac = body.hls_aac_160_url ?? '';
      expect(aac).toContain(`secret_token=${secret.secretToken ?? ''}`);
      expect((await target(aac)).host).toBe('playback.media-streaming.soundcloud.cloud');
    });

    it('redirects the AAC URL to a signed playlist on the AAC host, with expires= first', async () => {
      const track = byRole(sim, 'aac-only-official');
      const url = await target((await streams(track)).hls_aac_160_url ?? '');
      expect(url.host).toBe('playback.media-streaming.soundcloud.cloud');
      expect(url.pathname).toBe(`/${track.sid}/aac_160k/${track.uuid}/playlist.m3u8`);
      expect([...url.searchParams.keys()]).toEqual(['expires', 'Policy', 'Signature', 'Key-Pair-Id']);
      expect(Number(url.searchParams.get('expires'))).toBeGreaterThan(Date.now() / 1000);
    });

    it('redirects the MP3 URLs to signed CloudFront URLs, for GET and HEAD alike', async () => {
      const track = byRole(sim, null);
      const body = await streams(track);
      for (const method of ['GET', 'HEAD'] as const) {
        const progressive = await target(body.http_mp3_128_url ?? '', method);
        expect(progressive.host).toBe('cf-media.sndcdn.com');
        expect(progressive.pathname).toBe(`/${track.sid}.128.mp3`);
        expect([...progressive.searchParams.keys()]).toEqual(['Policy', 'Signature', 'Key-Pair-Id']);
      }
      const hls = await target(body.hls_mp3_128_url ?? '');
      expect(hls.host).toBe('cf-hls-media.sndcdn.com');
      expect(hls.pathname).toBe(`/playlist/${track.sid}.128.mp3/playlist.m3u8`);
      expect(hls.searchParams.has('Policy')).toBe(true);
    });

    it('answers the redirect with a small JSON body naming the location', async () => {
      const body = await streams(byRole(sim, null));
      const { body: redirect, headers } = await api(sim, body.http_mp3_128_url ?? '', token);
      expect(RedirectSchema.parse(redirect).location).toBe(headers.get('location'));
    });

    it('redirects the preview URL to the preview host', async () => {
      const track = byRole(sim, 'preview-only');
      const url = await target((await streams(track)).preview_mp3_128_url ?? '');
      expect(url.host).toBe('cf-preview-media.sndcdn.com');
      expect(url.pathname).toBe(`/preview/0/30/${track.sid}.128.mp3`);
    });

    it('serves the progressive target as MP3 audio', async () => {
      const url = await target((await streams(byRole(sim, null))).http_mp3_128_url ?? '');
      const media = await fetch(viaSim(sim, url.href));
      expect(media.status).toBe(200);
      expect(media.headers.get('content-type')).toBe('audio/mpeg');
      expect((await media.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    });

    it('refuses the stream URLs without Authorization, and unknown or unavailable ones', async () => {
      const track = byRole(sim, null);
      const body = await streams(track);
      expect((await api(sim, body.hls_aac_160_url ?? '', null)).status).toBe(401);
      expect((await api(sim, body.http_mp3_128_url ?? '', null, 'HEAD')).status).toBe(401);
      const base = `/tracks/${track.urn}/streams`;
      expect((await api(sim, `${base}/00000000-0000-4000-8000-000000000000/hls-aac`, token)).status).toBe(
        404,
      );
      expect((await api(sim, `${base}/${track.uuid}/opus`, token)).status).toBe(404);
      const aacOnly = byRole(sim, 'aac-only-official');
      expect(
        (await api(sim, `/tracks/${aacOnly.urn}/streams/${aacOnly.uuid}/progressive`, token)).status,
      ).toBe(404);
    });

    it('redirects the deprecated stream_url to a 30-second preview', async () => {
      const track = byRole(sim, null);
      const url = await target(`https://api.soundcloud.com/tracks/${track.urn}/stream`);
      expect(url.host).toBe('cf-preview-media.sndcdn.com');
      expect((await api(sim, `/tracks/${byRole(sim, 'geo-blocked').urn}/stream`, token)).status).toBe(404);
    });
  });

  describe('playlists and users', () => {
    it('answers a set with its tracks by id and by urn', async () => {
      const set = smallSet(sim);
      for (const ref of [String(set.id), set.urn]) {
        const { status, body } = await api(sim, `/playlists/${ref}?show_tracks=true`, token);
        expect(status, ref).toBe(200);
        const playlist = PlaylistSchema.parse(body);
        expect(playlist).toMatchObject({
          id: set.id,
          urn: set.urn,
          title: set.title,
          track_count: set.tracks.length,
        });
        expect(playlist.permalink_url).toBe(playlistPermalinkOf(set));
        expect(playlist.duration).toBe(set.tracks.reduce((sum, t) => sum + t.durationMs, 0));
        expect(playlist.tracks?.map((t) => t.urn)).toEqual(set.tracks.map((t) => t.urn));
      }
    });

    it('leaves the tracks out with show_tracks=false, and 404s an unknown set', async () => {
      const { body } = await api(sim, `/playlists/${smallSet(sim).urn}?show_tracks=false`, token);
      expect(PlaylistSchema.parse(body).tracks).toBeUndefined();
      expect((await api(sim, '/playlists/soundcloud:playlists:1', token)).status).toBe(404);
    });

    it('shows a secret set only with its secret token', async () => {
      const set = sim.catalogue.playlists.find((p) => p.secretToken !== null);
      if (set === undefined) throw new Error('no secret set in the catalogue');
      expect((await api(sim, `/playlists/${set.urn}`, token)).status).toBe(404);
      expect((await api(sim, `/playlists/${set.urn}?secret_token=s-wrong`, token)).status).toBe(404);
      const { status, body } = await api(sim, `/playlists/${set.urn}?secret_token=${set.secretToken}`, token);
      expect(status).toBe(200);
      expect(PlaylistSchema.parse(body).id).toBe(set.id);
    });

    it('pages through all 125 archive tracks exactly once by following next_href', async () => {
      const set = archiveSet(sim);
      const seen: number[] = [];
      const hrefs: string[] = [];
      let next: string | null = `/playlists/${set.urn}/tracks?linked_partitioning=true`;
      while (next !== null) {
        const { status, body } = await api(sim, next, token);
        expect(status).toBe(200);
        const page = PageSchema.parse(body);
        expect(page.collection.length).toBeLessThanOrEqual(50);
        seen.push(...page.collection.map((t) => t.id));
        next = page.next_href;
        if (next !== null) {
          expect(next.startsWith(`https://api.soundcloud.com/playlists/${set.urn}/tracks?`)).toBe(true);
          hrefs.push(next);
        }
      }
      expect(hrefs).toHaveLength(2);
      expect(seen).toEqual(set.tracks.map((t) => t.id));
      expect(new Set(seen).size).toBe(LARGE_SET_SIZE);
    });

    it('honours limit up to 200 and clamps beyond it', async () => {
      const set = archiveSet(sim);
      const small = PageSchema.parse(
        (await api(sim, `/playlists/${set.urn}/tracks?linked_partitioning=true&limit=7`, token)).body,
      );
      expect(small.collection).toHaveLength(7);
      expect(small.next_href).toContain('limit=7');
      const big = PageSchema.parse(
        (await api(sim, `/playlists/${set.urn}/tracks?linked_partitioning=true&limit=1000`, token)).body,
      );
      expect(big.collection).toHaveLength(LARGE_SET_SIZE);
      expect(big.next_href).toBeNull();
    });

    it('answers a bare array without linked_partitioning, and 400 for a forged cursor', async () => {
      const set = archiveSet(sim);
      const plain = await api(sim, `/playlists/${set.urn}/tracks`, token);
      expect(z.array(TrackSchema).parse(plain.body)).toHaveLength(50);
      const forged = await api(
        sim,
        `/playlists/${set.urn}/tracks?linked_partitioning=true&cursor=zzz`,
        token,
      );
      expect(forged.status).toBe(400);
    });

    it("answers a user and pages through the user's public tracks", async () => {
      // Full pages of public tracks: the kinder paging (realistic pages have their own tests).
      sim.configure({ realisticPaging: false });
      onTestFinished(() => void sim.configure({ realisticPaging: true }));
      const user = byRole(sim, 'secret').user;
      const { status, body } = await api(sim, `/users/${user.urn}`, token);
      expect(status).toBe(200);
      expect(UserSchema.parse(body)).toMatchObject({ id: user.id, username: user.username });
      const page = PageSchema.parse(
        (await api(sim, `/users/${user.id}/tracks?linked_partitioning=1&limit=2`, token)).body,
      );
      expect(page.collection).toHaveLength(2);
      expect(page.collection.every((t) => t.user.id === user.id && t.sharing === 'public')).toBe(true);
      expect(page.next_href).not.toBeNull();
    });
  });
});
