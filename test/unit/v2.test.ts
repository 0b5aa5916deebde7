// Covers the api-v2 provider (electron/soundcloud/v2.ts) against the simulator: the whole catalogue, faults, rotation.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClientIdStore, type ClientIdStore } from '../../electron/soundcloud/client-id';
import { toWireUrl } from '../../electron/soundcloud/hosts';
import { createHttp, type HttpOptions } from '../../electron/soundcloud/http';
import type { Provider, ResolvedTrack } from '../../electron/soundcloud/provider';
import {
  NO_STREAM_MESSAGE,
  NOT_STREAMABLE_MESSAGE,
  PROCESSING_MESSAGE,
  SHAPE_MESSAGE,
  UNAVAILABLE_MESSAGE,
} from '../../electron/soundcloud/answers';
import { createV2Provider } from '../../electron/soundcloud/v2';
import type { ErrorCode } from '../../shared/errors';
import type { StreamGrant, StreamPreference, Track } from '../../shared/ipc';
import {
  buildCatalogue,
  LARGE_SET_SIZE,
  permalinkOf,
  playlistPermalinkOf,
  tracksOfUser,
  userPermalinkOf,
  type SimTrack,
} from '../simulator/catalogue';
import { CHALLENGE_SHAPES } from '../simulator/challenges';
import type { FaultSpec } from '../simulator/faults';
import { type RequestRecord } from '../simulator/server';
import { requestsSince, useSimulator } from '../helpers/simulator';
import { failure as failureOf, codeOf } from '../helpers/errors';
import { LISTED, meantChapters, UNLISTED } from '../helpers/sim-chapters';

/** The catalogue startSimulator() serves (same default seed), readable while tests are collected. */
const CATALOGUE = buildCatalogue();
const BIG_CAP = 1000;
const FULL_SET_TRACKS = 5;

const sim = useSimulator();

afterEach(() => {
  sim.clearFaults();
});

interface Setup {
  provider: Provider;
  clientIds: ClientIdStore;
}

function setup(
  http: Partial<HttpOptions> = {},
  metadataMax?: number,
  streamPreference: StreamPreference = 'aac',
): Setup {
  // A 429 is waited out for a second at most, then fails RATE_LIMITED.
  const client = createHttp({
    origin: sim.origin,
    backoffBaseMs: 1,
    backoffMaxMs: 5,
    waitBoundMs: 1_000,
    ...http,
  });
  const clientIds = createClientIdStore({ http: client });
  const provider = createV2Provider({
    http: client,
    clientIds,
    origin: sim.origin,
    streamPreference: () => streamPreference,
    ...(metadataMax === undefined ? {} : { metadataMax }),
  });
  return { provider, clientIds };
}

const AAC = 'audio/mp4; codecs="mp4a.40.2"';

const homePageHits = (log: RequestRecord[]): number =>
  log.filter((r) => r.host === 'soundcloud.com' && r.path === '/').length;

const apiHits = (log: RequestRecord[], path: string | RegExp): RequestRecord[] =>
  log.filter(
    (r) =>
      r.host === 'api-v2.soundcloud.com' && (typeof path === 'string' ? r.path === path : path.test(r.path)),
  );

function simTrack(predicate: (t: SimTrack) => boolean): SimTrack {
  const track = CATALOGUE.tracks.find(predicate);
  if (track === undefined) throw new Error('no such track in the catalogue');
  return track;
}

const byRole = (role: SimTrack['role']): SimTrack => simTrack((t) => t.role === role);
const ORDINARY = CATALOGUE.tracks.filter((t) => t.role === null);
const firstOrdinary = (): SimTrack => simTrack((t) => t.role === null);

function tracksOf(results: ResolvedTrack[]): Track[] {
  return results.map((r) => {
    if (!r.ok) throw new Error(`expected a track, got ${r.error.code}: ${r.error.message}`);
    return r.track;
  });
}

async function resolveOne(provider: Provider, permalink: string): Promise<Track> {
  const [track, ...rest] = tracksOf(await provider.resolve(permalink, { userTrackCap: BIG_CAP }));
  if (track === undefined || rest.length > 0) throw new Error('expected exactly one track');
  return track;
}

