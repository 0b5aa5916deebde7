// Covers the official-API provider (electron/soundcloud/official.ts) against the simulator: every catalogue
// entry, sets and users with paging, faults, a token that dies mid-run; and odd answers with a fake fetch.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttp, type Http } from '../../electron/soundcloud/http';
import { MISSING_CREDENTIALS, createTokenStore, type TokenStore } from '../../electron/soundcloud/oauth';
import {
  NOT_STREAMABLE_MESSAGE,
  PROCESSING_MESSAGE,
  PROFILE_NOT_FOUND_MESSAGE,
  SET_NOT_FOUND_MESSAGE,
} from '../../electron/soundcloud/answers';
import { createOfficialProvider } from '../../electron/soundcloud/official';
import type { Provider, ResolvedTrack } from '../../electron/soundcloud/provider';
import type { StreamGrant, StreamPreference, Track } from '../../shared/ipc';
import {
  buildCatalogue,
  permalinkOf,
  playlistPermalinkOf,
  tracksOfUser,
  userPermalinkOf,
  type SimTrack,
  type SimUser,
} from '../simulator/catalogue';
import { LASTING_FAULTS, TRANSIENT_FAULTS } from '../helpers/faults';
import { requestsSince, useSimulator } from '../helpers/simulator';
import { codeOf, failure } from '../helpers/errors';
import { LISTED, meantChapters, UNLISTED } from '../helpers/sim-chapters';

/** The catalogue startSimulator() serves (same default seed), readable when the tests are collected. */
const CATALOGUE = buildCatalogue();
const [SMALL_SET, LARGE_SET] = CATALOGUE.playlists;
const SET_TRACK_IDS = new Set(LARGE_SET?.tracks.map((t) => t.id));
/** The featured tracks: one of each role, and the ordinary ones. */
const FEATURED = CATALOGUE.tracks.filter((t) => !SET_TRACK_IDS.has(t.id));
const ORDINARY = FEATURED.filter((t) => t.role === null || t.role === 'no-artwork');
const AAC = 'audio/mp4; codecs="mp4a.40.2"';
const CAP = { userTrackCap: 500 };

function byRole(role: NonNullable<SimTrack['role']>): SimTrack {
  const track = FEATURED.find((t) => t.role === role);
  if (track === undefined) throw new Error(`no ${role} track in the catalogue`);
  return track;
}

function tracksOf(entries: ResolvedTrack[]): Track[] {
  return entries.map((entry) => {
    if (!entry.ok) throw new Error(`expected a track, got ${entry.error.code}: ${entry.error.message}`);
    return entry.track;
  });
}

