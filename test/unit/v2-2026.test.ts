// Covers the api-v2 provider (electron/soundcloud/v2*.ts, client-id.ts) against the simulator's 2026
// behaviour and its kinder switches: DataDome on the guarded paths, secret sets, sparse profiles, label
// tracks, Opus, required track_authorization, a challenged home page, and missing pages.
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILE_NOT_FOUND_MESSAGE, SET_NOT_FOUND_MESSAGE } from '../../electron/soundcloud/answers';
import {
  createClientIdStore,
  HOME_CHALLENGED,
  type ClientIdStore,
} from '../../electron/soundcloud/client-id';
import { createHttp } from '../../electron/soundcloud/http';
import type { Provider, ResolvedTrack } from '../../electron/soundcloud/provider';
import { createV2Provider, type V2ProviderOptions } from '../../electron/soundcloud/v2';
import { STUB_GAP_MS } from '../../electron/soundcloud/v2-lists';
import type { SimTrack } from '../simulator/catalogue';
import { permalinkOf, playlistPermalinkOf, tracksOfUser, userPermalinkOf } from '../simulator/catalogue';
import { CHALLENGE_SHAPES } from '../simulator/challenges';
import type { RequestRecord } from '../simulator/server';
import { requestsSince, useSimulator } from '../helpers/simulator';
import { DEFAULT_SETTINGS, type SimSettings } from '../simulator/settings';
import { codeOf, failure } from '../helpers/errors';
import { CATALOGUE, LARGE_SET, SECRET_SET } from '../helpers/sim-catalogue';

const CAP = { userTrackCap: 1000 };

const sim = useSimulator();

afterEach(() => {
  sim.clearFaults();
  sim.configure({ ...DEFAULT_SETTINGS });
});

interface Setup {
  provider: Provider;
  /** Every client id SoundCloud was said to have refused. */
  invalidated: string[];
  /** The pauses taken between single-track requests. */
  pauses: number[];
}