/** Fetches what a grant points to, as the renderer would: the start of the MP3, or the HLS playlist. */
async function expectFetchable(grant: StreamGrant): Promise<void> {
  const headers: Record<string, string> = grant.protocol === 'progressive' ? { range: 'bytes=0-1023' } : {};
  const response = await fetch(grant.url, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  if (grant.protocol === 'progressive') {
    expect([200, 206]).toContain(response.status);
    expect(body.length).toBeGreaterThan(0);
  } else {
    expect(response.status).toBe(200);
    expect(body.toString('utf8')).toMatch(/^#EXTM3U/);
  }
}

/** fetch to the simulator that lets a test rewrite the JSON of chosen answers (by wire path). */
function rewritingFetch(rewrite: (path: string, body: unknown) => unknown): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return response;
    const body: unknown = await response.json();
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(rewrite(path, body)), { status: response.status, headers });
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// --- Every catalogue entry ---------------------------------------------------------------------------------

describe('every track of the catalogue', () => {
  let shared: Setup;
  beforeAll(() => {
    shared = setup();
  });

  async function expectPlayable(
    track: SimTrack,
    expected: Partial<StreamGrant>,
    provider: Provider = shared.provider,
  ): Promise<Track> {
    const resolved = await resolveOne(provider, permalinkOf(track));
    expect(resolved).toMatchObject({ id: track.id, title: track.title, artist: track.user.username });
    const grant = await provider.getStream(track.id);
    expect(grant).toMatchObject(expected);
    expect(grant.url.startsWith(`${sim.origin}/`)).toBe(true);
    expect(grant.expiresAt).toBeGreaterThan(Date.now() + 60_000);
    await expectFetchable(grant);
    return resolved;
  }

  const featured = CATALOGUE.tracks.filter((t) => !t.title.startsWith('Archive Tape'));
  const archive = CATALOGUE.tracks.filter((t) => t.title.startsWith('Archive Tape'));

  // The simulator makes each track's AAC with ffmpeg on first use: slow for the long ones on a cold cache.
  it.each(featured.map((t) => [t.role ?? 'ordinary', t.title, t] as const))(
    '%s: %s',
    { timeout: 90_000 },
    async (_role, _title, track) => {
      const permalink = permalinkOf(track);
      switch (track.role) {
        case null:
        case 'aac-only-official': {
          const resolved = await expectPlayable(track, { protocol: 'hls', mimeType: AAC, preview: false });
          expect(resolved).toMatchObject({ permalink, durationMs: track.durationMs, access: 'playable' });
          expect(resolved.artworkUrl).toMatch(/-t500x500\.jpg$/);
          expect(resolved.waveformUrl).toBe(
            toWireUrl(`https://wave.sndcdn.com/${track.sid}_m.json`, sim.origin),
          );
          break;
        }
        case 'secret': {
          const resolved = await expectPlayable(track, { protocol: 'hls', preview: false });
          expect(resolved.permalink).toBe(permalink);
          expect(resolved.permalink.endsWith(`/${track.secretToken}`)).toBe(true);
          const withoutToken = permalink.replace(`/${track.secretToken}`, '');
          expect(await codeOf(shared.provider.resolve(withoutToken, { userTrackCap: 1 }))).toBe('NOT_FOUND');
          break;
        }
        case 'geo-blocked':
          expect(await resolveOne(shared.provider, permalink)).toMatchObject({ access: 'blocked' });
          expect((await failureOf(shared.provider.getStream(track.id))).toAppError()).toEqual({
            code: 'GEO_BLOCKED',
            message: 'This track is not available in your country.',
          });
          break;
        case 'preview-only': {
          // The snipped MP3s, HLS first as the AAC preference puts it.
          const resolved = await expectPlayable(track, { protocol: 'hls', preview: true });
          expect(resolved).toMatchObject({ access: 'preview', durationMs: 30_000 });
          break;
        }
        case 'drm-only':
          expect(await resolveOne(shared.provider, permalink)).toMatchObject({ access: 'blocked' });
          expect(await codeOf(shared.provider.getStream(track.id))).toBe('DRM_ONLY');
          break;
        case 'hls-only':
          await expectPlayable(track, { protocol: 'hls', mimeType: AAC, preview: false });
          break;
        case 'no-artwork': {
          const resolved = await resolveOne(shared.provider, permalink);
          const avatar = `https://i1.sndcdn.com/avatars-${track.user.avatarId}-t500x500.jpg`;
          expect(resolved.artworkUrl).toBe(toWireUrl(avatar, sim.origin));
          expect((await fetch(resolved.artworkUrl ?? '')).status).toBe(200);
          break;
        }
        case 'removed':
          expect(await codeOf(shared.provider.resolve(permalink, { userTrackCap: 1 }))).toBe('NOT_FOUND');
          expect(await codeOf(shared.provider.getStream(track.id))).toBe('NOT_FOUND');
          expect(await codeOf(shared.provider.lookupTrack(track.id))).toBe('NOT_FOUND');
          break;
        case 'label': {
          // Its plain MP3 answers 404 since spring 2026 (labelPlainStreams 'missing'): only DRM remains,
          // which shows once asked, and is then remembered.
          expect(await resolveOne(shared.provider, permalink)).toMatchObject({ access: 'playable' });
          expect(await codeOf(shared.provider.getStream(track.id))).toBe('DRM_ONLY');
          const log = requestsSince(sim);
          expect(await codeOf(shared.provider.getStream(track.id))).toBe('DRM_ONLY');
          expect(log()).toEqual([]);
          expect(await shared.provider.lookupTrack(track.id)).toMatchObject({ access: 'blocked' });
          break;
        }
        case 'disguised-preview': {
          // Its transcodings say "whole" and answer with 30-second URLs: nothing better exists.
          const resolved = await expectPlayable(track, { protocol: 'hls', preview: true });
          expect(resolved.access).toBe('playable');
          break;
        }
        case 'unstreamable':
        case 'processing': {
          expect(await resolveOne(shared.provider, permalink)).toMatchObject({ access: 'blocked' });
          const log = requestsSince(sim);
          expect((await failureOf(shared.provider.getStream(track.id))).toAppError()).toEqual(
            track.role === 'processing'
              ? { code: 'SERVER', message: PROCESSING_MESSAGE }
              : { code: 'NOT_FOUND', message: NOT_STREAMABLE_MESSAGE },
          );
          expect(apiHits(log(), /^\/media\//)).toEqual([]);
          break;
        }
        default:
          throw new Error(`no expectation for the role ${String(track.role)}`);
      }
    },
  );

  // Progressive MP3 (MP3 preferred) spares the simulator 125 AAC encodings; AAC is covered above.
  it(`resolves and streams all ${archive.length} tracks of the archive`, { timeout: 120_000 }, async () => {
    const { provider } = setup({}, undefined, 'mp3');
    for (const track of archive) {
      await expectPlayable(
        track,
        { protocol: 'progressive', mimeType: 'audio/mpeg', preview: false },
        provider,
      );
    }
  });

  it.each([
    ['an ordinary track', firstOrdinary(), 'progressive'],
    ['a track without progressive MP3', byRole('hls-only'), 'hls'],
  ] as const)('grants MP3 for %s when MP3 is preferred', async (_name, track, protocol) => {
    const { provider } = setup({}, undefined, 'mp3');
    await resolveOne(provider, permalinkOf(track));
    const grant = await provider.getStream(track.id);
    expect(grant).toMatchObject({ protocol, mimeType: 'audio/mpeg', preview: false });
    await expectFetchable(grant);
  });
});

describe('sets', () => {
  it('gives the 3-track set in order, without any stub call', async () => {
    const { provider } = setup();
    const playlist = CATALOGUE.playlists.find((p) => p.tracks.length === 3);
    if (playlist === undefined) throw new Error('no 3-track set');
    const log = requestsSince(sim);
    const tracks = tracksOf(await provider.resolve(playlistPermalinkOf(playlist), { userTrackCap: 1 }));
    expect(tracks.map((t) => t.id)).toEqual(playlist.tracks.map((t) => t.id));
    expect(apiHits(log(), '/tracks')).toEqual([]);
  });

  it(`fills the ${LARGE_SET_SIZE}-track set's stubs in batches of 50, in order`, async () => {
    const { provider, clientIds } = setup();
    await clientIds.get();
    const playlist = CATALOGUE.playlists.find((p) => p.tracks.length === LARGE_SET_SIZE);
    if (playlist === undefined) throw new Error('no large set');
    const log = requestsSince(sim);
    const results = await provider.resolve(playlistPermalinkOf(playlist), { userTrackCap: 1 });
    expect(tracksOf(results).map((t) => t.id)).toEqual(playlist.tracks.map((t) => t.id));
    expect(apiHits(log(), '/resolve')).toHaveLength(1);
    const batches = apiHits(log(), '/tracks');
    expect(batches).toHaveLength(Math.ceil((LARGE_SET_SIZE - FULL_SET_TRACKS) / 50));
    expect(log().map((r) => r.host)).toEqual(Array(1 + batches.length).fill('api-v2.soundcloud.com'));
    // Stream metadata came with the batches: a set track plays without fetching its JSON again.
    const last = playlist.tracks.at(-1);
    if (last === undefined) throw new Error('empty set');
    const before = requestsSince(sim);
    await provider.getStream(last.id);
    expect(apiHits(before(), /^\/tracks/)).toEqual([]);
  });

  it('puts an unavailable item in the place of a stub the batch answer leaves out', async () => {
    const playlist = CATALOGUE.playlists.find((p) => p.tracks.length === LARGE_SET_SIZE);
    const missing = playlist?.tracks[70];
    if (playlist === undefined || missing === undefined) throw new Error('no large set');
    // The simulator cannot delete a set's track, so its /tracks?ids= answer is edited on the way.
    const dropMissing = rewritingFetch((path, body) =>
      path === '/api-v2.soundcloud.com/tracks' && Array.isArray(body)
        ? body.filter((t) => !(isRecord(t) && t['id'] === missing.id))
        : body,
    );
    const { provider } = setup({ fetch: dropMissing });
    const results = await provider.resolve(playlistPermalinkOf(playlist), { userTrackCap: 1 });
    expect(results).toHaveLength(LARGE_SET_SIZE);
    expect(results[70]).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: UNAVAILABLE_MESSAGE },
      label: `Track ${missing.id}`,
      trackId: missing.id,
    });
    const others = results.filter((_, i) => i !== 70);
    expect(tracksOf(others).map((t) => t.id)).toEqual(
      playlist.tracks.filter((_, i) => i !== 70).map((t) => t.id),
    );
  });

  it('keeps the full tracks and marks each stub of a failing batch with its error and id', async () => {
    const { provider } = setup();
    const playlist = CATALOGUE.playlists.find((p) => p.tracks.length === LARGE_SET_SIZE);
    if (playlist === undefined) throw new Error('no large set');
    sim.addFault({ route: 'api-v2.soundcloud.com/tracks', kind: '500' });
    const results = await provider.resolve(playlistPermalinkOf(playlist), { userTrackCap: 1 });
    expect(results).toHaveLength(LARGE_SET_SIZE);
    expect(tracksOf(results.slice(0, FULL_SET_TRACKS))).toHaveLength(FULL_SET_TRACKS);
    results.slice(FULL_SET_TRACKS).forEach((result, i) => {
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'SERVER' },
        trackId: playlist.tracks[i + FULL_SET_TRACKS]?.id,
      });
    });
  });
});