describe('the official provider against the simulator', () => {
  const sim = useSimulator();
  let http: Http;
  let provider: Provider;
  /** Every request the provider's client made: where, and whether it carried the OAuth token. */
  const sent: { url: string; authorization: string | null }[] = [];

  beforeAll(async () => {
    http = createHttp({
      origin: sim.origin,
      backoffBaseMs: 1,
      backoffMaxMs: 5,
      connectTimeoutMs: 200,
      waitBoundMs: 2_000,
      fetch: (input, init) => {
        sent.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
        return fetch(input, init);
      },
    });
    provider = newProvider();
  });

  afterEach(() => {
    sim.clearFaults();
    sim.configure({ tokenTtlSeconds: 3599 });
  });

  function newProvider(tokens?: TokenStore, streamPreference: StreamPreference = 'aac'): Provider {
    const store = tokens ?? createTokenStore({ http, credentials: () => sim.officialApp });
    return createOfficialProvider({
      http,
      tokens: store,
      origin: sim.origin,
      streamPreference: () => streamPreference,
    });
  }

  function expectedTrack(track: SimTrack, access: Track['access'] = 'playable'): Track {
    const image = track.artworkId === null ? `avatars-${track.user.avatarId}` : `artworks-${track.artworkId}`;
    return {
      id: track.id,
      permalink: permalinkOf(track),
      title: track.title,
      artist: track.user.username,
      durationMs: access === 'preview' ? 30_000 : track.durationMs,
      artworkUrl: `${sim.origin}/i1.sndcdn.com/${image}-t500x500.jpg`,
      waveformUrl: `${sim.origin}/wave.sndcdn.com/${track.sid}_m.json`,
      access,
      // What the catalogue means its description to list: none but for the long tracks with a tracklist.
      chapters: meantChapters(track),
    };
  }

  async function resolveOne(permalink: string, using: Provider = provider): Promise<Track> {
    const tracks = tracksOf(await using.resolve(permalink, CAP));
    expect(tracks).toHaveLength(1);
    const [track] = tracks;
    if (track === undefined) throw new Error('no track');
    return track;
  }

  /** The grant's URL answers on the simulator: bytes for progressive, a playlist for HLS. */
  async function expectPlayable(grant: StreamGrant): Promise<void> {
    const progressive = grant.protocol === 'progressive';
    const response = await fetch(grant.url, progressive ? { headers: { range: 'bytes=0-3' } } : {});
    const body = await response.text();
    if (progressive) {
      expect([200, 206]).toContain(response.status);
      expect(response.headers.get('content-type')).toBe('audio/mpeg');
    } else {
      expect(response.status).toBe(200);
      expect(body.startsWith('#EXTM3U')).toBe(true);
    }
  }

  function expectFreshFor(grant: StreamGrant, seconds: number): void {
    const expected = Date.now() + seconds * 1000;
    expect(grant.expiresAt).toBeGreaterThan(expected - 5_000);
    expect(grant.expiresAt).toBeLessThanOrEqual(expected + 1_000);
  }

  it.each(ORDINARY.map((t) => [t.title, t] as const))(
    'resolves %s and grants its AAC HLS stream (the only one since 2025)',
    async (_title, track) => {
      expect(await resolveOne(permalinkOf(track))).toEqual(expectedTrack(track));
      const grant = await provider.getStream(track.id);
      expect(grant).toMatchObject({ protocol: 'hls', mimeType: AAC, preview: false });
      expect(grant.url.startsWith(`${sim.origin}/playback.media-streaming.soundcloud.cloud/`)).toBe(true);
      expectFreshFor(grant, Math.ceil(track.durationMs / 1000) + 120);
      // The simulator encodes AAC on first use: the short tracks are enough to show the URL plays.
      if (track.durationMs < 40_000) await expectPlayable(grant);
    },
  );

  describe('with the MP3 streams of before the deprecation', () => {
    beforeAll(() => {
      sim.configure({ officialStreams: 'with-mp3' });
    });
    afterAll(() => {
      sim.configure({ officialStreams: 'aac-only' });
    });

    it.each(ORDINARY.slice(0, 4).map((t) => [t.title, t] as const))(
      'grants %s as a progressive MP3 when MP3 is preferred',
      async (_title, track) => {
        const grant = await newProvider(undefined, 'mp3').getStream(track.id);
        expect(grant).toMatchObject({ protocol: 'progressive', mimeType: 'audio/mpeg', preview: false });
        expect(grant.url.startsWith(`${sim.origin}/cf-media.sndcdn.com/${track.sid}.128.mp3?`)).toBe(true);
        expectFreshFor(grant, Math.ceil(track.durationMs / 1000) + 120);
        await expectPlayable(grant);
      },
    );

    it('grants AAC first all the same when AAC is preferred', async () => {
      const track = ORDINARY[0];
      if (track === undefined) throw new Error('no ordinary track');
      expect(await provider.getStream(track.id)).toMatchObject({ protocol: 'hls', mimeType: AAC });
    });

    it('grants the HLS MP3 stream of a track without a progressive one, MP3 being preferred', async () => {
      const track = byRole('hls-only');
      expect(await resolveOne(permalinkOf(track))).toEqual(expectedTrack(track));
      const grant = await newProvider(undefined, 'mp3').getStream(track.id);
      expect(grant).toMatchObject({ protocol: 'hls', mimeType: 'audio/mpeg', preview: false });
      expect(grant.url.startsWith(`${sim.origin}/cf-hls-media.sndcdn.com/`)).toBe(true);
      await expectPlayable(grant);
    });
  });

  it('grants the AAC HLS stream of a track that only has AAC on the official API', async () => {
    const track = byRole('aac-only-official');
    expect(await resolveOne(permalinkOf(track))).toEqual(expectedTrack(track));
    const grant = await provider.getStream(track.id);
    expect(grant).toMatchObject({ protocol: 'hls', mimeType: AAC, preview: false });
    expect(grant.url.startsWith(`${sim.origin}/playback.media-streaming.soundcloud.cloud/`)).toBe(true);
    expectFreshFor(grant, Math.ceil(track.durationMs / 1000) + 120);
    await expectPlayable(grant);
  });

  it('resolves a secret track with its token, keeps the token for later calls, and not without it', async () => {
    const track = byRole('secret');
    const fresh = newProvider();
    const resolved = await resolveOne(permalinkOf(track), fresh);
    expect(resolved).toEqual(expectedTrack(track));
    expect(resolved.permalink.endsWith(`/${track.secretToken}`)).toBe(true);
    expect(await fresh.lookupTrack(track.id)).toEqual(resolved);
    const grant = await fresh.getStream(track.id);
    await expectPlayable(grant);

    const withoutToken = permalinkOf(track).replace(`/${track.secretToken}`, '');
    expect(await codeOf(newProvider().resolve(withoutToken, CAP))).toBe('NOT_FOUND');
    // A provider that never saw the token cannot reach the track.
    expect(await codeOf(newProvider().getStream(track.id))).toBe('NOT_FOUND');
    expect(await codeOf(newProvider().lookupTrack(track.id))).toBe('NOT_FOUND');
  });

  it.each(LISTED)('reads the tracklist in the description of %s as its chapters', async (title) => {
    const track = CATALOGUE.tracks.find((t) => t.title === title);
    if (track === undefined) throw new Error(`no ${title}`);
    const resolved = await resolveOne(permalinkOf(track));
    expect(resolved).toEqual(expectedTrack(track));
    expect(resolved.chapters?.length).toBeGreaterThanOrEqual(7);
  });

  it.each(UNLISTED)('finds no chapters in the times of %s', async (title) => {
    const track = CATALOGUE.tracks.find((t) => t.title === title);
    if (track === undefined) throw new Error(`no ${title}`);
    expect((await resolveOne(permalinkOf(track))).chapters).toEqual([]);
  });

  it('marks a geo-blocked track blocked and refuses its stream with GEO_BLOCKED', async () => {
    const track = byRole('geo-blocked');
    expect(await resolveOne(permalinkOf(track))).toEqual(expectedTrack(track, 'blocked'));
    expect(await codeOf(provider.getStream(track.id))).toBe('GEO_BLOCKED');
  });

  it('reports a DRM-only track as blocked (GEO_BLOCKED): the official API does not say why', async () => {
    const track = byRole('drm-only');
    expect(await resolveOne(permalinkOf(track))).toEqual(expectedTrack(track, 'blocked'));
    const error = await failure(provider.getStream(track.id));
    expect(error.code).toBe('GEO_BLOCKED');
    expect(error.message).toMatch(/rights holder/);
  });

  it('grants the 30-second preview of a preview-only track', async () => {
    const track = byRole('preview-only');
    const resolved = await resolveOne(permalinkOf(track));
    expect(resolved).toEqual(expectedTrack(track, 'preview'));
    const grant = await provider.getStream(track.id);
    expect(grant).toMatchObject({ protocol: 'progressive', mimeType: 'audio/mpeg', preview: true });
    expect(grant.url.startsWith(`${sim.origin}/cf-preview-media.sndcdn.com/`)).toBe(true);
    expectFreshFor(grant, 30 + 120);
    await expectPlayable(grant);
  });

  it('answers NOT_FOUND for a removed track, however it is asked for', async () => {
    const track = byRole('removed');
    expect(await codeOf(provider.resolve(permalinkOf(track), CAP))).toBe('NOT_FOUND');
    expect(await codeOf(provider.lookupTrack(track.id))).toBe('NOT_FOUND');
    expect(await codeOf(provider.getStream(track.id))).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND for a permalink SoundCloud does not know', async () => {
    expect(await codeOf(provider.resolve('https://soundcloud.com/nobody-here/nothing', CAP))).toBe(
      'NOT_FOUND',
    );
  });

  it('looks up an ordinary track by id', async () => {
    const track = ORDINARY[0];
    if (track === undefined) throw new Error('no ordinary track');
    expect(await newProvider().lookupTrack(track.id)).toEqual(expectedTrack(track));
  });

  it('resolves the small set in order', async () => {
    if (SMALL_SET === undefined) throw new Error('no small set');
    const tracks = tracksOf(await provider.resolve(playlistPermalinkOf(SMALL_SET), CAP));
    expect(tracks).toEqual(SMALL_SET.tracks.map((t) => expectedTrack(t)));
  });

  it('pages through the 125-track set: every track exactly once, in order, in three pages', async () => {
    if (LARGE_SET === undefined) throw new Error('no large set');
    const since = requestsSince(sim);
    const tracks = tracksOf(await provider.resolve(playlistPermalinkOf(LARGE_SET), CAP));
    expect(tracks.map((t) => t.id)).toEqual(LARGE_SET.tracks.map((t) => t.id));
    expect(new Set(tracks.map((t) => t.id)).size).toBe(125);
    const pages = since().filter((r) => r.path === `/playlists/${LARGE_SET.urn}/tracks` && r.status === 200);
    expect(pages).toHaveLength(3);
  });

  // Blocked tracks are asked for too (shown, never dropped); realistic pages come back short or empty.
  describe.each([
    ['realistic paging', true],
    ['kind paging', false],
  ])('with %s', (_mode, realistic) => {
    beforeAll(() => {
      sim.configure({ realisticPaging: realistic });
    });
    afterAll(() => {
      sim.configure({ realisticPaging: true });
    });

    it.each(CATALOGUE.users.map((u) => [u.username, u] as const))(
      "resolves %s's page to their tracks, newest first",
      async (_name, user: SimUser) => {
        const tracks = tracksOf(await provider.resolve(userPermalinkOf(user), CAP));
        const expected = tracksOfUser(CATALOGUE, user);
        expect(tracks.map((t) => t.id)).toEqual(expected.map((t) => t.id));
      },
    );
  });

  it('resolves a secret set whole, its private tracks included, and plays them', async () => {
    const secretSet = CATALOGUE.playlists.find((p) => p.secretToken !== null);
    if (secretSet === undefined) throw new Error('no secret set');
    const tracks = tracksOf(await provider.resolve(playlistPermalinkOf(secretSet), CAP));
    expect(tracks.map((t) => t.id)).toEqual(secretSet.tracks.map((t) => t.id));
    const hidden = secretSet.tracks.find((t) => t.secretToken !== null);
    if (hidden === undefined) throw new Error('no private track in the secret set');
    await expectPlayable(await provider.getStream(hidden.id));
  });

  it('says a missing profile or set is missing, by the kind of link', async () => {
    const profile = await failure(provider.resolve('https://soundcloud.com/nobody-lives-here', CAP));
    expect(profile.toAppError()).toEqual({ code: 'NOT_FOUND', message: PROFILE_NOT_FOUND_MESSAGE });
    const set = await failure(provider.resolve('https://soundcloud.com/tideline/sets/no-such-set', CAP));
    expect(set.toAppError()).toEqual({ code: 'NOT_FOUND', message: SET_NOT_FOUND_MESSAGE });
  });

  it('grants the preview of a track whose whole stream is not to be had', async () => {
    const track = byRole('disguised-preview');
    expect(await resolveOne(permalinkOf(track))).toMatchObject({ access: 'preview', durationMs: 30_000 });
    expect(await provider.getStream(track.id)).toMatchObject({ preview: true });
  });

  it.each([
    [7, 1],
    [50, 1],
    [60, 2],
    [125, 3],
  ])("takes at most %i of a user's tracks, in %i page(s)", async (cap, pageCount) => {
    const user = CATALOGUE.users.find((u) => u.permalink === 'tape-archive');
    if (user === undefined) throw new Error('no tape-archive user');
    const since = requestsSince(sim);
    const tracks = tracksOf(await provider.resolve(userPermalinkOf(user), { userTrackCap: cap }));
    expect(tracks.map((t) => t.id)).toEqual(
      tracksOfUser(CATALOGUE, user)
        .slice(0, cap)
        .map((t) => t.id),
    );
    const pages = since().filter((r) => r.path === `/users/${user.urn}/tracks`);
    expect(pages).toHaveLength(pageCount);
  });

  it('uses one token for a whole set and many concurrent streams, and sends it only to the API', async () => {
    if (LARGE_SET === undefined) throw new Error('no large set');
    const since = requestsSince(sim);
    const sentBefore = sent.length;
    const fresh = newProvider();
    const [entries, grants] = await Promise.all([
      fresh.resolve(playlistPermalinkOf(LARGE_SET), CAP),
      Promise.all(ORDINARY.map((t) => fresh.getStream(t.id))),
    ]);
    expect(entries).toHaveLength(125);
    expect(grants).toHaveLength(ORDINARY.length);
    const tokenPosts = since().filter((r) => r.host === 'secure.soundcloud.com');
    expect(tokenPosts).toHaveLength(1);
    for (const request of sent.slice(sentBefore)) {
      const host = new URL(request.url).pathname.split('/')[1];
      if (request.authorization?.startsWith('OAuth ')) expect(host).toBe('api.soundcloud.com');
      expect(['api.soundcloud.com', 'secure.soundcloud.com']).toContain(host);
    }
  });

  it('refreshes and retries once when the token dies before the store expected (401 mid-run)', async () => {
    sim.configure({ tokenTtlSeconds: 1 });
    // The store's clock stands still, so it believes its token is alive when the API no longer does.
    const frozen = Date.now();
    const tokens = createTokenStore({ http, credentials: () => sim.officialApp, now: () => frozen });
    const fresh = newProvider(tokens);
    const track = ORDINARY[1];
    if (track === undefined) throw new Error('no ordinary track');
    const since = requestsSince(sim);
    await resolveOne(permalinkOf(track), fresh);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    sim.configure({ tokenTtlSeconds: 3599 });
    await resolveOne(permalinkOf(track), fresh);
    await expectPlayable(await fresh.getStream(track.id));
    const log = since();
    expect(log.filter((r) => r.status === 401)).toHaveLength(1);
    expect(log.filter((r) => r.host === 'secure.soundcloud.com')).toHaveLength(2);
  });

  it('gives up with UNAUTHORIZED when the API refuses a fresh token too', async () => {
    const invalidated: string[] = [];
    const bogus: TokenStore = {
      token: () => Promise.resolve(`bogus-${invalidated.length}`),
      invalidate: (token) => invalidated.push(token),
    };
    const since = requestsSince(sim);
    const track = ORDINARY[0];
    if (track === undefined) throw new Error('no ordinary track');
    expect(await codeOf(newProvider(bogus).resolve(permalinkOf(track), CAP))).toBe('UNAUTHORIZED');
    expect(invalidated).toEqual(['bogus-0', 'bogus-1']);
    expect(since()).toHaveLength(2);
  });

  it('asks for credentials in Settings, without a request, when there are none', async () => {
    const since = requestsSince(sim);
    const none = newProvider(createTokenStore({ http, credentials: () => null }));
    const error = await failure(none.resolve(permalinkOf(byRole('secret')), CAP));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toBe(MISSING_CREDENTIALS);
    expect(since()).toHaveLength(0);
  });

  /**
   * A provider on a client of its own: the faults below pause a route (a bot check) or the host (a 429)
   * for every request of the client that met them, as they should.
   */
  function isolatedProvider(): Provider {
    const own = createHttp({
      origin: sim.origin,
      backoffBaseMs: 1,
      backoffMaxMs: 5,
      connectTimeoutMs: 200,
      waitBoundMs: 1_000,
    });
    return createOfficialProvider({
      http: own,
      tokens: createTokenStore({ http: own, credentials: () => sim.officialApp }),
      origin: sim.origin,
    });
  }

  // Every fault but the bot checks, which fail the call (tested below).
  it.each(TRANSIENT_FAULTS)('recovers from one %s on each API call', async (kind) => {
    const track = ORDINARY[2];
    if (track === undefined) throw new Error('no ordinary track');
    // Every route in turn: resolve, the track JSON, the streams list and the stream URL's redirect.
    for (const route of ['resolve', 'tracks/*', 'tracks/*/streams', 'tracks/*/streams/*']) {
      const own = isolatedProvider();
      sim.addFault({ route: `api.soundcloud.com/${route}`, kind, count: 1, retryAfter: 0 });
      expect(await resolveOne(permalinkOf(track), own)).toEqual(expectedTrack(track));
      expect(await own.lookupTrack(track.id)).toEqual(expectedTrack(track));
      await expectPlayable(await own.getStream(track.id));
      sim.clearFaults();
    }
  });

  it.each(LASTING_FAULTS)('answers %s on every API call with %s', async (kind, code, extra) => {
    const track = ORDINARY[3];
    if (track === undefined) throw new Error('no ordinary track');
    const own = isolatedProvider();
    sim.addFault({ route: 'api.soundcloud.com/*', kind, ...extra });
    expect(await codeOf(own.resolve(permalinkOf(track), CAP))).toBe(code);
    expect(await codeOf(own.lookupTrack(track.id))).toBe(code);
    expect(await codeOf(own.getStream(track.id))).toBe(code);
    sim.clearFaults();
    expect(await resolveOne(permalinkOf(track), isolatedProvider())).toEqual(expectedTrack(track));
  });
});

