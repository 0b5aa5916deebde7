// Covers the lists of the api-v2 provider (electron/soundcloud/v2-lists.ts, paging.ts) with a fake api-v2:
// profiles paged to the end through empty pages, secret sets, a challenged multi-get filled one by one,
// and what a missing profile or set says.
import { describe, expect, it } from 'vitest';
import {
  PROFILE_NOT_FOUND_MESSAGE,
  SET_NOT_FOUND_MESSAGE,
  UNAVAILABLE_MESSAGE,
} from '../../electron/soundcloud/answers';
import { fail } from '../../electron/soundcloud/http';
import { pageBudget } from '../../electron/soundcloud/paging';
import type { ResolvedTrack } from '../../electron/soundcloud/provider';
import { STUB_GAP_MS, USER_PAGE_SIZE } from '../../electron/soundcloud/v2-lists';
import { DEFAULT_MESSAGES } from '../../shared/errors';
import { failure } from '../helpers/errors';
import type { FakeRoute } from '../helpers/fake-http';
import { addTrack, CLIENT_ID, trackJson, v2World, type V2World } from '../helpers/v2-world';

const USER_ID = 77;
const PROFILE = 'https://soundcloud.com/quiet-room';
const PAGES_PATH = `/users/${USER_ID}/tracks`;
const CAP = { userTrackCap: 500 };

const ids = (entries: ResolvedTrack[]): (number | string)[] =>
  entries.map((e) => (e.ok ? e.track.id : `${e.error.code}:${e.trackId ?? '?'}`));

/** A profile whose pages hold these track ids; each next_href lacks client_id and linked_partitioning. */
function profile(pages: number[][]): V2World {
  const world = v2World();
  world.pages.set(PROFILE, { kind: 'user', id: USER_ID, username: 'Quiet Room' });
  world.routes[PAGES_PATH] = (url) => {
    if (url.searchParams.get('client_id') !== CLIENT_ID) return { status: 401, json: {} };
    const index = Number(url.searchParams.get('offset') ?? 0);
    const more = index + 1 < pages.length;
    return {
      json: {
        collection: (pages[index] ?? []).map((id) => trackJson(id)),
        next_href: more ? `https://api-v2.soundcloud.com${PAGES_PATH}?offset=${index + 1}&limit=50` : null,
      },
    };
  };
  return world;
}

describe('a profile’s pages', () => {
  it('follows next_href through short and empty pages until it is absent', async () => {
    // The first page at limit=50 is empty: api-v2 filters after applying the limit.
    const world = profile([[], [1, 2], [], [], [3], [4, 5]]);
    expect(ids(await world.provider().resolve(PROFILE, CAP))).toEqual([1, 2, 3, 4, 5]);
    const asked = world.hits(PAGES_PATH);
    expect(asked).toHaveLength(6);
    for (const request of asked) {
      expect(request.url.searchParams.get('client_id')).toBe(CLIENT_ID);
      expect(request.url.searchParams.get('linked_partitioning')).toBe('1');
    }
    expect(asked[0]?.url.searchParams.get('limit')).toBe(String(USER_PAGE_SIZE));
  });

  it('stops at the cap, across pages', async () => {
    const world = profile([[1, 2], [], [3, 4], [5, 6]]);
    expect(ids(await world.provider().resolve(PROFILE, { userTrackCap: 3 }))).toEqual([1, 2, 3]);
    expect(world.hits(PAGES_PATH)).toHaveLength(3);
  });

  it('stops when a next_href comes round again', async () => {
    const world = profile([[1]]);
    world.routes[PAGES_PATH] = () => ({
      json: {
        collection: [trackJson(1)],
        next_href: `https://api-v2.soundcloud.com${PAGES_PATH}?offset=x`,
      },
    });
    expect(ids(await world.provider().resolve(PROFILE, CAP))).toEqual([1, 1]);
    expect(world.hits(PAGES_PATH)).toHaveLength(2);
  });

  it('spends at most the page budget on a list of endless empty pages', async () => {
    const world = profile([[]]);
    world.routes[PAGES_PATH] = (url) => ({
      json: {
        collection: [],
        next_href: `https://api-v2.soundcloud.com${PAGES_PATH}?offset=${Number(url.searchParams.get('offset') ?? 0) + 1}`,
      },
    });
    expect(await world.provider().resolve(PROFILE, { userTrackCap: 60 })).toEqual([]);
    expect(world.hits(PAGES_PATH)).toHaveLength(pageBudget(60, USER_PAGE_SIZE));
  });

  it('refuses a next_href that leaves api-v2, before fetching it', async () => {
    const world = profile([[1]]);
    world.routes[PAGES_PATH] = () => ({
      json: { collection: [trackJson(1)], next_href: 'https://api-v2.soundcloud.com.evil.example/x' },
    });
    expect((await failure(world.provider().resolve(PROFILE, CAP))).code).toBe('SERVER');
    expect(world.requests.some((r) => r.url.hostname.includes('evil'))).toBe(false);
  });
});

const SET = 'https://soundcloud.com/someone/sets/demos';
const SECRET_SET = `${SET}/s-SeCrEt123`;
const SET_ID = 900;

/** A set of `full` full tracks and then stubs, whose tracks all exist. */
function set(trackIds: number[], full: number, secretToken: string | null = null): V2World {
  const world = v2World();
  for (const id of trackIds) addTrack(world, id);
  world.pages.set(secretToken === null ? SET : `${SET}/${secretToken}`, {
    kind: 'playlist',
    id: SET_ID,
    secret_token: secretToken,
    tracks: trackIds.map((id, i) => (i < full ? trackJson(id) : { id, kind: 'track', policy: 'ALLOW' })),
  });
  return world;
}