describe('users', () => {
  afterEach(() => {
    sim.configure({ realisticPaging: true });
  });

  // Realistic paging (the default) cuts pages from every upload and filters them afterwards: short and
  // empty pages, geo-blocked tracks left out. The kind mode pages over the listed tracks alone.
  describe.each([
    ['realistic paging', true],
    ['kind paging', false],
  ])('with %s', (_mode, realistic) => {
    it.each(CATALOGUE.users.map((u) => [u.username, u] as const))(
      '%s: every listed track, in order',
      async (_name, user) => {
        sim.configure({ realisticPaging: realistic });
        const { provider } = setup();
        const tracks = tracksOf(await provider.resolve(userPermalinkOf(user), { userTrackCap: BIG_CAP }));
        const listed = tracksOfUser(CATALOGUE, user).filter((t) => !realistic || t.policy !== 'BLOCK');
        expect(tracks.map((t) => t.id)).toEqual(listed.map((t) => t.id));
      },
    );
  });

  it('stops at the cap: 60 of the archive user’s 125 tracks from two pages', async () => {
    const { provider, clientIds } = setup();
    await clientIds.get();
    const user = CATALOGUE.users.find((u) => tracksOfUser(CATALOGUE, u).length >= LARGE_SET_SIZE);
    if (user === undefined) throw new Error('no archive user');
    const log = requestsSince(sim);
    const tracks = tracksOf(await provider.resolve(userPermalinkOf(user), { userTrackCap: 60 }));
    expect(tracks.map((t) => t.id)).toEqual(
      tracksOfUser(CATALOGUE, user)
        .slice(0, 60)
        .map((t) => t.id),
    );
    const pages = apiHits(log(), `/users/${user.id}/tracks`);
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(new URLSearchParams(page.query).get('client_id')).toBe(sim.clientId);
  });

  it('refuses a next_href that leaves api-v2', async () => {
    const user = CATALOGUE.users.find((u) => tracksOfUser(CATALOGUE, u).length > 50);
    if (user === undefined) throw new Error('no user with two pages');
    const elsewhere = rewritingFetch((path, body) =>
      path.endsWith('/tracks') && isRecord(body) && 'next_href' in body
        ? { ...body, next_href: 'https://soundcloud.com.evil.example/users/1/tracks?offset=1' }
        : body,
    );
    const { provider } = setup({ fetch: elsewhere });
    const error = await failureOf(provider.resolve(userPermalinkOf(user), { userTrackCap: BIG_CAP }));
    expect(error.code).toBe('SERVER');
    expect(error.message).toMatch(/does not trust/);
  });
});