describe('the official provider with answers the simulator never gives', () => {
  /** Made afresh per request: a cloned Response's body is a tee whose cancel waits for its twin. */
  type Answer = () => Response;

  /** A provider whose HTTP answers from `routes` (URL → response) and records what was fetched. */
  function providerWith(
    routes: Record<string, Answer>,
    streamPreference: StreamPreference = 'aac',
  ): { provider: Provider; fetched: string[] } {
    const fetched: string[] = [];
    const fakeFetch: typeof fetch = (input) => {
      const url = String(input);
      fetched.push(url);
      const answer = routes[url];
      if (answer === undefined) return Promise.resolve(new Response('{}', { status: 404 }));
      return Promise.resolve(answer());
    };
    const http = createHttp({ origin: null, fetch: fakeFetch, backoffBaseMs: 1, backoffMaxMs: 5 });
    const tokens: TokenStore = { token: () => Promise.resolve('token'), invalidate: () => undefined };
    const provider = createOfficialProvider({
      http,
      tokens,
      origin: null,
      streamPreference: () => streamPreference,
    });
    return { provider, fetched };
  }

  const json = (body: unknown, status = 200): Response =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const redirect = (location: string): Response => new Response(null, { status: 302, headers: { location } });

  const API = 'https://api.soundcloud.com';
  const RESOLVE = `${API}/resolve?url=${encodeURIComponent('https://soundcloud.com/a/sets/b')}`;
  const PAGE = `${API}/playlists/soundcloud:playlists:5/tracks?linked_partitioning=true&limit=50&access=playable%2Cpreview%2Cblocked`;
  const STREAMS = `${API}/tracks/soundcloud:tracks:9/streams`;
  const trackJson = (id: number): Record<string, unknown> => ({
    id,
    title: `T${id}`,
    duration: 1000,
    permalink_url: `https://soundcloud.com/a/t${id}`,
    artwork_url: null,
    waveform_url: null,
    user: { username: 'a', avatar_url: null },
    extra: { anything: true },
  });

  it('reads tracks without access (from streamable) and keeps a malformed item as an error in its place', async () => {
    const { provider } = providerWith({
      [RESOLVE]: () => redirect(`${API}/playlists/5`),
      [PAGE]: () => json({ collection: [trackJson(1), { id: 2, title: 7 }, trackJson(3)], next_href: null }),
    });
    const entries = await provider.resolve('https://soundcloud.com/a/sets/b', CAP);
    expect(entries.map((e) => (e.ok ? e.track.id : `${e.error.code}:${e.trackId}`))).toEqual([
      1,
      'SERVER:2',
      3,
    ]);
    expect(entries[0]).toMatchObject({ ok: true, track: { access: 'playable', artworkUrl: null } });
  });

  it('refuses a next_href off the API host without fetching it (the token would go with it)', async () => {
    const { provider, fetched } = providerWith({
      [RESOLVE]: () => redirect(`${API}/playlists/5`),
      [PAGE]: () => json({ collection: [trackJson(1)], next_href: 'https://cf-media.sndcdn.com/steal' }),
    });
    expect(await codeOf(provider.resolve('https://soundcloud.com/a/sets/b', CAP))).toBe('SERVER');
    expect(fetched.some((url) => url.includes('cf-media'))).toBe(false);
  });

  it('stops paging when next_href repeats itself', async () => {
    const { provider, fetched } = providerWith({
      [RESOLVE]: () => redirect(`${API}/playlists/5`),
      [PAGE]: () => json({ collection: [trackJson(1)], next_href: PAGE }),
    });
    expect(tracksOf(await provider.resolve('https://soundcloud.com/a/sets/b', CAP))).toHaveLength(1);
    expect(fetched.filter((url) => url === PAGE)).toHaveLength(1);
  });

  it('answers SERVER for JSON of the wrong shape, and for a resolve that points off the API', async () => {
    const wrong = providerWith({
      [RESOLVE]: () => json({ foo: 1 }),
      [`${API}/tracks/soundcloud:tracks:9`]: () => json({ id: 'nine' }),
      [STREAMS]: () => json({ http_mp3_128_url: 42 }),
    });
    expect(await codeOf(wrong.provider.resolve('https://soundcloud.com/a/sets/b', CAP))).toBe('SERVER');
    expect(await codeOf(wrong.provider.lookupTrack(9))).toBe('SERVER');
    expect(await codeOf(wrong.provider.getStream(9))).toBe('SERVER');
    const offsite = providerWith({ [RESOLVE]: () => redirect('https://evil.example/tracks/1') });
    expect(await codeOf(offsite.provider.resolve('https://soundcloud.com/a/sets/b', CAP))).toBe('SERVER');
    expect(offsite.fetched).toHaveLength(1);
  });

  it('falls back to the next stream when the chosen one is refused, down to the preview', async () => {
    const preview =
      'https://cf-preview-media.sndcdn.com/preview/0/30/x.128.mp3?Expires=2000000000&Signature=s';
    const { provider } = providerWith({
      [STREAMS]: () =>
        json({
          http_mp3_128_url: `${API}/tracks/soundcloud:tracks:9/streams/u/http`,
          preview_mp3_128_url: `${API}/tracks/soundcloud:tracks:9/streams/u/preview`,
        }),
      [`${API}/tracks/soundcloud:tracks:9/streams/u/http`]: () => json({ code: 403 }, 403),
      [`${API}/tracks/soundcloud:tracks:9/streams/u/preview`]: () => redirect(preview),
    });
    expect(await provider.getStream(9)).toEqual({
      url: preview,
      protocol: 'progressive',
      mimeType: 'audio/mpeg',
      expiresAt: 2_000_000_000_000,
      preview: true,
    });
  });

  it("keeps a preview's chapters inside its 30 s, and reads a description of the wrong type as none", async () => {
    const tracklist = ['00:00 Intro', '00:10 First', '00:25 Second', '00:40 Third', '12:00 Fourth'].join(
      '\n',
    );
    const { provider } = providerWith({
      [`${API}/tracks/soundcloud:tracks:8`]: () =>
        json({ ...trackJson(8), duration: 3_600_000, access: 'preview', description: tracklist }),
      [`${API}/tracks/soundcloud:tracks:9`]: () => json({ ...trackJson(9), description: ['00:00 A'] }),
    });
    expect(await provider.lookupTrack(8)).toMatchObject({
      durationMs: 30_000,
      chapters: [
        { startMs: 0, title: 'Intro' },
        { startMs: 10_000, title: 'First' },
        { startMs: 25_000, title: 'Second' },
      ],
    });
    expect(await provider.lookupTrack(9)).toMatchObject({ id: 9, chapters: [] });
  });

  it('uses a CDN URL listed directly (the pre-2025 form) without sending the token there', async () => {
    const media = 'https://cf-hls-media.sndcdn.com/playlist/x.128.mp3/playlist.m3u8?Expires=2000000000';
    const { provider, fetched } = providerWith({ [STREAMS]: () => json({ hls_mp3_128_url: media }) });
    expect(await provider.getStream(9)).toMatchObject({ url: media, protocol: 'hls', preview: false });
    expect(fetched).toEqual([STREAMS]);
  });

  it('answers DRM_ONLY when SoundCloud says the track is not compatible with the platform', async () => {
    const { provider } = providerWith({
      [STREAMS]: () =>
        json(
          { code: 403, message: 'Sorry, this track is not compatible on your current device/platform.' },
          403,
        ),
    });
    expect(await codeOf(provider.getStream(9))).toBe('DRM_ONLY');
  });

  it('answers NOT_FOUND for a playable track with no streams at all', async () => {
    const { provider } = providerWith({
      [STREAMS]: () => json({}),
      [`${API}/tracks/soundcloud:tracks:9`]: () => json({ ...trackJson(9), access: 'playable' }),
    });
    expect(await codeOf(provider.getStream(9))).toBe('NOT_FOUND');
  });

  it.each([
    ['still processing', { state: 'processing' }, 'SERVER', PROCESSING_MESSAGE],
    ['not streamable', { streamable: false }, 'NOT_FOUND', NOT_STREAMABLE_MESSAGE],
  ])('says a track without streams is %s, never geo-blocked', async (_name, extra, code, message) => {
    const { provider } = providerWith({
      [STREAMS]: () => json({}),
      [`${API}/tracks/soundcloud:tracks:9`]: () => json({ ...trackJson(9), ...extra }),
    });
    expect((await failure(provider.getStream(9))).toAppError()).toEqual({ code, message });
  });

  // The fields of /streams since the 2025 deprecation, as API URLs whose HEAD answers 302 to the CDN.
  const field = (name: string): string => `${API}/tracks/soundcloud:tracks:9/streams/u/${name}`;
  const AAC_160 =
    'https://playback.media-streaming.soundcloud.cloud/s/aac_160k/u/playlist.m3u8?expires=2000000000';
  const AAC_96 =
    'https://playback.media-streaming.soundcloud.cloud/s/aac_96k/u/playlist.m3u8?expires=2000000000';
  const MP3_URL = 'https://cf-media.sndcdn.com/s.128.mp3?Expires=2000000000';
  const PREVIEW = 'https://cf-preview-media.sndcdn.com/preview/0/30/s.128.mp3?Expires=2000000000';
  const PREVIEW_HLS =
    'https://cf-hls-media.sndcdn.com/playlist/0/30/s.128.mp3/playlist.m3u8?Expires=2000000000';
  const allFields = (): Response =>
    json({
      hls_aac_160_url: field('aac160'),
      hls_aac_96_url: field('aac96'),
      http_mp3_128_url: field('mp3'),
      preview_mp3_128_url: field('preview'),
    });
  const asked = (fetched: string[]): string[] =>
    fetched.filter((url) => url.includes('/streams/')).map((url) => url.split('/').at(-1) ?? '');

  it('takes AAC 160 first, then AAC 96, then MP3, then the preview', async () => {
    const { provider, fetched } = providerWith({
      [STREAMS]: allFields,
      [field('aac96')]: () => redirect(AAC_96),
    });
    expect(await provider.getStream(9)).toEqual({
      url: AAC_96,
      protocol: 'hls',
      mimeType: 'audio/mp4; codecs="mp4a.40.2"',
      expiresAt: 2_000_000_000_000,
      preview: false,
    });
    expect(asked(fetched)).toEqual(['aac160', 'aac96']);
  });

  it('takes MP3 first when it is preferred and offered, and AAC when it is not offered', async () => {
    const preferred = providerWith({ [STREAMS]: allFields, [field('mp3')]: () => redirect(MP3_URL) }, 'mp3');
    expect(await preferred.provider.getStream(9)).toMatchObject({ url: MP3_URL, protocol: 'progressive' });
    expect(asked(preferred.fetched)).toEqual(['mp3']);
    const aacOnly = providerWith(
      {
        [STREAMS]: () => json({ hls_aac_160_url: field('aac160'), preview_mp3_128_url: field('preview') }),
        [field('aac160')]: () => redirect(AAC_160),
      },
      'mp3',
    );
    expect(await aacOnly.provider.getStream(9)).toMatchObject({ url: AAC_160, preview: false });
  });

  it('skips a whole stream that redirects to a preview, and grants the first preview when all do', async () => {
    const skipped = providerWith({
      [STREAMS]: allFields,
      [field('aac160')]: () => redirect(PREVIEW_HLS),
      [field('aac96')]: () => redirect(AAC_96),
    });
    expect(await skipped.provider.getStream(9)).toMatchObject({ url: AAC_96, preview: false });
    const previews = providerWith({
      [STREAMS]: allFields,
      [field('aac160')]: () => redirect(PREVIEW_HLS),
      [field('aac96')]: () => redirect(PREVIEW),
      [field('mp3')]: () => redirect(PREVIEW),
      [field('preview')]: () => redirect(PREVIEW),
    });
    expect(await previews.provider.getStream(9)).toMatchObject({
      url: PREVIEW_HLS,
      protocol: 'hls',
      preview: true,
    });
    expect(asked(previews.fetched)).toEqual(['aac160', 'aac96', 'mp3']);
  });

  it('says a missing profile or set is missing, by the kind of link', async () => {
    const { provider } = providerWith({});
    const profile = await failure(provider.resolve('https://soundcloud.com/nobody', CAP));
    expect(profile.toAppError()).toEqual({ code: 'NOT_FOUND', message: PROFILE_NOT_FOUND_MESSAGE });
    const set = await failure(provider.resolve('https://soundcloud.com/a/sets/b', CAP));
    expect(set.message).toBe(SET_NOT_FOUND_MESSAGE);
  });

  it('follows next_href through empty pages until it is absent, asking for blocked tracks too', async () => {
    const next = (n: number): string => `${API}/playlists/soundcloud:playlists:5/tracks?cursor=${n}`;
    const { provider, fetched } = providerWith({
      [RESOLVE]: () => redirect(`${API}/playlists/5`),
      [PAGE]: () => json({ collection: [], next_href: next(1) }),
      [next(1)]: () => json({ collection: [trackJson(1)], next_href: next(2) }),
      [next(2)]: () => json({ collection: [], next_href: next(3) }),
      [next(3)]: () => json({ collection: [trackJson(3)], next_href: null }),
    });
    expect(tracksOf(await provider.resolve('https://soundcloud.com/a/sets/b', CAP)).map((t) => t.id)).toEqual(
      [1, 3],
    );
    expect(fetched.filter((url) => url.includes('/playlists/'))).toHaveLength(4);
    expect(new URL(PAGE).searchParams.get('access')).toBe('playable,preview,blocked');
  });
});