function setup(
  options: Partial<V2ProviderOptions> & { userClientId?: string; fetch?: typeof fetch } = {},
): Setup {
  const http = createHttp({
    origin: sim.origin,
    backoffBaseMs: 1,
    backoffMaxMs: 5,
    waitBoundMs: 1_000,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const store = createClientIdStore({ http, userClientId: () => options.userClientId ?? '' });
  const invalidated: string[] = [];
  const clientIds: ClientIdStore = {
    get: () => store.get(),
    peek: () => store.peek(),
    request: (build) => store.request(build),
    invalidate: (stale) => {
      invalidated.push(stale);
      store.invalidate(stale);
    },
  };
  const pauses: number[] = [];
  const sleep = (ms: number): Promise<void> => {
    pauses.push(ms);
    return Promise.resolve();
  };
  const provider = createV2Provider({ http, clientIds, origin: sim.origin, sleep, ...options });
  return { provider, invalidated, pauses };
}

const apiHits = (log: RequestRecord[], path: string | RegExp): RequestRecord[] =>
  log.filter(
    (r) =>
      r.host === 'api-v2.soundcloud.com' && (typeof path === 'string' ? r.path === path : path.test(r.path)),
  );

function ids(entries: ResolvedTrack[]): (number | string)[] {
  return entries.map((e) => (e.ok ? e.track.id : `${e.error.code}:${e.trackId ?? '?'}`));
}

function byRole(role: NonNullable<SimTrack['role']>, index = 0): SimTrack {
  const track = CATALOGUE.tracks.filter((t) => t.role === role)[index];
  if (track === undefined) throw new Error(`no ${role} track`);
  return track;
}

const QUIET_ROOM = CATALOGUE.users.find((u) => u.permalink === 'quiet-room');
const ORDINARY = CATALOGUE.tracks.filter((t) => t.role === null && !t.title.startsWith('Archive'));

describe('sets behind the bot check', () => {
  it('fills a large set through the multi-get when the client passes as a browser (the default)', async () => {
    if (LARGE_SET === undefined) throw new Error('no large set');
    const { provider, invalidated } = setup();
    const log = requestsSince(sim);
    const entries = await provider.resolve(playlistPermalinkOf(LARGE_SET), CAP);
    expect(ids(entries)).toEqual(LARGE_SET.tracks.map((t) => t.id));
    expect(apiHits(log(), /^\/tracks\/\d+$/)).toEqual([]);
    expect(log().filter((r) => r.fault !== undefined && r.fault !== null)).toEqual([]);
    expect(invalidated).toEqual([]);
  });

  it.each(CHALLENGE_SHAPES)(
    'fills the stubs one by one, paced, when every multi-get is challenged (%s)',
    { timeout: 60_000 },
    async (shape) => {
      if (LARGE_SET === undefined) throw new Error('no large set');
      sim.configure({ botCheck: 'always', botCheckShape: shape });
      const { provider, invalidated, pauses } = setup();
      const log = requestsSince(sim);
      const entries = await provider.resolve(playlistPermalinkOf(LARGE_SET), CAP);
      expect(ids(entries)).toEqual(LARGE_SET.tracks.map((t) => t.id));
      const stubs = LARGE_SET.tracks.slice(5);
      // One multi-get asked (the route then pauses: the other batches fail at once), then each stub alone.
      expect(apiHits(log(), '/tracks')).toHaveLength(1);
      expect(apiHits(log(), /^\/tracks\/\d+$/).map((r) => r.path)).toEqual(
        stubs.map((t) => `/tracks/${t.id}`),
      );
      expect(pauses).toEqual(stubs.slice(1).map(() => STUB_GAP_MS));
      // A challenge is not a refused client id: the one in hand is kept.
      expect(invalidated).toEqual([]);
      const clientIdsSent = new Set(
        apiHits(log(), /./).map((r) => new URLSearchParams(r.query).get('client_id')),
      );
      expect(clientIdsSent).toEqual(new Set([sim.clientId]));
    },
  );

  it('gives a profile behind a standing challenge as CHALLENGED, keeping the client id', async () => {
    if (QUIET_ROOM === undefined) throw new Error('no Quiet Room');
    sim.configure({ botCheck: 'always' });
    const { provider, invalidated } = setup();
    expect(await codeOf(provider.resolve(userPermalinkOf(QUIET_ROOM), CAP))).toBe('CHALLENGED');
    expect(invalidated).toEqual([]);
  });
});

describe('a secret set', () => {
  it('comes whole, its private tracks included, from its /s- link', async () => {
    if (SECRET_SET === undefined || SECRET_SET.secretToken === null) throw new Error('no secret set');
    const { provider } = setup();
    const log = requestsSince(sim);
    const entries = await provider.resolve(playlistPermalinkOf(SECRET_SET), CAP);
    expect(ids(entries)).toEqual(SECRET_SET.tracks.map((t) => t.id));
    const [multiGet] = apiHits(log(), '/tracks');
    const query = new URLSearchParams(multiGet?.query);
    expect(query.get('playlistId')).toBe(String(SECRET_SET.id));
    expect(query.get('playlistSecretToken')).toBe(SECRET_SET.secretToken);
    // The private ones play too: their tokens came with them.
    const hidden = SECRET_SET.tracks.find((t) => t.secretToken !== null);
    if (hidden === undefined) throw new Error('no private track in the secret set');
    expect(await provider.getStream(hidden.id)).toMatchObject({ preview: false });
  });

  it('is missing without its token, and says it is a set', async () => {
    if (SECRET_SET === undefined || SECRET_SET.secretToken === null) throw new Error('no secret set');
    const bare = playlistPermalinkOf(SECRET_SET).replace(`/${SECRET_SET.secretToken}`, '');
    const error = await failure(setup().provider.resolve(bare, CAP));
    expect(error.toAppError()).toEqual({ code: 'NOT_FOUND', message: SET_NOT_FOUND_MESSAGE });
  });
});

describe('a sparse profile', () => {
  it.each([
    ['realistic paging (an empty first page)', true],
    ['kind paging', false],
  ])('gives every public track of Quiet Room with %s', async (_mode, realistic) => {
    if (QUIET_ROOM === undefined) throw new Error('no Quiet Room');
    sim.configure({ realisticPaging: realistic });
    const { provider } = setup();
    const log = requestsSince(sim);
    const entries = await provider.resolve(userPermalinkOf(QUIET_ROOM), CAP);
    const listed = tracksOfUser(CATALOGUE, QUIET_ROOM).filter((t) => !realistic || t.policy !== 'BLOCK');
    expect(ids(entries)).toEqual(listed.map((t) => t.id));
    // Realistic pages are cut from all 120 uploads; the kind ones from the 13 public tracks alone.
    const pages = apiHits(log(), `/users/${QUIET_ROOM.id}/tracks`);
    expect(pages).toHaveLength(realistic ? 3 : 1);
    for (const page of pages) expect(new URLSearchParams(page.query).get('client_id')).toBe(sim.clientId);
  });

  it('still stops at the cap', async () => {
    if (QUIET_ROOM === undefined) throw new Error('no Quiet Room');
    const entries = await setup().provider.resolve(userPermalinkOf(QUIET_ROOM), { userTrackCap: 4 });
    expect(entries).toHaveLength(4);
  });

  it('is missing, and says it is a profile', async () => {
    const error = await failure(setup().provider.resolve('https://soundcloud.com/nobody-lives-here', CAP));
    expect(error.toAppError()).toEqual({ code: 'NOT_FOUND', message: PROFILE_NOT_FOUND_MESSAGE });
  });
});

describe('label tracks', () => {
  it.each([0, 1])('are DRM_ONLY while their plain streams are missing (label track %i)', async (index) => {
    const track = byRole('label', index);
    const { provider } = setup();
    expect(await codeOf(provider.getStream(track.id))).toBe('DRM_ONLY');
    const log = requestsSince(sim);
    expect(await codeOf(provider.getStream(track.id))).toBe('DRM_ONLY');
    expect(log()).toEqual([]);
  });

  it.each([0, 1])('play their plain MP3 once it is served again (label track %i)', async (index) => {
    sim.configure({ labelPlainStreams: 'served' });
    const track = byRole('label', index);
    const grant = await setup().provider.getStream(track.id);
    expect(grant).toMatchObject({ mimeType: 'audio/mpeg', preview: false });
  });
});

describe('transcodings and their authorisation', () => {
  it('never asks for the Opus HLS an ordinary track lists', async () => {
    const track = ORDINARY[0];
    if (track === undefined) throw new Error('no ordinary track');
    const query = new URLSearchParams({ url: permalinkOf(track), client_id: sim.clientId });
    const listed = (await (await fetch(`${sim.origin}/api-v2.soundcloud.com/resolve?${query}`)).json()) as {
      media: { transcodings: { url: string; format: { mime_type: string } }[] };
    };
    const opus = listed.media.transcodings.find((t) => t.format.mime_type.includes('opus'));
    if (opus === undefined) throw new Error('the track lists no Opus');
    // Every stream gone: what is asked for is every transcoding Cloudcue would play.
    const asked: string[] = [];
    const gone: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!url.pathname.startsWith('/api-v2.soundcloud.com/media/')) return fetch(input, init);
      asked.push(url.pathname.replace('/api-v2.soundcloud.com', ''));
      return Promise.resolve(Response.json({}, { status: 404 }));
    };
    const { provider } = setup({ fetch: gone });
    await provider.resolve(permalinkOf(track), CAP);
    expect(await codeOf(provider.getStream(track.id))).toBe('NOT_FOUND');
    expect(asked).toHaveLength(3);
    expect(asked).not.toContain(new URL(opus.url).pathname);
  });

  it.each(['optional', 'required'] as const)(
    'plays an ordinary track with track_authorization %s',
    async (mode) => {
      sim.configure({ trackAuthorization: mode });
      const track = ORDINARY[1];
      if (track === undefined) throw new Error('no ordinary track');
      const { provider } = setup();
      await provider.resolve(permalinkOf(track), CAP);
      expect(await provider.getStream(track.id)).toMatchObject({ preview: false });
    },
  );
});