// --- Metadata cache and lookups ----------------------------------------------------------------------------

describe('track metadata', () => {
  it('streams from the cache when warm and fetches the track when evicted', async () => {
    const { provider } = setup({}, 1);
    const [a, b] = ORDINARY;
    if (a === undefined || b === undefined) throw new Error('two ordinary tracks needed');
    await resolveOne(provider, permalinkOf(a));
    let log = requestsSince(sim);
    await provider.getStream(a.id);
    expect(apiHits(log(), `/tracks/${a.id}`)).toEqual([]);
    await resolveOne(provider, permalinkOf(b)); // evicts a: the cache holds one track
    log = requestsSince(sim);
    await provider.getStream(a.id);
    expect(apiHits(log(), `/tracks/${a.id}`)).toHaveLength(1);
  });

  it('keeps a secret token past eviction, for lookups and streams', async () => {
    const { provider } = setup({}, 1);
    const secret = byRole('secret');
    await resolveOne(provider, permalinkOf(secret));
    await resolveOne(provider, permalinkOf(firstOrdinary()));
    expect(await provider.lookupTrack(secret.id)).toMatchObject({
      id: secret.id,
      permalink: permalinkOf(secret),
    });
    await resolveOne(provider, permalinkOf(firstOrdinary()));
    expect((await provider.getStream(secret.id)).preview).toBe(false);
  });

  it('looks a track up by id, and streams one never resolved', async () => {
    const { provider } = setup();
    const track = ORDINARY[3] ?? firstOrdinary();
    expect(await provider.lookupTrack(track.id)).toMatchObject({
      id: track.id,
      title: track.title,
      access: 'playable',
    });
    const fresh = setup().provider;
    await expectFetchable(await fresh.getStream(track.id));
    expect(await codeOf(fresh.getStream(byRole('secret').id))).toBe('NOT_FOUND');
  });

  it('refetches the track once when its track_authorization is refused, then gives up as UNAUTHORIZED', async () => {
    const track = firstOrdinary();
    let spoilTracks = false;
    const spoiled = rewritingFetch((path, body) => {
      const spoil = path === '/api-v2.soundcloud.com/resolve' || (spoilTracks && path.includes('/tracks/'));
      return spoil && isRecord(body) ? { ...body, track_authorization: 'e30.e30.c3BvaWxlZA' } : body;
    });
    const { provider, clientIds } = setup({ fetch: spoiled });
    await resolveOne(provider, permalinkOf(track));
    await clientIds.get();
    let log = requestsSince(sim);
    await expectFetchable(await provider.getStream(track.id));
    expect(apiHits(log(), `/tracks/${track.id}`)).toHaveLength(1);
    expect(homePageHits(log())).toBe(0);

    spoilTracks = true;
    await resolveOne(provider, permalinkOf(track));
    log = requestsSince(sim);
    const error = await failureOf(provider.getStream(track.id));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(apiHits(log(), `/tracks/${track.id}`)).toHaveLength(1);
  });

  it('tells an answer of the wrong shape apart', async () => {
    const odd = rewritingFetch((path, body) =>
      path === '/api-v2.soundcloud.com/resolve' && isRecord(body) ? { ...body, title: 42 } : body,
    );
    const { provider } = setup({ fetch: odd });
    expect(
      (await failureOf(provider.resolve(permalinkOf(firstOrdinary()), { userTrackCap: 1 }))).toAppError(),
    ).toEqual({
      code: 'SERVER',
      message: SHAPE_MESSAGE,
    });
  });

  it.each([
    ['encrypted', simTrack((t) => t.role === null && t.media.drm)],
    ['abr', simTrack((t) => t.role === null && t.media.abr)],
  ])(
    'prefers MP3 but falls back past MP3 transcodings that answer 404 to AAC, never asking for the %s ones',
    async (_kind, track) => {
      const asked: string[] = [];
      // The simulator serves every MP3 transcoding it lists, so their 404s are made here.
      const mp3Gone: typeof fetch = (input, init) => {
        const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
        if (path.includes('/media/')) asked.push(path);
        return path.includes(`/${track.uuid}/stream/`)
          ? Promise.resolve(Response.json({}, { status: 404 }))
          : fetch(input, init);
      };
      const { provider } = setup({ fetch: mp3Gone }, undefined, 'mp3');
      await resolveOne(provider, permalinkOf(track));
      const grant = await provider.getStream(track.id);
      expect(grant).toMatchObject({
        protocol: 'hls',
        mimeType: 'audio/mp4; codecs="mp4a.40.2"',
        preview: false,
      });
      await expectFetchable(grant);
      expect(asked).toHaveLength(3);
      expect(asked[0]).toMatch(new RegExp(`/${track.uuid}/stream/progressive$`));
      expect(asked[1]).toMatch(new RegExp(`/${track.uuid}/stream/hls$`));
      expect(asked[2]).toMatch(/\/stream\/hls$/);
    },
  );

  it('says NOT_FOUND when every candidate answers 404', async () => {
    const track = firstOrdinary();
    const gone: typeof fetch = (input, init) => {
      const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
      return path.includes('/media/')
        ? Promise.resolve(Response.json({}, { status: 404 }))
        : fetch(input, init);
    };
    const { provider } = setup({ fetch: gone });
    await resolveOne(provider, permalinkOf(track));
    expect((await failureOf(provider.getStream(track.id))).toAppError()).toEqual({
      code: 'NOT_FOUND',
      message: NO_STREAM_MESSAGE,
    });
  });
});