const challenge: FakeRoute = () => fail('CHALLENGED');

describe('sets', () => {
  it('fills a secret set’s stubs with its id and token, so its private tracks come back', async () => {
    const world = set([1, 2, 3], 1, 's-SeCrEt123');
    expect(ids(await world.provider().resolve(SECRET_SET, CAP))).toEqual([1, 2, 3]);
    const [multiGet] = world.hits('/tracks');
    expect(multiGet?.url.searchParams.get('ids')).toBe('2,3');
    expect(multiGet?.url.searchParams.get('playlistId')).toBe(String(SET_ID));
    expect(multiGet?.url.searchParams.get('playlistSecretToken')).toBe('s-SeCrEt123');
  });

  it('sends no playlist token for a public set', async () => {
    const world = set([1, 2], 1);
    await world.provider().resolve(SET, CAP);
    expect(world.hits('/tracks')[0]?.url.searchParams.has('playlistSecretToken')).toBe(false);
  });

  it('fills the stubs of a challenged multi-get one by one, paced, never rediscovering the client id', async () => {
    const world = set([1, 2, 3, 4], 1);
    world.routes['/tracks'] = challenge;
    const pauses: number[] = [];
    let inFlight = 0;
    let most = 0;
    for (const id of [2, 3, 4]) {
      world.routes[`/tracks/${id}`] = async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return { json: trackJson(id) };
      };
    }
    const provider = world.provider({
      sleep: (ms) => {
        pauses.push(ms);
        return Promise.resolve();
      },
    });
    expect(ids(await provider.resolve(SET, CAP))).toEqual([1, 2, 3, 4]);
    expect(world.requests.map((r) => r.url.pathname)).toEqual([
      '/resolve',
      '/tracks',
      '/tracks/2',
      '/tracks/3',
      '/tracks/4',
    ]);
    expect(most).toBe(1);
    expect(pauses).toEqual([STUB_GAP_MS, STUB_GAP_MS]);
    expect(world.clientIds.invalidated).toEqual([]);
  });

  it('sends the first multi-get alone: challenged, the other batches are not sent at all', async () => {
    const trackIds = Array.from({ length: 120 }, (_, i) => 1000 + i);
    const world = set(trackIds, 5);
    world.routes['/tracks'] = challenge;
    expect(ids(await world.provider().resolve(SET, CAP))).toEqual(trackIds);
    expect(world.hits('/tracks')).toHaveLength(1);
    expect(world.hits(/^\/tracks\/\d+$/)).toHaveLength(115);
  });

  it('sends the other batches together once the first got through', async () => {
    const trackIds = Array.from({ length: 160 }, (_, i) => 2000 + i);
    const world = set(trackIds, 5);
    expect(ids(await world.provider().resolve(SET, CAP))).toEqual(trackIds);
    expect(world.hits('/tracks').map((r) => r.url.searchParams.get('ids')?.split(',').length)).toEqual([
      50, 50, 50, 5,
    ]);
  });

  it('stops the walk at a second challenge: the rest carry CHALLENGED and their ids, to retry', async () => {
    const world = set([1, 2, 3, 4], 1);
    world.routes['/tracks'] = challenge;
    world.routes['/tracks/3'] = challenge;
    const entries = await world.provider().resolve(SET, CAP);
    expect(ids(entries)).toEqual([1, 2, 'CHALLENGED:3', 'CHALLENGED:4']);
    expect(entries[3]).toEqual({
      ok: false,
      error: { code: 'CHALLENGED', message: DEFAULT_MESSAGES.CHALLENGED },
      label: 'Track 4',
      trackId: 4,
    });
    expect(world.hits('/tracks/4')).toEqual([]);
    expect(world.clientIds.invalidated).toEqual([]);
  });

  it('marks a stub the multi-get leaves out as unavailable, and one missing by id as not found', async () => {
    const world = set([1, 2, 3], 1);
    world.tracks.delete(3);
    const entries = await world.provider().resolve(SET, CAP);
    expect(entries[2]).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: UNAVAILABLE_MESSAGE },
    });
    world.routes['/tracks'] = challenge;
    expect(ids(await world.provider().resolve(SET, CAP))).toEqual([1, 2, 'NOT_FOUND:3']);
  });
});

describe('a link that leads nowhere', () => {
  it.each([
    ['a profile', PROFILE, PROFILE_NOT_FOUND_MESSAGE],
    ['a set', SET, SET_NOT_FOUND_MESSAGE],
    ['a secret set', SECRET_SET, SET_NOT_FOUND_MESSAGE],
    ['a track', 'https://soundcloud.com/someone/gone', DEFAULT_MESSAGES.NOT_FOUND],
  ])('says which: %s', async (_name, link, message) => {
    const error = await failure(v2World().provider().resolve(link, CAP));
    expect(error.toAppError()).toEqual({ code: 'NOT_FOUND', message });
  });

  it('answers CHALLENGED for a challenged /resolve, keeping the client id', async () => {
    const world = v2World();
    world.routes['/resolve'] = challenge;
    expect((await failure(world.provider().resolve(PROFILE, CAP))).code).toBe('CHALLENGED');
    expect(world.clientIds.invalidated).toEqual([]);
  });
});