describe('the home page', () => {
  it.each<[string, Partial<SimSettings>]>([
    ['with its hydration', {}],
    ['without it (the bundles hold the id)', { homeHydration: false }],
  ])('gives the client id %s', async (_name, settings) => {
    sim.configure(settings);
    const track = ORDINARY[2];
    if (track === undefined) throw new Error('no ordinary track');
    expect(ids(await setup().provider.resolve(permalinkOf(track), CAP))).toEqual([track.id]);
  });

  it('fails CHALLENGED when it asks for a human check, and a client id from Settings goes around it', async () => {
    sim.configure({ homeChallenge: true });
    const track = ORDINARY[2];
    if (track === undefined) throw new Error('no ordinary track');
    const error = await failure(setup().provider.resolve(permalinkOf(track), CAP));
    expect(error.toAppError()).toEqual({ code: 'CHALLENGED', message: HOME_CHALLENGED });
    const entered = setup({ userClientId: sim.clientId });
    expect(ids(await entered.provider.resolve(permalinkOf(track), CAP))).toEqual([track.id]);
    expect(await entered.provider.getStream(track.id)).toMatchObject({ preview: false });
  });
});

describe('the catalogue’s special tracks, by what the 2026 service answers', () => {
  it.each<[string, SimTrack, string]>([
    ['geo-blocked', byRole('geo-blocked'), 'GEO_BLOCKED'],
    ['DRM-only', byRole('drm-only'), 'DRM_ONLY'],
    ['unstreamable', byRole('unstreamable'), 'NOT_FOUND'],
    ['processing', byRole('processing'), 'SERVER'],
  ])('a %s track is blocked at resolve time and says so when asked to play', async (_name, track, code) => {
    const { provider } = setup();
    const [entry] = await provider.resolve(permalinkOf(track), CAP);
    expect(entry).toMatchObject({ ok: true, track: { access: 'blocked' } });
    expect(await codeOf(provider.getStream(track.id))).toBe(code);
  });

  it('grants a disguised preview as a preview, there being nothing better', async () => {
    const track = byRole('disguised-preview');
    const grant = await setup().provider.getStream(track.id);
    expect(grant.preview).toBe(true);
  });
});