// --- Client id rotation ----------------------------------------------------------------------------------

describe('client_id rotation', () => {
  it('rediscovers once between two resolves', async () => {
    const { provider } = setup();
    const [a, b] = ORDINARY;
    if (a === undefined || b === undefined) throw new Error('two ordinary tracks needed');
    await resolveOne(provider, permalinkOf(a));
    const fresh = sim.rotateClientId();
    const log = requestsSince(sim);
    expect((await resolveOne(provider, permalinkOf(b))).id).toBe(b.id);
    expect(homePageHits(log())).toBe(1);
    const resolves = apiHits(log(), '/resolve');
    expect(resolves.map((r) => r.status)).toEqual([401, 200]);
    expect(new URLSearchParams(resolves[1]?.query).get('client_id')).toBe(fresh);
  });

  it('rediscovers once for a burst of requests refused together', async () => {
    const { provider } = setup();
    await resolveOne(provider, permalinkOf(firstOrdinary()));
    sim.rotateClientId();
    const log = requestsSince(sim);
    const tracks = await Promise.all(ORDINARY.slice(0, 10).map((t) => resolveOne(provider, permalinkOf(t))));
    expect(tracks.map((t) => t.id)).toEqual(ORDINARY.slice(0, 10).map((t) => t.id));
    expect(homePageHits(log())).toBe(1);
  });

  it('rediscovers once when the rotation shows on the media endpoint', async () => {
    const { provider } = setup();
    const track = firstOrdinary();
    await resolveOne(provider, permalinkOf(track));
    sim.rotateClientId();
    const log = requestsSince(sim);
    await expectFetchable(await provider.getStream(track.id));
    expect(homePageHits(log())).toBe(1);
  });

  it('is UNAUTHORIZED when a freshly found id is refused too', async () => {
    const refused: typeof fetch = (input, init) => {
      const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
      return path.startsWith('/api-v2.soundcloud.com/')
        ? Promise.resolve(
            Response.json({ errors: [{ error_message: '401 - Unauthorized' }] }, { status: 401 }),
          )
        : fetch(input, init);
    };
    const { provider } = setup({ fetch: refused });
    const log = requestsSince(sim);
    expect(await codeOf(provider.resolve(permalinkOf(firstOrdinary()), { userTrackCap: 1 }))).toBe(
      'UNAUTHORIZED',
    );
    expect(homePageHits(log())).toBe(2);
  });
});

// --- Faults --------------------------------------------------------------------------------------------------

const RESOLVE_ROUTE = 'api-v2.soundcloud.com/resolve';
const MEDIA_ROUTE = 'api-v2.soundcloud.com/media/*';
/** Short enough that a hung request fails fast; long enough for a loaded machine to answer the others. */
const HANG_HTTP: Partial<HttpOptions> = { connectTimeoutMs: 400, totalTimeoutMs: 800 };

interface FaultCase {
  kind: FaultSpec['kind'];
  extra?: Partial<FaultSpec>;
  /** The fault on every request. */
  persistent: ErrorCode;
  /** Whether a single occurrence is absorbed (a bot check is never retried, by design). */
  recovers: boolean;
}

const FAULTS: FaultCase[] = [
  { kind: '429', persistent: 'RATE_LIMITED', recovers: true },
  // Retry-After 0 is waited out; 120 s is longer than the client waits: RATE_LIMITED at once.
  { kind: '429-retry-after', extra: { retryAfter: 0 }, persistent: 'RATE_LIMITED', recovers: true },
  { kind: '500', persistent: 'SERVER', recovers: true },
  { kind: '503', persistent: 'SERVER', recovers: true },
  { kind: 'reset', persistent: 'NETWORK', recovers: true },
  { kind: 'hang', persistent: 'NETWORK', recovers: true },
  { kind: 'truncated-json', persistent: 'SERVER', recovers: true },
  ...(['challenge', ...CHALLENGE_SHAPES] as const).map((kind): FaultCase => ({
    kind,
    persistent: 'CHALLENGED',
    recovers: false,
  })),
];

describe.each([
  ['resolve', RESOLVE_ROUTE],
  ['the media endpoint', MEDIA_ROUTE],
] as const)('faults on %s', (_name, route) => {
  async function attempt(provider: Provider, track: SimTrack): Promise<unknown> {
    if (route === RESOLVE_ROUTE) return provider.resolve(permalinkOf(track), { userTrackCap: 1 });
    return provider.getStream(track.id);
  }

  async function prepared(kind: FaultSpec['kind']): Promise<{ provider: Provider; track: SimTrack }> {
    const { provider, clientIds } = setup(kind === 'hang' ? HANG_HTTP : {});
    const track = firstOrdinary();
    await clientIds.get();
    if (route === MEDIA_ROUTE) await resolveOne(provider, permalinkOf(track));
    return { provider, track };
  }

  it.each(FAULTS.map((f) => [f.kind, f] as const))('%s once', { timeout: 15_000 }, async (kind, fault) => {
    const { provider, track } = await prepared(kind);
    sim.addFault({ route, kind, count: 1, ...fault.extra });
    const code = await codeOf(attempt(provider, track));
    expect(code).toBe(fault.recovers ? 'ok' : fault.persistent);
  });

  it.each(FAULTS.map((f) => [f.kind, f] as const))(
    '%s every time',
    { timeout: 15_000 },
    async (kind, fault) => {
      const { provider, track } = await prepared(kind);
      const extra = kind === '429-retry-after' ? { retryAfter: 120 } : fault.extra;
      sim.addFault({ route, kind, ...extra });
      const log = requestsSince(sim);
      const error = await failureOf(attempt(provider, track));
      expect(error.code).toBe(fault.persistent);
      if (fault.persistent === 'CHALLENGED') {
        // A bot check is not a rotated client_id: no rediscovery, and no second try.
        expect(homePageHits(log())).toBe(0);
        expect(log().filter((r) => r.fault === kind)).toHaveLength(1);
      }
    },
  );
});

describe('a 429 storm', () => {
  it('ends in tracks and streams, or RATE_LIMITED, never another failure', { timeout: 60_000 }, async () => {
    const { provider, clientIds } = setup();
    await clientIds.get();
    const log = requestsSince(sim);
    sim.addFault({ route: 'api-v2.soundcloud.com/*', kind: '429', fraction: 0.5 });
    const tracks = CATALOGUE.tracks.filter((t) => t.role === null).slice(0, 30);
    expect(tracks).toHaveLength(30);
    const resolves = await Promise.all(
      tracks.map((t) => codeOf(provider.resolve(permalinkOf(t), { userTrackCap: 1 }))),
    );
    const streams = await Promise.all(tracks.map((t) => codeOf(provider.getStream(t.id))));
    const outcomes = [...resolves, ...streams];
    expect(outcomes.filter((code) => code !== 'ok' && code !== 'RATE_LIMITED')).toEqual([]);
    // With 3 retries a request fails only when 4 draws in a row hit: most must get through.
    expect(outcomes.filter((code) => code === 'ok').length).toBeGreaterThan(outcomes.length / 2);
    expect(log().filter((r) => r.fault === '429').length).toBeGreaterThan(10);
  });
});

// --- Chapters ----------------------------------------------------------------------------------------------

describe('chapters from the description', () => {
  const byTitle = (title: string): SimTrack => simTrack((t) => t.title === title);

  it.each(LISTED)('%s: the tracklist in its description, as chapters in ms', async (title) => {
    const track = byTitle(title);
    const resolved = await resolveOne(setup().provider, permalinkOf(track));
    expect(resolved.chapters).toEqual(meantChapters(track));
    expect(resolved.chapters?.length).toBeGreaterThanOrEqual(7);
    // The description itself stays in main: none of its prose goes to the renderer.
    expect(JSON.stringify(resolved)).not.toContain(track.description?.split('\n')[0]);
  });

  it.each([...UNLISTED, ORDINARY[0]?.title ?? ''])(
    '%s: times that are no tracklist give none',
    async (title) => {
      const resolved = await resolveOne(setup().provider, permalinkOf(byTitle(title)));
      expect(resolved.chapters).toEqual([]);
    },
  );

  it('keeps only the chapters inside what plays, and reads an odd description as none', async () => {
    const show = byTitle('Harbour Radio 087');
    const [first, second] = ORDINARY;
    if (first === undefined || second === undefined) throw new Error('no ordinary tracks');
    const rewrite = (_path: string, body: unknown): unknown => {
      if (!isRecord(body) || body.kind !== 'track') return body;
      // Ten minutes of the show's text on one track; a number where the text should be on the other.
      if (body.id === first.id) return { ...body, duration: 600_000, description: show.description };
      if (body.id === second.id) return { ...body, description: 42 };
      return body;
    };
    const { provider } = setup({ fetch: rewritingFetch(rewrite) });
    const cut = meantChapters(show).filter((c) => c.startMs < 600_000);
    expect(cut.length).toBeGreaterThanOrEqual(3);
    expect((await resolveOne(provider, permalinkOf(first))).chapters).toEqual(cut);
    expect(await resolveOne(provider, permalinkOf(second))).toMatchObject({
      access: 'playable',
      chapters: [],
    });
  });
});
